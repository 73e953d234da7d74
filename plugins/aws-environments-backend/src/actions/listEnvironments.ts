import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { stringifyError } from '@backstage/errors';
import { awsEnvironmentReadPermission } from '@innovate/plugin-aws-environments-common';
import { z } from 'zod/v3';
import type { EnvironmentListItem } from '../services/EnvironmentRegistry/types';
import { ActionServices, audited } from './context';
import { lenientInput, parseInput } from './input';

const input = z
  .object({
    owner: z
      .string()
      .optional()
      .describe(
        "Only environments of this owner (entity ref, e.g. 'group:default/platform-team').",
      ),
  })
  .strict();

const environmentItem = z.object({
  name: z.string(),
  owner: z.string(),
  source: z.enum(['sandbox', 'aws']),
  status: z.string(),
  region: z.string(),
  budgetUsd: z.number(),
  monthToDateUsd: z.number().nullable(),
  forecastUsd: z.number().nullable(),
  budgetVerdict: z.enum(['under', 'near', 'over']).nullable(),
  firingAlarms: z.number().nullable(),
  stale: z.boolean(),
  errors: z.array(
    z.object({ view: z.enum(['cost', 'alarms']), message: z.string() }),
  ),
});

const output = z.object({ environments: z.array(environmentItem) });

type Item = z.infer<typeof environmentItem>;

/** One environment with its spend and alarms; a view that fails leaves nulls and an error. */
async function summarize(
  services: ActionServices,
  environment: EnvironmentListItem,
): Promise<Item> {
  const [cost, alarms] = await Promise.allSettled([
    services.views.getView(environment.name, 'cost'),
    services.views.getView(environment.name, 'alarms'),
  ]);
  const errors: Item['errors'] = [];
  for (const [view, result] of [
    ['cost', cost],
    ['alarms', alarms],
  ] as const) {
    if (result.status === 'rejected') {
      errors.push({ view, message: stringifyError(result.reason) });
    }
  }
  const costView = cost.status === 'fulfilled' ? cost.value : undefined;
  const alarmsView = alarms.status === 'fulfilled' ? alarms.value : undefined;
  return {
    name: environment.name,
    owner: environment.owner ?? '',
    source: environment.source,
    status: environment.status,
    region: environment.spec.region,
    budgetUsd: environment.spec.budget.monthlyUsd,
    monthToDateUsd: costView?.monthToDateUsd ?? null,
    forecastUsd: costView?.forecastUsd ?? null,
    budgetVerdict: costView?.verdict ?? null,
    firingAlarms: alarmsView
      ? alarmsView.alarms.filter(alarm => alarm.state === 'ALARM').length
      : null,
    stale: Boolean(costView?.stale || alarmsView?.stale),
    errors,
  };
}

/** `list-aws-environments`: the environments the caller may read, with spend and alarms. */
export function registerListEnvironments(
  actionsRegistry: ActionsRegistryService,
  services: ActionServices,
) {
  actionsRegistry.register({
    name: 'list-aws-environments',
    title: 'List AWS environments',
    description: [
      'Lists the AWS environments of the Innovate portal that you may read, each with its owner, where it lives, its status, region, this month’s spend against its budget and how many CloudWatch alarms are firing.',
      'Use it first, to find an environment’s name, or to answer "what do our environments cost this month?" and "is anything alarming?".',
      'Money is USD per month: `budgetUsd` is the monthly budget, `monthToDateUsd` the spend since the 1st of this month, `forecastUsd` the forecast for the whole month (null when there is none), `budgetVerdict` under/near (from 80 %)/over the budget.',
      '`source: sandbox` means the environment is simulated (no real AWS account; its numbers come from the cost model), `source: aws` means real AWS (Cost Explorer, CloudWatch).',
      '`firingAlarms` counts alarms in state ALARM. When a view cannot be read, its fields are null and `errors` says why; `stale: true` means the numbers are a cached last good answer.',
      'For details use get-aws-environment-view.',
    ].join(' '),
    schema: {
      input: () => lenientInput(input),
      output: () => output,
    },
    attributes: { readOnly: true, idempotent: true, destructive: false },
    action: async ({ input: raw, credentials }) => {
      const { owner } = parseInput(input, raw);
      return audited(
        services,
        {
          eventId: 'mcp-list-aws-environments',
          severityLevel: 'low',
          credentials,
          meta: owner ? { owner } : {},
        },
        async () => {
          const readable = await services.access.filter(
            credentials,
            awsEnvironmentReadPermission,
            await services.registry.listEnvironments(),
          );
          const wanted = owner?.toLocaleLowerCase('en-US');
          const environments = await Promise.all(
            readable
              .filter(e => !wanted || e.owner === wanted)
              .map(e => summarize(services, e)),
          );
          return { output: { environments } };
        },
        result => ({ count: result.output.environments.length }),
      );
    },
  });
}
