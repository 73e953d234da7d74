import {
  type FieldSchema,
  makeFieldSchema,
} from '@backstage/plugin-scaffolder-react';
import type { BudgetVerdict } from '@innovate/plugin-aws-environments-common';
import type { CostEstimateFieldUiOptions } from './specFromFormData';

/**
 * The value of the `AwsEnvironmentCostEstimate` field: a summary the
 * template may pass on (e.g. to the task's output).
 *
 * @public
 */
export interface CostEstimateFieldValue {
  /** Whether the spec the wizard describes is valid. */
  valid: boolean;
  /** Estimated monthly cost in USD. */
  totalMonthlyUsd?: number;
  /** Monthly budget in USD. */
  budgetUsd?: number;
  /** The estimate against the budget. */
  verdict?: BudgetVerdict;
}

/**
 * The value and `ui:options` of the `AwsEnvironmentCostEstimate` field.
 * The value is a summary the template may pass on (e.g. to the task's
 * output); the spec itself stays in the wizard's own fields.
 *
 * @public
 */
export const CostEstimateFieldSchema: FieldSchema<
  CostEstimateFieldValue,
  CostEstimateFieldUiOptions
> = makeFieldSchema({
  output: z =>
    z.object({
      valid: z
        .boolean()
        .describe('Whether the spec the wizard describes is valid'),
      totalMonthlyUsd: z
        .number()
        .optional()
        .describe('Estimated monthly cost in USD'),
      budgetUsd: z.number().optional().describe('Monthly budget in USD'),
      verdict: z
        .enum(['under', 'near', 'over'])
        .optional()
        .describe('The estimate against the budget'),
    }),
  uiOptions: z => z.object(specLocationOptions(z)),
});

/** The zod that `makeFieldSchema` hands its schema functions. */
type FieldZod = Parameters<Parameters<typeof makeFieldSchema>[0]['output']>[0];

/**
 * The `ui:options` that say where the wizard keeps the spec
 * ({@link CostEstimateFieldUiOptions}), shared by the fields that read it.
 */
export function specLocationOptions(z: FieldZod) {
  return {
    specKey: z
      .string()
      .optional()
      .describe('Form key holding the whole spec object'),
    specFields: z
      .record(z.string())
      .optional()
      .describe(
        'Spec paths the wizard names differently, as spec path: form key',
      ),
  };
}

/** The props of the `AwsEnvironmentCostEstimate` field component. */
export type CostEstimateFieldProps = typeof CostEstimateFieldSchema.TProps;
