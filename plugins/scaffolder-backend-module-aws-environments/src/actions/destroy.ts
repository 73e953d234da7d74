import type {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { awsEnvironmentDestroyDataPermission } from '@innovate/plugin-aws-environments-common';
import { AwsEnvironmentsBackend } from '../services/AwsEnvironmentsBackendClient';
import { examples } from './destroy.examples';
import { followActionDeployment } from './follow';
import { timeoutMinutesInput } from './inputs';
import { rethrowRefusal } from './refused';

/**
 * What `aws-environments:destroy` needs.
 *
 * @public
 */
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
        timeoutMinutes: timeoutMinutesInput(
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
      const existing = await options.backend.getEnvironment(name, credentials);
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
        fn: () =>
          requestDestroy(options.backend, {
            name,
            confirm,
            destroyData,
            keeps,
            owner: existing.owner,
            credentials,
          }),
      });
      ctx.logger.info(`Destroying ${name}, ${keeps} (deployment ${id})`);
      const { deployment } = await followActionDeployment({
        backend: options.backend,
        auth: options.auth,
        logger: ctx.logger,
        initiator: credentials,
        appBaseUrl: options.appBaseUrl,
        environment: name,
        id,
        timeoutMinutes: ctx.input.timeoutMinutes,
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

/** Asks for the destroy; a refusal says which permission is missing. */
async function requestDestroy(
  backend: AwsEnvironmentsBackend,
  request: {
    name: string;
    confirm: string;
    destroyData: boolean;
    keeps: string;
    owner: string;
    credentials: BackstageCredentials;
  },
): Promise<string> {
  const { name, confirm, destroyData, credentials } = request;
  try {
    const destroy = await backend.destroyEnvironment(
      name,
      { confirm, destroyData },
      credentials,
    );
    return destroy.id;
  } catch (error) {
    return rethrowRefusal(error, {
      what: `Destroying ${name}, ${request.keeps},`,
      credentials,
      hint: `It is owned by ${request.owner}${
        destroyData
          ? `; destroying its data also needs ${awsEnvironmentDestroyDataPermission.name} (without destroyData the database is kept)`
          : ''
      }`,
    });
  }
}
