import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { ENVIRONMENT_DESIGN } from '@innovate/plugin-aws-environments-common';
import { AwsEnvironmentsBackend } from '../services/AwsEnvironmentsBackendClient';
import { ciRole, Repository } from './ciRole';
import {
  EnvironmentNotReadyError,
  environmentValues,
  ServiceKind,
} from './environmentOutputs';
import { examples } from './outputs.examples';
import { rethrowRefusal } from './refused';

/**
 * What `aws-environments:outputs` needs.
 *
 * @public
 */
export interface OutputsActionOptions {
  /** The aws-environments backend, called on behalf of the user. */
  backend: AwsEnvironmentsBackend;
  /**
   * The catalog, asked (as the user) whether the environment already has a
   * Flask API: one environment has one API target group and one IRSA role,
   * and a second TargetGroupBinding on the group would fight the first.
   *
   * @defaultValue - not asked
   */
  catalog?: Pick<CatalogService, 'getEntities'>;
}

/** An environment name (the spec's rule for `name`). */
const ENVIRONMENT_NAME = /^[a-z](?:[a-z0-9]|-(?!-))*[a-z0-9]$/;

/** Statuses in which an environment has no deployed stacks to read. */
const NOT_DEPLOYED = ['pending', 'destroying', 'destroyed'];

/**
 * The environment's name from the `environment` input: an entity ref of
 * its Resource (`resource:default/innovate-prod`, as EntityPicker gives
 * it) or the bare name.
 */
export function parseEnvironmentInput(input: string): string {
  const trimmed = input.trim();
  const bad = (why: string) =>
    new InputError(
      `environment: "${input}" ${why}; give the environment's Resource entity ref (resource:default/innovate-prod) or its name (innovate-prod)`,
    );
  let name = trimmed;
  if (/[:/]/.test(trimmed)) {
    let ref;
    try {
      ref = parseEntityRef(trimmed, {
        defaultKind: 'resource',
        defaultNamespace: 'default',
      });
    } catch {
      throw bad('is not an entity ref');
    }
    if (ref.kind.toLocaleLowerCase('en-US') !== 'resource') {
      throw bad(`is a ${ref.kind}, not the environment's Resource`);
    }
    name = ref.name;
  }
  if (name.length > 63 || !ENVIRONMENT_NAME.test(name)) {
    throw bad('does not name an environment');
  }
  return name;
}

/** `owner` and `repo` of a RepoUrlPicker value (`github.com?owner=..&repo=..`). */
export function parseRepoUrlInput(
  input: string | undefined,
): Repository | undefined {
  if (!input) return undefined;
  const match =
    /^[a-z0-9.-]+\?owner=([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))&repo=([A-Za-z0-9_][A-Za-z0-9._-]{0,99})$/.exec(
      input,
    );
  if (!match) {
    throw new InputError(
      `repoUrl: "${input}" is not a repository location like github.com?owner=innovate-inc&repo=orders-api`,
    );
  }
  return { owner: match[1], repo: match[2] };
}

const input = {
  environment: z =>
    z
      .string()
      .describe(
        "The environment: its Resource's entity ref (as EntityPicker gives it) or its name",
      ),
  service: z =>
    z
      .enum(['api', 'spa'])
      .describe(
        '`api` (Flask API on EKS: cluster, database, ALB target group, ECR) or `spa` (React app: S3 bucket, CloudFront)',
      ),
  port: z =>
    z
      .number()
      .int()
      .optional()
      .describe(
        "The API's container port; must be the port the environment's target group and security groups use (8080)",
      ),
  repoUrl: z =>
    z
      .string()
      .optional()
      .describe(
        "The service's repository (RepoUrlPicker value), named in the CI role's trust policy",
      ),
} satisfies ActionSchema['input'];

