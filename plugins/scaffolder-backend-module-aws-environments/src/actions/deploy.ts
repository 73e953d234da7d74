import type { AuthService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  ANNOTATION_AWS_COMPONENT,
  AWS_COMPONENT,
} from '@innovate/plugin-aws-environments-common';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { AwsEnvironmentsBackend } from '../services/AwsEnvironmentsBackendClient';
import { CatalogLookup } from '../services/CatalogLookup';
import { DeploymentReadCredentials } from '../services/DeploymentReadCredentials';
import { followDeployment } from '../services/followDeployment';
import { examples } from './deploy.examples';
import { OWNER_INPUT_DESCRIPTION, parseOwnerInput } from './owner';
import { rethrowRefusal } from './refused';
import { parseSpecInput, SPEC_INPUT_DESCRIPTION } from './spec';

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
  const { backend, catalog, auth, appBaseUrl } = options;
  const pollIntervalMs = options.pollIntervalMs ?? 2000;
  const catalogTimeoutMs = options.catalogTimeoutMs ?? 120_000;

  return createTemplateAction({
    id: 'aws-environments:deploy',
    description:
      'Deploys an AWS environment through the aws-environments backend (sandbox or AWS) and streams its events',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
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
        allowedDeviations: z =>
          z
            .array(z.string())
            .optional()
            .describe(
              'Ids of seed conformance claims the deployment may fail (e.g. nat-per-az), as given to aws-environments:synth; the backend refuses any other failed check, and every cdk-nag finding',
            ),
        mode: z =>
          z
            .enum(['create', 'update'])
            .optional()
            .describe(
              '`create` (the default) refuses a name that is taken; `update` redeploys the existing environment with this spec',
            ),
        timeoutMinutes: z =>
          z
            .number()
            .int()
            .min(1)
            .max(240)
            .optional()
            .describe(
              'How long to follow the deployment (default: 90, for EKS creates of 30-60 minutes); past it the step fails and the deployment goes on',
            ),
      },
      output: {
        deploymentId: z => z.string().describe('Id of the deployment'),
        status: z =>
          z
            .string()
            .describe(
              'succeeded, or awaiting-approval with approval: required',
            ),
        environmentUrl: z =>
          z.string().describe("Link to the environment's page in the portal"),
        entityRef: z =>
          z
            .string()
            .describe("Catalog entity ref of the environment's Resource"),
      },
    },
    async handler(ctx) {
      const spec = parseSpecInput(ctx.input.spec);
      const source = ctx.input.source ?? 'sandbox';
      const approval = ctx.input.approval ?? 'auto';
      const mode = ctx.input.mode ?? 'create';
      const owner = parseOwnerInput(ctx.input.owner);
      const credentials = await ctx.getInitiatorCredentials();
      const existing = await backend.getEnvironment(spec.name, credentials);
      if (existing && mode === 'create') {
        throw new ConflictError(
          `An environment named "${spec.name}" already exists (${existing.status}, ${existing.source}). Choose another name, or run with mode "update" to redeploy it.`,
        );
      }
      const environmentUrl = `${appBaseUrl}/aws-environments/${encodeURIComponent(
        spec.name,
      )}`;

      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would ${existing ? 'update' : 'create'} environment ${
            spec.name
          } in ${spec.region} (source ${source}, approval ${approval}${
            owner ? `, owner ${owner}` : ''
          }); nothing was deployed`,
        );
        ctx.output('deploymentId', 'dry-run');
        ctx.output('status', 'dry-run');
        ctx.output('environmentUrl', environmentUrl);
        ctx.output('entityRef', `resource:default/${spec.name}`);
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
                source,
                approval,
                mode,
                owner,
                ...(ctx.input.allowedDeviations?.length
                  ? { allowedDeviations: ctx.input.allowedDeviations }
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

      const reads = new DeploymentReadCredentials({
        initiator: credentials,
        auth,
        logger: ctx.logger,
      });
      const deployment = await followDeployment({
        backend,
        logger: ctx.logger,
        environment: spec.name,
        id: deploymentId,
        credentials: reads,
        deploymentsUrl: `${environmentUrl}/deployments`,
        timeoutMs: (ctx.input.timeoutMinutes ?? 90) * 60_000,
        pollIntervalMs,
        signal: ctx.signal,
      });
      if (
        deployment.status !== 'succeeded' &&
        deployment.status !== 'awaiting-approval'
      ) {
        throw new Error(
          `Deployment ${deploymentId} of ${spec.name} ${deployment.status}: ${
            deployment.error ?? 'see the events above'
          }`,
        );
      }
      if (deployment.status === 'awaiting-approval') {
        ctx.logger.info(
          `The change sets are ready for review: execute them on ${environmentUrl} (Deployments tab)`,
        );
      }

      const entities = await backend.getEntities(spec.name, await reads.get());
      const root = entities.find(
        e =>
          e.metadata.annotations?.[ANNOTATION_AWS_COMPONENT] ===
          AWS_COMPONENT.environment,
      );
      const entityRef = root
        ? stringifyEntityRef(root)
        : `resource:default/${spec.name}`;
      if (deployment.status === 'succeeded') {
        await catalog.waitForEntity(
          entityRef,
          await reads.get(),
          catalogTimeoutMs,
        );
        ctx.logger.info(
          `${entities.length} entities of ${spec.name} are in the catalog (${entityRef})`,
        );
      }

      ctx.output('deploymentId', deploymentId);
      ctx.output('status', deployment.status);
      ctx.output('environmentUrl', environmentUrl);
      ctx.output('entityRef', entityRef);
    },
  });
}
