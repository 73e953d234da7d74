import { InputError } from '@backstage/errors';
import {
  EnvironmentSpec,
  FieldError,
  validateEnvironmentSpec,
} from '@innovate/plugin-aws-environments-common';

/** Describes the `spec` input every action of this module takes. */
export const SPEC_INPUT_DESCRIPTION =
  'The environment spec (EnvironmentSpec of @innovate/plugin-aws-environments-common): ' +
  'name, accounts, region, network, cluster, database, domain, alarms, budget. ' +
  "Left-out fields take the seed architecture's defaults.";

/** Formats field errors one per line, each naming its field. */
export function formatFieldErrors(errors: FieldError[]): string {
  return errors.map(e => `  - spec.${e.field}: ${e.message}`).join('\n');
}

/**
 * Validates an action's `spec` input. Invalid input stops the action before
 * anything is synthesized or deployed, with every bad field named.
 */
export function parseSpecInput(input: unknown): EnvironmentSpec {
  const result = validateEnvironmentSpec(input);
  if (!result.ok) {
    throw new InputError(
      `The environment spec is invalid:\n${formatFieldErrors(result.errors)}`,
    );
  }
  return result.spec;
}
