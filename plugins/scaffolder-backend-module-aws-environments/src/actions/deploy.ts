import type {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  ANNOTATION_AWS_COMPONENT,
  AWS_COMPONENT,
} from '@innovate/plugin-aws-environments-common';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { AwsEnvironmentsBackend } from '../services/AwsEnvironmentsBackendClient';
import { CatalogLookup } from '../services/CatalogLookup';
import { examples } from './deploy.examples';
import { environmentUrl, followActionDeployment } from './follow';
import { allowedDeviationsInput, timeoutMinutesInput } from './inputs';
import { OWNER_INPUT_DESCRIPTION, parseOwnerInput } from './owner';
import { rethrowRefusal } from './refused';
import { parseSpecInput, SPEC_INPUT_DESCRIPTION } from './spec';

/**
 * What `aws-environments:deploy` needs.
 *
 * @public
 */
export interface DeployActionOptions {
  backend: AwsEnvironmentsBackend;
  catalog: CatalogLookup;
  /**
   * The scaffolder's auth service: its own credentials read the deployment
   * once the user's token has expired.
   */
  auth: Pick<AuthService, 'getOwnServiceCredentials'>;
  /** The portal's frontend URL (`app.baseUrl`), for links in the output. */
  appBaseUrl: string;
  /** How often the deployment is polled for events. @defaultValue 2000 */
  pollIntervalMs?: number;
  /** How long to wait for the entities to show in the catalog. @defaultValue 120000 */
  catalogTimeoutMs?: number;
}

const input = {
  spec: z => z.record(z.unknown()).describe(SPEC_INPUT_DESCRIPTION),
  source: z =>
    z
      .enum(['sandbox', 'aws'])
      .optional()
      .describe(
        '`sandbox` (the default) records the synthesized environment in the portal; `aws` deploys with CloudFormation change sets',
      ),
  approval: z =>
    z
      .enum(['auto', 'required'])
      .optional()
      .describe(
        '`auto` (the default) deploys straight through; `required` stops after creating the change sets until a second person of the owner group (four eyes) executes them on the Deployments tab',
      ),
  owner: z => z.string().optional().describe(OWNER_INPUT_DESCRIPTION),
  allowedDeviations: allowedDeviationsInput(
    'Ids of seed conformance claims the deployment may fail (e.g. nat-per-az), as given to aws-environments:synth; the backend refuses any other failed check, and every cdk-nag finding',
  ),
  acceptDataLoss: z =>
    z
      .array(z.string())
      .optional()
      .describe(
        'On an update, logical ids of stateful resources (the database instance, its KMS key, the VPC) whose replacement or removal, and the data lost with it, is accepted; without them such an update fails before anything changes. The change preview lists them',
      ),
  repository: z =>
    z
      .string()
      .optional()
      .describe(
        "The environment's repository, https://<host>/<owner>/<repo>: a merge to its environment.json becomes a proposed change in the portal. Empty for none",
      ),
  mode: z =>
    z
      .enum(['create', 'update'])
      .optional()
      .describe(
        '`create` (the default) refuses a name that is taken; `update` redeploys the existing environment with this spec',
      ),
  timeoutMinutes: timeoutMinutesInput(
    'How long to follow the deployment (default: 90, for EKS creates of 30-60 minutes); past it the step fails and the deployment goes on',
  ),
} satisfies ActionSchema['input'];

