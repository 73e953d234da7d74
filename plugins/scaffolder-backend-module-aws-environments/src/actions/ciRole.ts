import type { EnvironmentValues, ServiceKind } from './environmentOutputs';

/** The GitHub repository a template creates, when the action is told it. */
export interface Repository {
  owner: string;
  repo: string;
}

const GITHUB_OIDC = 'token.actions.githubusercontent.com';

/**
 * The CI role of a service: the environment has none (the CDK app creates
 * no role for GitHub Actions), so the ARN is `null`, with what to create:
 * the message, the role's permissions policy (scoped to the environment's
 * repository, or bucket and distribution) and its trust policy (GitHub's
 * OIDC provider, this repository's main branch).
 */
export function ciRole(
  values: EnvironmentValues,
  kinds: ServiceKind[],
  repository?: Repository,
) {
  const statements = kinds.flatMap(kind => policyStatements(values, kind));
  const account = kinds.includes('api')
    ? values.managementAccountId
    : values.workloadsAccountId;
  const subject = repository
    ? `repo:${repository.owner}/${repository.repo}:ref:refs/heads/main`
    : 'repo:<owner>/<repository>:ref:refs/heads/main';
  const trustPolicy = {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: {
          Federated: `arn:aws:iam::${account}:oidc-provider/${GITHUB_OIDC}`,
        },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: {
            [`${GITHUB_OIDC}:aud`]: 'sts.amazonaws.com',
            [`${GITHUB_OIDC}:sub`]: subject,
          },
        },
      },
    ],
  };
  const what = kinds
    .map(kind =>
      kind === 'api'
        ? `push images to ${values.outputs.ecrRepositoryUri}`
        : `upload to s3://${values.outputs.spaBucketName} and invalidate CloudFront distribution ${values.outputs.distributionId}`,
    )
    .join(' and ');
  const message =
    `Environment ${values.environment} has no CI role for GitHub Actions (the CDK app creates none), so ciRoleArn is null. ` +
    `To let the repository's workflow ${what}: create an IAM role in account ${account} ` +
    `trusted by GitHub's OIDC provider (${GITHUB_OIDC}, audience sts.amazonaws.com, subject ${subject}; the trust policy is ciRoleTrustPolicy), ` +
    `give it the permissions policy ciRolePolicy (${statements
      .flatMap(s => s.Action)
      .join(', ')}, on this environment's resources only), ` +
    `then set its ARN as the repository variable AWS_ROLE_ARN (Settings → Secrets and variables → Actions → Variables). ` +
    `Until then the workflow's deploy step fails saying so.`;
  return {
    ciRoleArn: null,
    message,
    policy: JSON.stringify(
      { Version: '2012-10-17', Statement: statements },
      null,
      2,
    ),
    trustPolicy: JSON.stringify(trustPolicy, null, 2),
  };
}

function policyStatements(values: EnvironmentValues, kind: ServiceKind) {
  const { region, managementAccountId, workloadsAccountId, outputs } = values;
  if (kind === 'api') {
    const uri = outputs.ecrRepositoryUri ?? '';
    const repositoryName = uri.slice(uri.indexOf('/') + 1);
    return [
      {
        Sid: 'EcrLogin',
        Effect: 'Allow',
        Action: ['ecr:GetAuthorizationToken'],
        Resource: '*',
      },
      {
        Sid: 'EcrPush',
        Effect: 'Allow',
        Action: [
          'ecr:BatchCheckLayerAvailability',
          'ecr:BatchGetImage',
          'ecr:CompleteLayerUpload',
          'ecr:DescribeImages',
          'ecr:InitiateLayerUpload',
          'ecr:PutImage',
          'ecr:UploadLayerPart',
        ],
        Resource: `arn:aws:ecr:${region}:${managementAccountId}:repository/${repositoryName}`,
      },
    ];
  }
  const bucket = `arn:aws:s3:::${outputs.spaBucketName}`;
  return [
    {
      Sid: 'SpaBucketList',
      Effect: 'Allow',
      Action: ['s3:ListBucket'],
      Resource: bucket,
    },
    {
      Sid: 'SpaBucketWrite',
      Effect: 'Allow',
      Action: ['s3:PutObject', 's3:DeleteObject'],
      Resource: `${bucket}/*`,
    },
    {
      Sid: 'Invalidate',
      Effect: 'Allow',
      Action: ['cloudfront:CreateInvalidation'],
      Resource: `arn:aws:cloudfront::${workloadsAccountId}:distribution/${outputs.distributionId}`,
    },
  ];
}
