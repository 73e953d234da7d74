import { z } from 'zod';
import { environmentSpecSchema } from './schema';

/**
 * The environment spec's JSON Schema (draft 2020-12, which OpenAPI 3.1
 * uses), made by zod from {@link environmentSpecSchema}: what a caller may
 * send, so fields with a seed default are optional. Unknown keys are
 * rejected (`additionalProperties: false`); enums, ranges and patterns are
 * included. The cross-field rules (CIDR layout, node group and replica
 * ordering, NAT gateways per AZ, a domain's certificate) have no JSON Schema
 * form: `validateEnvironmentSpec` applies them.
 *
 * @public
 */
export function environmentSpecJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(environmentSpecSchema, {
    target: 'draft-2020-12',
    io: 'input',
    override: ({ jsonSchema }) => {
      // Whole numbers are multipleOf(1) in the schema (see wholeNumber).
      if (jsonSchema.type === 'number' && jsonSchema.multipleOf === 1) {
        jsonSchema.type = 'integer';
        delete jsonSchema.multipleOf;
      }
    },
  }) as Record<string, unknown>;
}