const output = {
  environment: z => z.string().describe('The environment name'),
  entityRef: z =>
    z.string().describe("Entity ref of the environment's Resource"),
  region: z => z.string(),
  workloadsAccountId: z => z.string(),
  managementAccountId: z => z.string(),
  vpcCidr: z => z.string(),
  vpcId: z => z.string().optional(),
  namespace: z =>
    z.string().describe('Namespace of the service account the API role trusts'),
  serviceAccountName: z =>
    z.string().describe('Service account the API role trusts (IRSA)'),
  apiPort: z => z.number(),
  clusterName: z => z.string().optional(),
  apiRoleArn: z => z.string().optional(),
  databaseHost: z => z.string().optional(),
  databasePort: z => z.number().optional(),
  databaseName: z => z.string().optional(),
  databaseSecretArn: z => z.string().optional(),
  apiTargetGroupArn: z => z.string().optional(),
  ecrRepositoryUri: z => z.string().optional(),
  spaBucketName: z => z.string().optional(),
  distributionId: z => z.string().optional(),
  distributionDomainName: z => z.string().optional(),
  entityRefs: z =>
    z
      .record(z.string())
      .describe(
        'Entity refs of the environment, cluster, database, loadBalancer, spaBucket, distribution...',
      ),
  dependsOn: z =>
    z
      .array(z.string())
      .describe("Entity refs the service's Component dependsOn"),
  ciRoleArn: z =>
    z
      .string()
      .nullable()
      .describe('The CI role for GitHub Actions; null: none exists'),
  ciRoleMessage: z => z.string(),
  ciRolePolicy: z =>
    z.string().describe("The CI role's permissions policy (JSON)"),
  ciRoleTrustPolicy: z =>
    z.string().describe("The CI role's trust policy (JSON)"),
} satisfies ActionSchema['output'];

type ActionSchema = {
  input: Record<string, InputSchema>;
  output: Record<string, InputSchema>;
};
type InputSchema = Extract<
  NonNullable<
    NonNullable<Parameters<typeof createTemplateAction>[0]['schema']>['input']
  >,
  Record<string, unknown>
>[string];

type OutputsContext = Parameters<
  Parameters<
    typeof createTemplateAction<typeof input, typeof output>
  >[0]['handler']
>[0];

/**
 * `aws-environments:outputs`: reads an environment from the
 * aws-environments backend as the user who runs the template (the
 * backend's read permission applies) and outputs what a service on it
 * needs: the stack outputs (IRSA role, database, target group, ECR,
 * bucket, distribution), values of its spec (region, accounts, VPC CIDR),
 * the service account the API role trusts, and the catalog entity refs of
 * the resources the service depends on. The environment has no CI role:
 * `ciRoleArn` is null and `ciRoleMessage` says what to create.
 *
 * @public
 */
export function createOutputsAction(options: OutputsActionOptions) {
  return createTemplateAction({
    id: 'aws-environments:outputs',
    description:
      "Reads an AWS environment's outputs (as the user) for a service template: ARNs, endpoints, names and catalog entity refs",
    examples,
    supportsDryRun: true,
    schema: { input, output },
    handler: ctx => readOutputs(ctx, options),
  });
}

