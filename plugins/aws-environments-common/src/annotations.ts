/**
 * Annotation on every catalog entity that belongs to an environment: the
 * environment's name in the aws-environments backend.
 *
 * @public
 */
export const ANNOTATION_AWS_ENVIRONMENT = 'innovate.io/aws-environment';

/**
 * The part of the environment an entity stands for, e.g. `eks-cluster`,
 * `rds-instance`; the frontend picks the matching view from it.
 *
 * @public
 */
export const ANNOTATION_AWS_COMPONENT = 'innovate.io/aws-component';

/**
 * The AWS identity of the resource: its ARN where it has one, otherwise its
 * CloudFormation logical id prefixed by the stack (`stack/LogicalId`).
 *
 * @public
 */
export const ANNOTATION_AWS_ARN = 'innovate.io/aws-arn';

/**
 * The CloudFormation resource type, e.g. `AWS::EKS::Cluster`.
 *
 * @public
 */
export const ANNOTATION_AWS_RESOURCE_TYPE = 'innovate.io/aws-resource-type';

/**
 * The AWS account id the resource lives in.
 *
 * @public
 */
export const ANNOTATION_AWS_ACCOUNT = 'innovate.io/aws-account-id';

/**
 * The AWS region the resource lives in.
 *
 * @public
 */
export const ANNOTATION_AWS_REGION = 'innovate.io/aws-region';

/**
 * Which data view of the environment shows this entity's health
 * (`cluster`, `database`, `alarms` or `cost`).
 *
 * @public
 */
export const ANNOTATION_AWS_VIEW = 'innovate.io/aws-view';

/**
 * Values of {@link ANNOTATION_AWS_COMPONENT} that the frontend gives a view
 * of its own. Every other part of an environment uses a descriptive value of
 * its own (`vpc`, `nat-gateway`, `alb`, ...).
 *
 * @public
 */
export const AWS_COMPONENT = {
  /** The environment itself: entity content with all views. */
  environment: 'environment',
  /** The EKS cluster: the cluster card. */
  eksCluster: 'eks-cluster',
  /** An EKS managed node group: the cluster card. */
  eksNodeGroup: 'eks-nodegroup',
  /** The RDS instance: the database card. */
  rdsInstance: 'rds-instance',
  /** A CloudWatch alarm: the alarms card. */
  alarm: 'cloudwatch-alarm',
  /** The AWS Budget: the cost card. */
  budget: 'budget',
  /** A Route 53 alias record of a name the environment serves: the domain card. */
  dnsRecord: 'route53-record',
  /** An ACM certificate of the environment's domain: the domain card. */
  acmCertificate: 'acm-certificate',
} as const;
