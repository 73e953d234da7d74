import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { NotFoundError } from '@backstage/errors';
import { awsEnvironmentReadPermission } from '@innovate/plugin-aws-environments-common';
import { z } from 'zod/v3';
import { ActionServices, audited } from './context';
import { environmentName, lenientInput, parseInput } from './input';

/** The data views, as the HTTP routes `/v1/environments/{name}/{view}` serve them. */
export const VIEWS = [
  'cluster',
  'database',
  'alarms',
  'cost',
  'drift',
  'domain',
] as const;

const input = z
  .object({
    environment: environmentName,
    view: z
      .enum(VIEWS)
      .describe(
        'cluster: EKS version, node groups, add-ons; database: RDS instance, storage, backups, maintenance; alarms: CloudWatch alarms and their state; cost: month-to-date spend, forecast, spend by service and day, budget, and the cost model estimate by line; drift: CloudFormation drift of the stacks against their templates; domain: the names served, the hosted zone, the Route 53 alias records and the ACM certificates with status and expiry (configured: false without a domain).',
      ),
  })
  .strict();

/** The view's payload: every field of the HTTP view is kept. */
const output = z
  .object({
    source: z.enum(['sandbox', 'aws']),
    fetchedAt: z.string(),
    stale: z.boolean(),
    staleReason: z.string().optional(),
  })
  .passthrough();

/** `get-aws-environment-view`: one data view, as the portal's environment page shows it. */
export function registerGetView(
  actionsRegistry: ActionsRegistryService,
  services: ActionServices,
) {
  actionsRegistry.register({
    name: 'get-aws-environment-view',
    title: 'Get a view of an AWS environment',
    description: [
      'Returns one data view of an environment, the same payload as the environment page of the portal: cluster, database, alarms, cost, drift or domain.',
      'Use it to answer "why does prod cost this much?" (cost: byService, daily, and estimate.lines from the cost model), "what is alarming?" (alarms with state ALARM), "is the cluster healthy/up to date?" (cluster), "database backups/maintenance?" (database), "was anything changed outside the portal?" (drift), "when does the certificate expire, does the name resolve to CloudFront?" (domain).',
      'Money is USD: monthToDateUsd is this month so far, forecastUsd the whole month, estimate.* USD per month.',
      '`source: sandbox` means a simulated environment (no real AWS; data derived from its templates and the cost model); `source: aws` means read from real AWS. `fetchedAt` is when the data was read; `stale: true` (with staleReason) means AWS failed and this is the last good answer.',
    ].join(' '),
    schema: {
      input: () => lenientInput(input),
      output: () => output,
    },
    attributes: { readOnly: true, idempotent: false, destructive: false },
    action: async ({ input: raw, credentials }) => {
      const { environment, view } = parseInput(input, raw);
      return audited(
        services,
        {
          eventId: 'mcp-get-aws-environment-view',
          severityLevel: 'low',
          credentials,
          meta: { environment, view },
        },
        async () => {
          const header = await services.registry.getEnvironmentHeader(
            environment,
          );
          if (!header) {
            throw new NotFoundError(
              `No environment named '${environment}' (environment); list-aws-environments lists those you may read`,
            );
          }
          await services.access.authorize(credentials, {
            permission: awsEnvironmentReadPermission,
            resource: header,
          });
          const payload = await services.views.getView(environment, view);
          return { output: payload as z.infer<typeof output> };
        },
        result => ({ source: result.output.source }),
      );
    },
  });
}