/** Reads the environment as the user and writes the action's outputs. */
async function readOutputs(ctx: OutputsContext, options: OutputsActionOptions) {
  const name = parseEnvironmentInput(ctx.input.environment);
  const service: ServiceKind = ctx.input.service;
  const repository = parseRepoUrlInput(ctx.input.repoUrl);
  const { apiPort } = ENVIRONMENT_DESIGN;
  if (
    service === 'api' &&
    ctx.input.port !== undefined &&
    ctx.input.port !== apiPort
  ) {
    // Every environment's target group and security groups use this port.
    throw new InputError(
      `port: ${ctx.input.port} is not the port of environment ${name}'s API target group: its ALB sends to and health-checks pods on ${apiPort}, and its security groups let the ALB reach only that port. Use ${apiPort}.`,
    );
  }
  const credentials = await ctx.getInitiatorCredentials();
  const { detail, entities } = await readEnvironment(
    options.backend,
    name,
    credentials,
  );
  if (NOT_DEPLOYED.includes(detail.status)) {
    throw new EnvironmentNotReadyError(
      `Environment ${name} is ${detail.status}: it has no deployed stacks to read outputs from. The environment must be deployed before a service can be created on it.`,
    );
  }
  const values = environmentValues(detail, entities, [service]);
  if (service === 'api' && options.catalog) {
    await refuseSecondApi(
      options.catalog,
      name,
      values.entityRefs,
      credentials,
    );
  }
  if (detail.status !== 'deployed') {
    ctx.logger.warn(
      `Environment ${name} is ${detail.status}; its outputs are those of its last successful deployment`,
    );
  }
  if (values.source === 'sandbox') {
    ctx.logger.warn(
      `Environment ${name} is a sandbox environment: its outputs are synthetic (nothing exists in AWS), so the rendered service will not run until the environment is deployed to AWS and the service re-rendered`,
    );
  }
  const ci = ciRole(values, [service], repository);
  const { outputs } = values;
  for (const [key, value] of Object.entries({
    environment: values.environment,
    entityRef: values.entityRef,
    region: values.region,
    workloadsAccountId: values.workloadsAccountId,
    managementAccountId: values.managementAccountId,
    vpcCidr: values.vpcCidr,
    namespace: values.namespace,
    serviceAccountName: values.serviceAccountName,
    apiPort: values.apiPort,
    ...outputs,
    databasePort:
      outputs.databasePort === undefined
        ? undefined
        : Number(outputs.databasePort),
    entityRefs: values.entityRefs,
    dependsOn: values.dependsOn,
    ciRoleArn: ci.ciRoleArn,
    ciRoleMessage: ci.message,
    ciRolePolicy: ci.policy,
    ciRoleTrustPolicy: ci.trustPolicy,
  })) {
    if (value !== undefined) {
      ctx.output(key as never, value as never);
    }
  }
  ctx.logger.info(
    `Environment ${name} (${values.region}): ${
      Object.keys(outputs).length
    } outputs read; the ${service} depends on ${
      values.dependsOn.join(', ') || 'nothing'
    }`,
  );
  ctx.logger.warn(ci.message);
}

/**
 * Refuses a second API on an environment: a Component already depends on
 * its load balancer (the first one's TargetGroupBinding owns the target
 * group's targets, and the IRSA role trusts one service account).
 */
async function refuseSecondApi(
  catalog: Pick<CatalogService, 'getEntities'>,
  name: string,
  entityRefs: Record<string, string>,
  credentials: BackstageCredentials,
) {
  const loadBalancer = entityRefs.loadBalancer;
  if (!loadBalancer) {
    return;
  }
  const { items } = await catalog.getEntities(
    {
      filter: {
        kind: 'Component',
        'relations.dependsOn': loadBalancer.toLocaleLowerCase('en-US'),
      },
      fields: ['kind', 'metadata.name', 'metadata.namespace'],
    },
    { credentials },
  );
  if (items.length > 0) {
    const existing = items.map(e => stringifyEntityRef(e)).join(', ');
    throw new InputError(
      `environment: environment ${name} already has an API (${existing}) bound to its ALB target group. One environment serves one Flask API: its target group takes one TargetGroupBinding and its IRSA role trusts one service account. Pick another environment, or add routes to ${existing}.`,
    );
  }
}

/** The environment and its entities, read as the user; 403 and 404 explained. */
async function readEnvironment(
  backend: AwsEnvironmentsBackend,
  name: string,
  credentials: BackstageCredentials,
) {
  const what = `Reading environment ${name} (the template's environment field)`;
  try {
    const detail = await backend.getEnvironment(name, credentials);
    if (!detail) {
      throw new NotFoundError(
        `environment: there is no environment named ${name}. Pick one of the environments listed in the portal.`,
      );
    }
    const entities = await backend.getEntities(name, credentials);
    return { detail, entities };
  } catch (error) {
    return rethrowRefusal(error, {
      what,
      credentials,
      hint: 'Ask its owner group for read access, or pick an environment you may read',
    });
  }
}
