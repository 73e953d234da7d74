import type { AuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { awsEnvironmentDestroyDataPermission } from '@innovate/plugin-aws-environments-common';
import { AwsEnvironmentsBackend } from '../services/AwsEnvironmentsBackendClient';
import { DeploymentReadCredentials } from '../services/DeploymentReadCredentials';
import { followDeployment } from '../services/followDeployment';
import { examples } from './destroy.examples';
import { rethrowRefusal } from './refused';

export interface DestroyActionOptions {
  backend: AwsEnvironmentsBackend;
  /**
   * The scaffolder's auth service: its own credentials read the destroy
   * once the user's token has expired.
   */
  auth: Pick<AuthService, 'getOwnServiceCredentials'>;
  /** The portal's frontend URL (`app.baseUrl`), for links in the log. */
  appBaseUrl: string;
  /** How often the destroy deployment is polled. @defaultValue 2000 */
  pollIntervalMs?: number;
}

/**
 * `aws-environments:destroy`: destroys an environment through the
 * aws-environments backend plugin. The name must be repeated in `confirm`;
 * the database (the stateful stack) is kept unless `destroyData` is true.
 *
 * @public
 */
export function createDestroyAction(options: DestroyActionOptions) {
  const { backend, auth, appBaseUrl } = options;
  return createTemplateAction({
    id: 'aws-environments:destroy',
    description:
      'Destroys an AWS environment; keeps its database unless destroyData is true',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        name: z => z.string().describe('Name of the environment'),
        confirm: z =>
          z
            .string()
            .describe('The environment name again, to confirm the destroy'),
        destroyData: z =>
          z
            .boolean()
            .optional()
            .describe(
              'Also delete the stateful stack (the RDS database and its backups); default false',
            ),
        timeoutMinutes: z =>
          z
            .number()
            .int()
            .min(1)
            .max(240)
            .optional()
            .describe(
              'How long to follow the destroy (default: 90); past it the step fails and the destroy goes on',
            ),
      },
      output: {
        deploymentId: z => z.string().describe('Id of the destroy deployment'),
        status: z => z.string().describe('Final status of the destroy'),
      },
    },
    async handler(ctx) {
      const { name, confirm } = ctx.input;
      const destroyData = ctx.input.destroyData ?? false;
      if (confirm !== name) {
        throw new InputError(
          `confirm must repeat the environment's name ("${name}") to destroy it`,
        );
      }
      const credentials = await ctx.getInitiatorCredentials();
      const existing = await backend.getEnvironment(name, credentials);
      if (!existing) {
        throw new InputError(`name: there is no environment named "${name}"`);
      }
      const keeps = destroyData
        ? 'including its database'
        : 'keeping its database stack';
      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would destroy ${name} (${existing.source}), ${keeps}; nothing was destroyed`,
        );
        ctx.output('deploymentId', 'dry-run');
        ctx.output('status', 'dry-run');
        return;
      }

      const id = await ctx.checkpoint({
        key: `aws-environments-destroy-${name}`,
        fn: async () => {
          try {
            const destroy = await backend.destroyEnvironment(
              name,
              { confirm, destroyData },
              credentials,
            );
            return destroy.id;
          } catch (error) {
            return rethrowRefusal(error, {
              what: `Destroying ${name}, ${keeps},`,
              credentials,
              hint: `It is owned by ${existing.owner}${
                destroyData
                  ? `; destroying its data also needs ${awsEnvironmentDestroyDataPermission.name} (without destroyData the database is kept)`
                  : ''
              }`,
            });
          }
        },
      });
      ctx.logger.info(`Destroying ${name}, ${keeps} (deployment ${id})`);
      const deployment = await followDeployment({
        backend,
        logger: ctx.logger,
        environment: name,
        id,
        credentials: new DeploymentReadCredentials({
          initiator: credentials,
          auth,
          logger: ctx.logger,
        }),
        deploymentsUrl: `${appBaseUrl}/aws-environments/${encodeURIComponent(
          name,
        )}/deployments`,
        timeoutMs: (ctx.input.timeoutMinutes ?? 90) * 60_000,
        pollIntervalMs: options.pollIntervalMs ?? 2000,
        signal: ctx.signal,
      });
      if (deployment.status !== 'succeeded') {
        throw new Error(
          `Destroying ${name} ${deployment.status}: ${
            deployment.error ?? 'see the events above'
          }`,
        );
      }
      ctx.output('deploymentId', id);
      ctx.output('status', 'succeeded');
    },
  });
}
