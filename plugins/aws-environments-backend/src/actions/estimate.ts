import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  awsEnvironmentReadPermission,
  type CostEstimate,
  diffSpecs,
  type EnvironmentSpec,
} from '@innovate/plugin-aws-environments-common';
import { z } from 'zod/v3';
import { compareCost } from '../services/Preview/summaries';
import { resourceOf } from '../services/Deployments/deploymentRules';
import { ActionServices, audited, requireEnvironment } from './context';
import {
  checkProposalFields,
  environmentName,
  fullSpec,
  lenientInput,
  parseInput,
  specChanges,
} from './input';
import { proposedSpec } from './proposedSpec';

const input = z
  .object({
    environment: environmentName
      .optional()
      .describe(
        "An existing environment: `changes` apply to its current spec, and the answer compares with its current cost (e.g. 'innovate-prod').",
      ),
    changes: specChanges.optional(),
    spec: fullSpec.optional(),
  })
  .strict();

/** The cost model's estimate, as `POST /v1/estimate` answers it. */
export const costEstimate = z
  .object({
    currency: z.literal('USD'),
    lines: z.array(
      z
        .object({
          id: z.string(),
          label: z.string(),
          service: z.string(),
          monthlyUsd: z.number(),
          basis: z.string(),
        })
        .passthrough(),
    ),
    totalMonthlyUsd: z.number(),
    budgetUsd: z.number(),
    verdict: z.enum(['under', 'near', 'over']),
    budgetShare: z.number(),
    suggestions: z.array(z.record(z.any())),
    priceTable: z.record(z.any()),
    notes: z.array(z.string()),
  })
  .passthrough();

const lineDelta = z.object({
  id: z.string(),
  label: z.string(),
  currentUsd: z.number(),
  proposedUsd: z.number(),
  deltaUsd: z.number(),
});

const output = z.object({
  estimate: costEstimate,
  comparedTo: z
    .object({
      environment: z.string(),
      currentUsd: z.number(),
      proposedUsd: z.number(),
      deltaUsd: z.number(),
      lines: z.array(lineDelta),
      specChanges: z.array(
        z.object({
          field: z.string(),
          before: z.any().optional(),
          after: z.any().optional(),
        }),
      ),
    })
    .optional(),
});

const cents = (usd: number) => Math.round(usd * 100) / 100;

/** The proposal against the environment's current spec: totals and the lines that change. */
export function costDelta(
  environment: string,
  current: { spec: EnvironmentSpec; estimate: CostEstimate },
  proposed: { spec: EnvironmentSpec; estimate: CostEstimate },
): NonNullable<z.infer<typeof output>['comparedTo']> {
  const comparison = compareCost(current.estimate, proposed.estimate);
  // A line's label as proposed (e.g. '4 × t3.large'), else as it is now.
  const labels = new Map(
    [...current.estimate.lines, ...proposed.estimate.lines].map(line => [
      line.id,
      line.label,
    ]),
  );

  return {
    environment,
    currentUsd: comparison.currentUsd,
    proposedUsd: comparison.proposedUsd,
    deltaUsd: comparison.deltaUsd,
    lines: comparison.lines
      .filter(line => line.currentUsd !== line.proposedUsd)
      .map(line => ({
        id: line.id,
        label: labels.get(line.id) ?? line.id,
        currentUsd: line.currentUsd,
        proposedUsd: line.proposedUsd,
        deltaUsd: cents(line.proposedUsd - line.currentUsd),
      })),
    specChanges: diffSpecs(current.spec, proposed.spec),
  };
}

async function estimateInput(
  services: ActionServices,
  credentials: BackstageCredentials,
  parsed: z.infer<typeof input>,
): Promise<z.infer<typeof output>> {
  if (!parsed.environment) {
    const spec = proposedSpec(services.validateSpec, parsed, undefined);
    return { estimate: services.estimate(spec) };
  }
  const environment = await requireEnvironment(services, parsed.environment);
  // The estimate shows the environment's spec: reading it is needed.
  await services.access.authorize(credentials, {
    permission: awsEnvironmentReadPermission,
    resource: resourceOf(environment),
  });
  const spec = proposedSpec(services.validateSpec, parsed, environment.spec);
  const estimate = services.estimate(spec);
  return {
    estimate,
    comparedTo: costDelta(
      environment.name,
      { spec: environment.spec, estimate: services.estimate(environment.spec) },
      { spec, estimate },
    ),
  };
}

/** `estimate-aws-environment`: the cost model's monthly price of a spec or of a change. */
export function registerEstimate(
  actionsRegistry: ActionsRegistryService,
  services: ActionServices,
) {
  actionsRegistry.register({
    name: 'estimate-aws-environment',
    title: 'Estimate the monthly cost of an AWS environment or a change',
    description: [
      'Prices an environment spec with the portal’s cost model (AWS list prices, us-east-1 table; USD per month) and compares the total with the budget. Changes nothing.',
      'Use it for "what would 4 app nodes cost?": give `environment` and `changes`, e.g. { environment: "innovate-prod", changes: [{ field: "cluster.applicationNodeGroup.desiredSize", value: 4 }] }; the answer has the new estimate and `comparedTo` with the current and proposed monthly totals, `deltaUsd` (positive costs more) and the lines that change. Give `environment` alone to price its current spec, or a full `spec` for a new environment.',
      'Answer fields: estimate.lines (one per AWS cost item, monthlyUsd), estimate.totalMonthlyUsd, estimate.budgetUsd (the spec’s monthly budget), estimate.verdict under/near (from 80 %)/over, estimate.suggestions (savings when over budget, each with spec changes), estimate.notes.',
      'This is the model’s estimate, not a bill: for actual spend use get-aws-environment-view with view cost. To see resources replaced or data lost by a change, use preview-aws-environment-change.',
    ].join(' '),
    schema: {
      input: () => lenientInput(input),
      output: () => output,
    },
    attributes: { readOnly: true, idempotent: true, destructive: false },
    action: async ({ input: raw, credentials }) => {
      const parsed = parseInput(input, raw);
      checkProposalFields(parsed, { changesRequired: false });
      return audited(
        services,
        {
          eventId: 'mcp-estimate-aws-environment',
          severityLevel: 'low',
          credentials,
          meta: {
            environment: parsed.environment ?? null,
            changes: parsed.changes?.map(c => c.field) ?? null,
            fullSpec: parsed.spec !== undefined,
          },
        },
        async () => ({
          output: await estimateInput(services, credentials, parsed),
        }),
        result => ({
          totalMonthlyUsd: result.output.estimate.totalMonthlyUsd,
          deltaUsd: result.output.comparedTo?.deltaUsd ?? null,
        }),
      );
    },
  });
}