const output = {
  deploymentId: z => z.string().describe('Id of the deployment'),
  status: z =>
    z
      .string()
      .describe('succeeded, or awaiting-approval with approval: required'),
  environmentUrl: z =>
    z.string().describe("Link to the environment's page in the portal"),
  entityRef: z =>
    z.string().describe("Catalog entity ref of the environment's Resource"),
  owner: z =>
    z
      .string()
      .optional()
      .describe(
        "The environment's owner as the backend recorded it (the owner input, or the requester's first group when it was left empty); on a dry run the owner input or the existing environment's owner, if any",
      ),
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

/**
 * `aws-environments:deploy`: asks the aws-environments backend plugin to
 * deploy an environment (to the sandbox by default) for an owner, streams
 * the deployment's events into the task log until it ends, and waits for
 * the environment's entities to appear in the catalog. The backend judges
 * the initiating user's permissions; a refusal says which one is missing.
 *
 * @public
 */
export function createDeployAction(options: DeployActionOptions) {
  return createTemplateAction({
    id: 'aws-environments:deploy',
    description:
      'Deploys an AWS environment through the aws-environments backend (sandbox or AWS) and streams its events',
    examples,
    supportsDryRun: true,
    schema: { input, output },
    handler: ctx => deploy(ctx, options),
  });
}

type DeployContext = Parameters<
  Parameters<
    typeof createTemplateAction<typeof input, typeof output>
  >[0]['handler']
>[0];

/** Refuses a taken name unless the mode is `update`. */
async function existingEnvironment(
  backend: AwsEnvironmentsBackend,
  name: string,
  mode: 'create' | 'update',
  credentials: BackstageCredentials,
) {
  const existing = await backend.getEnvironment(name, credentials);
  if (existing && mode === 'create') {
    throw new ConflictError(
      `An environment named "${name}" already exists (${existing.status}, ${existing.source}). Choose another name, or run with mode "update" to redeploy it.`,
    );
  }
  return existing;
}

async function deploy(ctx: DeployContext, options: DeployActionOptions) {
  const { backend } = options;
  const spec = parseSpecInput(ctx.input.spec);
  const request = {
    source: ctx.input.source ?? 'sandbox',
    approval: ctx.input.approval ?? 'auto',
    mode: ctx.input.mode ?? 'create',
    owner: parseOwnerInput(ctx.input.owner),
  } as const;
  const { source, approval, owner } = request;
  const credentials = await ctx.getInitiatorCredentials();
  const existing = await existingEnvironment(
    backend,
    spec.name,
    request.mode,
    credentials,
  );
  const pageUrl = environmentUrl(options.appBaseUrl, spec.name);

  if (ctx.isDryRun) {
    ctx.logger.info(
      `Dry run: would ${existing ? 'update' : 'create'} environment ${
        spec.name
      } in ${spec.region} (source ${source}, approval ${approval}${
        owner ? `, owner ${owner}` : ''
      }${ctx.input.repository ? `, repository ${ctx.input.repository}` : ''}${
        ctx.input.acceptDataLoss?.length
          ? `, accepting the loss of ${ctx.input.acceptDataLoss.join(', ')}`
          : ''
      }); nothing was deployed`,
    );
    ctx.output('deploymentId', 'dry-run');
    ctx.output('status', 'dry-run');
    ctx.output('environmentUrl', pageUrl);
    ctx.output('entityRef', `resource:default/${spec.name}`);
    const planned = owner ?? existing?.owner;
    if (planned) {
      ctx.output('owner', planned);
    }
    return;
  }

  // The checkpoint makes a resumed task follow the deployment it already
  // started instead of starting a second one.
  const deploymentId = await ctx.checkpoint({
    key: `aws-environments-deploy-${spec.name}`,
    fn: async () => {
      try {
        const created = await backend.createDeployment(
          spec.name,
          {
            spec: ctx.input.spec,
            ...request,
            ...(ctx.input.allowedDeviations?.length
              ? { allowedDeviations: ctx.input.allowedDeviations }
              : {}),
            ...(ctx.input.acceptDataLoss?.length
              ? { acceptDataLoss: ctx.input.acceptDataLoss }
              : {}),
            ...(ctx.input.repository
              ? { repository: ctx.input.repository }
              : {}),
          },
          credentials,
        );
        return created.id;
      } catch (error) {
        return rethrowRefusal(error, {
          what: `${existing ? 'Updating' : 'Creating'} environment ${
            spec.name
          } (source ${source})`,
          credentials,
          hint: existing
            ? `It is owned by ${existing.owner}; its members may update it`
            : owner && `The owner must be one of your own groups, or you`,
        });
      }
    },
  });
  ctx.logger.info(
    `Deployment ${deploymentId} of ${spec.name} started (${source})`,
  );
  await followToCatalog(ctx, options, spec.name, deploymentId, credentials);
}

/**
 * Follows the deployment until it settles, then waits for the environment's
 * entities in the catalog (once it succeeded), and writes the outputs.
 */
async function followToCatalog(
  ctx: DeployContext,
  options: DeployActionOptions,
  name: string,
  deploymentId: string,
  initiator: BackstageCredentials,
) {
  const { backend, catalog } = options;
  const pageUrl = environmentUrl(options.appBaseUrl, name);
  const { deployment, reads } = await followActionDeployment({
    backend,
    auth: options.auth,
    logger: ctx.logger,
    initiator,
    appBaseUrl: options.appBaseUrl,
    environment: name,
    id: deploymentId,
    timeoutMinutes: ctx.input.timeoutMinutes,
    pollIntervalMs: options.pollIntervalMs ?? 2000,
    signal: ctx.signal,
  });
  if (
    deployment.status !== 'succeeded' &&
    deployment.status !== 'awaiting-approval'
  ) {
    throw new Error(
      `Deployment ${deploymentId} of ${name} ${deployment.status}: ${
        deployment.error ?? 'see the events above'
      }`,
    );
  }
  if (deployment.status === 'awaiting-approval') {
    ctx.logger.info(
      `The change sets are ready for review: execute them on ${pageUrl} (Deployments tab)`,
    );
  }

  const entities = await backend.getEntities(name, await reads.get());
  const root = entities.find(
    e =>
      e.metadata.annotations?.[ANNOTATION_AWS_COMPONENT] ===
      AWS_COMPONENT.environment,
  );
  const entityRef = root
    ? stringifyEntityRef(root)
    : `resource:default/${name}`;
  if (deployment.status === 'succeeded') {
    await catalog.waitForEntity(
      entityRef,
      await reads.get(),
      options.catalogTimeoutMs ?? 120_000,
    );
    ctx.logger.info(
      `${entities.length} entities of ${name} are in the catalog (${entityRef})`,
    );
  }

  ctx.output('deploymentId', deploymentId);
  ctx.output('status', deployment.status);
  ctx.output('environmentUrl', pageUrl);
  ctx.output('entityRef', entityRef);
  const recordedOwner = root?.spec?.owner;
  if (typeof recordedOwner === 'string') {
    ctx.output('owner', recordedOwner);
  }
}
