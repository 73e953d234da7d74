import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { awsEnvironmentUpdatePermission } from '@innovate/plugin-aws-environments-common';
import { z } from 'zod/v3';
import { FieldValidationError } from '../errors';
import { resourceOf } from '../services/Deployments/deploymentRules';
import type { EnvironmentRecord } from '../services/EnvironmentRegistry/types';
import {
  ActionServices,
  audited,
  requireEnvironment,
  userCredentials,
} from './context';
import {
  checkProposalFields,
  environmentName,
  fullSpec,
  lenientInput,
  parseInput,
  specChanges,
} from './input';
import { proposedSpec } from './proposedSpec';

/** Stateful resources whose replacement or removal is accepted, by logical id. */
export const acceptDataLoss = z
  .array(z.string().min(1))
  .describe(
    'Logical ids of stateful resources (e.g. the database) whose replacement or removal, and so the loss of their data, a person has explicitly accepted. Leave it out unless the user said so; the preview lists what is blocked without it.',
  );

/** Input of the preview and of the deployment request: a change of one environment. */
export const changeInput = z
  .object({
    environment: environmentName,
    changes: specChanges.optional(),
    spec: fullSpec
      .optional()
      .describe(
        "The environment's complete new spec (its `name` must be `environment`); prefer `changes`.",
      ),
    acceptDataLoss: acceptDataLoss.optional(),
  })
  .strict();

export type ChangeInput = z.infer<typeof changeInput>;

const output = z
  .object({
    changes: z.array(z.record(z.any())),
    cost: z
      .object({
        currentUsd: z.number(),
        proposedUsd: z.number(),
        deltaUsd: z.number(),
        lines: z.array(z.record(z.any())),
      })
      .passthrough(),
    checks: z.record(z.any()),
    blocked: z.array(z.object({ field: z.string(), reason: z.string() })),
    steps: z.array(z.string()),
  })
  .passthrough();

/**
 * The change's environment, its proposed spec (named like the
 * environment) and the update permission of the caller, as the user.
 */
export async function authorizedChange(
  services: ActionServices,
  credentials: BackstageCredentials,
  input: ChangeInput,
  what: string,
) {
  const user = userCredentials(credentials, what);
  const environment: EnvironmentRecord = await requireEnvironment(
    services,
    input.environment,
  );
  await services.access.authorize(user, {
    permission: awsEnvironmentUpdatePermission,
    resource: resourceOf(environment),
  });
  const spec = proposedSpec(services.validateSpec, input, environment.spec);
  if (spec.name !== environment.name) {
    throw new FieldValidationError([
      {
        field: input.spec ? 'spec.name' : 'changes',
        message: `must stay the environment name '${environment.name}'`,
      },
    ]);
  }
  return { user, environment, spec };
}

/** `preview-aws-environment-change`: what a change would do, without doing it. */
export function registerPreview(
  actionsRegistry: ActionsRegistryService,
  services: ActionServices,
) {
  actionsRegistry.register({
    name: 'preview-aws-environment-change',
    title: 'Preview a change of an AWS environment',
    description: [
      'Shows what a change of an existing environment’s spec would do, without changing anything: the resources CloudFormation would add, modify, replace or remove (`changes`, stateful ones marked), the monthly cost before and after by line (`cost`, USD per month; deltaUsd positive costs more), the security (cdk-nag) and seed conformance checks before and after (`checks`), what blocks the change (`blocked`: update rules, and data loss not accepted in acceptDataLoss) and the order AWS applies it (`steps`).',
      'Use it before request-aws-environment-deployment, and to explain a change to the user. Give `environment` and `changes`, e.g. [{ field: "cluster.applicationNodeGroup.desiredSize", value: 4 }].',
      'Needs the aws-environment.update permission on the environment, as for deploying the change. Synthesizes the environment twice, so it takes seconds; for the price alone use estimate-aws-environment.',
    ].join(' '),
    schema: {
      input: () => lenientInput(changeInput),
      output: () => output,
    },
    attributes: { readOnly: true, idempotent: true, destructive: false },
    action: async ({ input: raw, credentials }) => {
      const parsed = parseInput(changeInput, raw);
      checkProposalFields(parsed, { changesRequired: true });
      return audited(
        services,
        {
          eventId: 'mcp-preview-aws-environment-change',
          severityLevel: 'low',
          credentials,
          meta: {
            environment: parsed.environment,
            changes: parsed.changes?.map(c => c.field) ?? null,
            fullSpec: parsed.spec !== undefined,
          },
        },
        async () => {
          const { environment, spec } = await authorizedChange(
            services,
            credentials,
            parsed,
            'Previewing a change',
          );
          const preview = await services.preview.preview(
            environment,
            spec,
            parsed.acceptDataLoss ?? [],
          );
          // The registry checks the output against the schema.
          return { output: preview as unknown as z.infer<typeof output> };
        },
        result => ({
          deltaUsd: result.output.cost.deltaUsd,
          blocked: result.output.blocked.length,
        }),
      );
    },
  });
}
