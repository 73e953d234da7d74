import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  CostEstimate,
  estimateFromSpec,
} from '@innovate/plugin-aws-environments-common';
import { examples } from './estimate.examples';
import { parseSpecInput, SPEC_INPUT_DESCRIPTION } from './spec';

const usd = (value: number) =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(
    value,
  );

/** A short text of the estimate for the task log and the output page. */
export function summarizeEstimate(estimate: CostEstimate): string {
  const share = Math.round(estimate.budgetShare * 100);
  const lines = estimate.lines.map(
    line => `${line.label}: ${usd(line.monthlyUsd)}/month (${line.basis})`,
  );
  const suggestions = estimate.suggestions.map(
    s =>
      `Suggestion: ${s.description} (saves ${usd(s.monthlySavingsUsd)}/month)`,
  );
  return [
    `Estimated ${usd(estimate.totalMonthlyUsd)}/month against a budget of ${usd(
      estimate.budgetUsd,
    )} (${share}%, ${estimate.verdict} budget).`,
    ...lines,
    ...suggestions,
  ].join('\n');
}

/** The estimate as a Markdown table, for the task's output page. */
export function estimateMarkdown(estimate: CostEstimate): string {
  const share = Math.round(estimate.budgetShare * 100);
  const rows = estimate.lines.map(
    line => `| ${line.label} | ${usd(line.monthlyUsd)} | ${line.basis} |`,
  );
  const suggestions = estimate.suggestions.map(
    s => `- ${s.description} (saves ${usd(s.monthlySavingsUsd)} a month)`,
  );
  return [
    `**${usd(estimate.totalMonthlyUsd)} a month** against a budget of ${usd(
      estimate.budgetUsd,
    )}: ${share} %, ${estimate.verdict} budget.`,
    '',
    '| Line | Per month | How it is computed |',
    '| --- | ---: | --- |',
    ...rows,
    ...(suggestions.length ? ['', '**Suggestions**', '', ...suggestions] : []),
  ].join('\n');
}

/**
 * `aws-environments:estimate`: the monthly cost of an environment spec by
 * line, against its budget, from the cost model (no AWS calls, no synth).
 *
 * @public
 */
export function createEstimateAction() {
  return createTemplateAction({
    id: 'aws-environments:estimate',
    description:
      "Estimates an AWS environment's monthly cost by line from its spec, against its budget",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        spec: z => z.record(z.unknown()).describe(SPEC_INPUT_DESCRIPTION),
      },
      output: {
        totalMonthlyUsd: z =>
          z.number().describe('Estimated monthly total in USD'),
        budgetUsd: z => z.number().describe('The monthly budget in USD'),
        verdict: z =>
          z
            .enum(['under', 'near', 'over'])
            .describe('under < 80% of the budget <= near <= 100% < over'),
        lines: z =>
          z
            .array(
              z.object({
                id: z.string(),
                label: z.string(),
                service: z.string(),
                monthlyUsd: z.number(),
                basis: z.string(),
              }),
            )
            .describe('The estimate by line'),
        suggestions: z =>
          z
            .array(
              z.object({
                id: z.string(),
                description: z.string(),
                monthlySavingsUsd: z.number(),
              }),
            )
            .describe('Changes that would bring an over-budget spec down'),
        summary: z => z.string().describe('The estimate as text'),
        markdown: z => z.string().describe('The estimate as a Markdown table'),
      },
    },
    async handler(ctx) {
      const spec = parseSpecInput(ctx.input.spec);
      const estimate = estimateFromSpec(spec);
      const summary = summarizeEstimate(estimate);
      ctx.logger.info(summary);
      ctx.output('totalMonthlyUsd', estimate.totalMonthlyUsd);
      ctx.output('budgetUsd', estimate.budgetUsd);
      ctx.output('verdict', estimate.verdict);
      ctx.output('lines', estimate.lines);
      ctx.output('suggestions', estimate.suggestions);
      ctx.output('summary', summary);
      ctx.output('markdown', estimateMarkdown(estimate));
    },
  });
}
