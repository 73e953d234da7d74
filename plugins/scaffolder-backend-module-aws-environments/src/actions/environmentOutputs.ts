import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ENVIRONMENT_PART_COMPONENTS as C } from '@innovate/environment-cdk';
import {
  ANNOTATION_AWS_COMPONENT,
  ENVIRONMENT_DESIGN,
  environmentStackName,
  EnvironmentDetail,
  EnvironmentStackRole,
  IRSA_SERVICE_ACCOUNTS,
} from '@innovate/plugin-aws-environments-common';

/**
 * The kind of service a template creates on the environment: `api` (the
 * Flask API on EKS: cluster, database, ALB target group, ECR) or `spa` (the
 * React app: S3 bucket and CloudFront distribution).
 */
export type ServiceKind = 'api' | 'spa';

/** One stack output a service needs: the stack's role and the output id. */
interface OutputSource {
  role: EnvironmentStackRole;
  output: string;
}

/**
 * Where each value comes from: the output ids of the CDK app's stacks
 * (`addOutputs` in packages/environment-cdk/src/stacks), a contract.
 */
const OUTPUT_SOURCES = {
  vpcId: { role: 'network', output: 'VpcId' },
  clusterName: { role: 'cluster', output: 'ClusterName' },
  apiRoleArn: { role: 'cluster', output: 'ApiServiceAccountRoleArn' },
  databaseHost: { role: 'database', output: 'DatabaseEndpoint' },
  databasePort: { role: 'database', output: 'DatabasePort' },
  databaseName: { role: 'database', output: 'DatabaseName' },
  databaseSecretArn: { role: 'database', output: 'DatabaseSecretArn' },
  apiTargetGroupArn: { role: 'edge', output: 'ApiTargetGroupArn' },
  ecrRepositoryUri: { role: 'registry', output: 'RepositoryUri' },
  spaBucketName: { role: 'edge', output: 'SpaBucketName' },
  distributionId: { role: 'edge', output: 'DistributionId' },
  distributionDomainName: { role: 'edge', output: 'DistributionDomainName' },
} satisfies Record<string, OutputSource>;

type OutputName = keyof typeof OUTPUT_SOURCES;

/** The outputs each kind of service cannot do without. */
const REQUIRED_OUTPUTS: Record<ServiceKind, OutputName[]> = {
  api: [
    'clusterName',
    'apiRoleArn',
    'databaseHost',
    'databaseName',
    'databaseSecretArn',
    'apiTargetGroupArn',
    'ecrRepositoryUri',
  ],
  spa: ['spaBucketName', 'distributionId', 'distributionDomainName'],
};

/**
 * The environment's catalog entities a service depends on, by their
 * `innovate.io/aws-component` annotation (the values the CDK app's catalog
 * parts use); optional ones are added when present.
 */
const ENTITY_COMPONENTS = {
  environment: { component: C.environment, for: [] },
  cluster: { component: C.eksCluster, for: ['api'] },
  database: { component: C.rdsInstance, for: ['api'] },
  databaseSecret: { component: C.secret, for: [] },
  loadBalancer: { component: C.loadBalancer, for: ['api'] },
  ecrRepository: { component: C.ecrRepository, for: [] },
  spaBucket: { component: C.s3Bucket, for: ['spa'] },
  distribution: { component: C.cloudFrontDistribution, for: ['spa'] },
} satisfies Record<string, { component: string; for: ServiceKind[] }>;

type EntityName = keyof typeof ENTITY_COMPONENTS;

/** What each kind of service `dependsOn` in the catalog, in this order. */
const DEPENDS_ON: Record<ServiceKind, EntityName[]> = {
  api: ['cluster', 'database', 'databaseSecret', 'loadBalancer'],
  spa: ['spaBucket', 'distribution'],
};

/**
 * Characters a value may have: those of ARNs, host names, bucket names and
 * image URIs. The values end up in YAML, shell (workflows) and Markdown;
 * anything else (spaces, quotes, `$`, newlines) means the output is not
 * what the CDK app writes.
 */
const SAFE_VALUE = /^[A-Za-z0-9._:/@+=,!-]{1,512}$/;

/** Everything the templates take from an environment. */
export interface EnvironmentValues {
  environment: string;
  entityRef: string;
  source: string;
  region: string;
  workloadsAccountId: string;
  managementAccountId: string;
  vpcCidr: string;
  namespace: string;
  serviceAccountName: string;
  apiPort: number;
  outputs: Partial<Record<OutputName, string>>;
  entityRefs: Partial<Record<EntityName, string>>;
  dependsOn: string[];
}

