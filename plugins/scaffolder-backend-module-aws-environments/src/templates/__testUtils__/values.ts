/** Valid parameters of the flask-api template (an environment's outputs). */
export const FLASK_API_VALUES = {
  name: 'orders-api',
  description: "Orders API: the shop's order book (v1)",
  owner: 'group:default/application-team',
  environment: 'innovate-prod',
  namespace: 'innovate',
  serviceAccountName: 'flask-api',
  irsaRoleArn:
    'arn:aws:iam::222222222222:role/innovate-prod-cluster-ApiServiceAccountRole',
  dbSecretArn:
    'arn:aws:secretsmanager:us-east-1:222222222222:secret:rds!db-0a1b2c3d-4e5f-6789-abcd-ef0123456789-AbCdEf',
  dbHost: 'innovate-prod-db.c1a2b3c4d5e6.us-east-1.rds.amazonaws.com',
  dbName: 'app',
  vpcCidr: '10.0.0.0/16',
  awsRegion: 'us-east-1',
  ecrRepositoryUri:
    '111111111111.dkr.ecr.us-east-1.amazonaws.com/innovate-prod/api',
  ciRoleArn: 'arn:aws:iam::111111111111:role/github-actions-orders-api',
  port: 8080,
  repoUrl: 'github.com?owner=innovate-inc&repo=orders-api',
};

/** Valid parameters of the react-spa template. */
export const REACT_SPA_VALUES = {
  name: 'innovate-web',
  title: "Innovate: the shop's front",
  description: 'The React SPA of the Innovate shop',
  owner: 'group:default/application-team',
  environment: 'innovate-prod',
  awsRegion: 'us-east-1',
  bucketName: 'innovate-prod-edge-spabucket-1a2b3c4d5e6f',
  distributionId: 'E1A2B3C4D5E6F7',
  deployRoleArn: 'arn:aws:iam::222222222222:role/github-actions-innovate-web',
  repoUrl: 'github.com?owner=innovate-inc&repo=innovate-web',
};
