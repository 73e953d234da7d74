import {
  type FieldSchema,
  makeFieldSchema,
} from '@backstage/plugin-scaffolder-react';
import type { CostEstimateFieldUiOptions } from '../CostEstimateField';
import { specLocationOptions } from '../CostEstimateField/costEstimateFieldSchema';

/**
 * Where the preview of a change stands: `create` when the wizard creates an
 * environment (no preview); `loading` while it is computed; `ready` when it
 * is shown; `refused` when the backend refuses the change (a rule of AWS,
 * or a stateful resource whose loss is not accepted); `new` when no
 * environment has the name yet; `failed` when the preview could not be
 * computed (the deployment still checks the change).
 *
 * @public
 */
export type ChangePreviewState =
  | 'create'
  | 'loading'
  | 'ready'
  | 'refused'
  | 'new'
  | 'failed';

/**
 * The value of the `AwsEnvironmentChangePreview` field.
 *
 * @public
 */
export interface ChangePreviewFieldValue {
  state: ChangePreviewState;
  /** Logical ids of stateful resources whose loss the user accepted. */
  acceptDataLoss: string[];
  /** What stops the change, when `refused`. */
  problems: string[];
  /** The monthly cost change, when `ready`. */
  deltaUsd?: number;
}

/**
 * The value and `ui:options` of the `AwsEnvironmentChangePreview` field. The
 * template passes `acceptDataLoss` on to `aws-environments:deploy`.
 *
 * @public
 */
export const ChangePreviewFieldSchema: FieldSchema<
  ChangePreviewFieldValue,
  CostEstimateFieldUiOptions & { modeKey?: string }
> = makeFieldSchema({
  output: z =>
    z.object({
      state: z
        .enum(['create', 'loading', 'ready', 'refused', 'new', 'failed'])
        .describe('Where the preview stands'),
      acceptDataLoss: z
        .array(z.string())
        .describe('Logical ids of stateful resources whose loss is accepted'),
      problems: z.array(z.string()).describe('What stops the change'),
      deltaUsd: z.number().optional().describe('Monthly cost change in USD'),
    }),
  uiOptions: z =>
    z.object({
      ...specLocationOptions(z),
      modeKey: z
        .string()
        .optional()
        .describe(
          'Form key saying `create` or `update` (default `mode`); the preview shows for `update`',
        ),
    }),
});

/** The props of the `AwsEnvironmentChangePreview` field component. */
export type ChangePreviewFieldProps = typeof ChangePreviewFieldSchema.TProps;