/** A problem that stops the action, already phrased for the task log. */
export class EnvironmentNotReadyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnvironmentNotReadyError';
  }
}

/**
 * The environment's values a service of `kinds` needs, from the backend's
 * environment record (spec and stack outputs of the last successful
 * deployment) and its catalog entities. Throws naming every missing output
 * or entity, and any output whose value is not a plain identifier.
 */
export function environmentValues(
  detail: EnvironmentDetail,
  entities: Entity[],
  kinds: ServiceKind[],
): EnvironmentValues {
  const name = detail.name;
  const outputs = readOutputs(detail, kinds);
  const entityRefs = readEntityRefs(name, entities, kinds);
  const dependsOn = [
    ...new Set(
      kinds.flatMap(kind =>
        DEPENDS_ON[kind].flatMap(entity => entityRefs[entity] ?? []),
      ),
    ),
  ];
  return {
    environment: name,
    entityRef: entityRefs.environment ?? `resource:default/${name}`,
    source: detail.source,
    region: detail.spec.region ?? detail.region,
    workloadsAccountId: detail.accounts.workloads,
    managementAccountId: detail.accounts.management,
    vpcCidr: detail.spec.network?.vpcCidr,
    // The API role trusts exactly this service account (IRSA condition
    // `system:serviceaccount:<namespace>:<name>`).
    namespace: IRSA_SERVICE_ACCOUNTS.api.namespace,
    serviceAccountName: IRSA_SERVICE_ACCOUNTS.api.name,
    apiPort: ENVIRONMENT_DESIGN.apiPort,
    outputs,
    entityRefs,
    dependsOn,
  };
}

function readOutputs(detail: EnvironmentDetail, kinds: ServiceKind[]) {
  const required = new Set(kinds.flatMap(kind => REQUIRED_OUTPUTS[kind]));
  const outputs: Partial<Record<OutputName, string>> = {};
  const missing: string[] = [];
  const unsafe: string[] = [];
  for (const [key, source] of Object.entries(OUTPUT_SOURCES) as [
    OutputName,
    OutputSource,
  ][]) {
    const id = `${environmentStackName(detail.name, source.role)}.${
      source.output
    }`;
    const value = detail.outputs[id];
    if (value === undefined || value === '') {
      if (required.has(key)) missing.push(id);
    } else if (!SAFE_VALUE.test(value)) {
      unsafe.push(`${id} = ${JSON.stringify(value.slice(0, 80))}`);
    } else {
      outputs[key] = value;
    }
  }
  if (missing.length > 0) {
    throw new EnvironmentNotReadyError(
      `Environment ${detail.name} (${
        detail.status
      }) has no stack outputs ${missing.join(
        ', ',
      )}. The environment must be deployed (successfully, with the current CDK app) before a service can be created on it: deploy it from its page or with aws-environments:deploy, then run this template again.`,
    );
  }
  if (unsafe.length > 0) {
    throw new EnvironmentNotReadyError(
      `Environment ${
        detail.name
      } has stack outputs that are not plain identifiers (ARNs, names, host names): ${unsafe.join(
        '; ',
      )}. Redeploy the environment; nothing was rendered.`,
    );
  }
  return outputs;
}

function readEntityRefs(
  name: string,
  entities: Entity[],
  kinds: ServiceKind[],
) {
  const refs: Partial<Record<EntityName, string>> = {};
  const missing: string[] = [];
  for (const [key, { component, for: neededBy }] of Object.entries(
    ENTITY_COMPONENTS,
  ) as [EntityName, { component: string; for: ServiceKind[] }][]) {
    const entity = entities.find(
      e => e.metadata.annotations?.[ANNOTATION_AWS_COMPONENT] === component,
    );
    if (entity) {
      refs[key] = stringifyEntityRef(entity);
    } else if (neededBy.some(kind => kinds.includes(kind))) {
      missing.push(component);
    }
  }
  if (missing.length > 0) {
    throw new EnvironmentNotReadyError(
      `Environment ${name} has no catalog entities for ${missing.join(
        ', ',
      )} (annotation ${ANNOTATION_AWS_COMPONENT}), which the service depends on. Its entities come from its last successful deployment: deploy the environment first.`,
    );
  }
  return refs;
}
