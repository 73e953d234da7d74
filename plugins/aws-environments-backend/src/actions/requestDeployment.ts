import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { z } from 'zod/v3';
import { ActionServices, audited } from './context';
import { checkProposalFields, lenientInput, parseInput } from './input';
import { authorizedChange, changeInput } from './preview';

const output = z.object({
  deploymentId: z.string(),
  environment: z.string(),
  status: z.string(),
  approval: z.literal('required'),
  url: z
    .string()
    .describe(
      "The environment's Deployments tab in the portal, where a person approves or rejects the change.",
    ),
  message: z.string(),
});

/** The environment's Deployments tab in the portal. */
export function deploymentsUrl(appBaseUrl: string, environment: string) {
  return `${appBaseUrl.replace(
    /\/+$/,
    '',
  )}/aws-environments/${encodeURIComponent(environment)}/deployments`;
}

/**
 * `request-aws-environment-deployment`: asks for a change of an
 * environment, always with `approval: required` and `mode: update`. An
 * agent never executes a change set: the deployment stops at
 * `awaiting-approval` until a person approves it in the portal.
 */
export function registerRequestDeployment(
  actionsRegistry: ActionsRegistryService,
  services: ActionServices,
) {
  actionsRegistry.register({
    name: 'request-aws-environment-deployment',
    title: 'Request a deployment of a change to an AWS environment',
    description: [
      'Requests a deployment of a change to an existing environment, for a person to approve. The portal prepares the change (CloudFormation change sets; in the sandbox, a simulated deployment) and stops at status awaiting-approval: nothing is executed until someone approves it on the environment’s Deployments tab (`url` in the answer). It never deploys on its own.',
      'Use it only when the user asked to make the change, after preview-aws-environment-change showed what it does and costs. Give `environment` and `changes` (dotted spec fields, e.g. [{ field: "cluster.applicationNodeGroup.desiredSize", value: 4 }]), or a full `spec`; `acceptDataLoss` only for stateful resources the user explicitly accepted to lose.',
      'Needs the aws-environment.update permission on the environment (and aws-environment.deploy-aws for an environment in real AWS, `source: aws`). A newer request supersedes one still awaiting approval. Answers the deployment id, its status (queued, then awaiting-approval) and the URL to approve it.',
    ].join(' '),
    schema: {
      input: () => lenientInput(changeInput),
      output: () => output,
    },
    attributes: { readOnly: false, destructive: true, idempotent: false },
    action: async ({ input: raw, credentials }) => {
      const parsed = parseInput(changeInput, raw);
      checkProposalFields(parsed, { changesRequired: true });
      return audited(
        services,
        {
          // The HTTP route's event id: one id for every deployment request.
          eventId: 'environment-deploy',
          severityLevel: 'medium',
          credentials,
          meta: {
            environment: parsed.environment,
            mode: 'update',
            source: null,
            approval: 'required',
            changes: parsed.changes?.map(c => c.field) ?? null,
          },
        },
        async () => {
          const { user, spec } = await authorizedChange(
            services,
            credentials,
            parsed,
            'Requesting a deployment',
          );
          const created = await services.deployments.requestDeployment(
            parsed.environment,
            {
              spec,
              mode: 'update',
              approval: 'required',
              ...(parsed.acceptDataLoss
                ? { acceptDataLoss: parsed.acceptDataLoss }
                : {}),
            },
            services.access.requester(user),
          );
          const url = deploymentsUrl(services.appBaseUrl, created.environment);
          return {
            output: {
              deploymentId: created.id,
              environment: created.environment,
              status: created.status,
              approval: 'required' as const,
              url,
              message: `Deployment ${created.id} was requested with approval required: it waits for a person to approve it at ${url}; nothing is changed until then.`,
            },
          };
        },
        result => ({ deploymentId: result.output.deploymentId }),
      );
    },
  });
}
