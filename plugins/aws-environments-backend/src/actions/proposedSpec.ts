import {
  applySpecFieldValues,
  type EnvironmentSpec,
} from '@innovate/plugin-aws-environments-common';
import { FieldValidationError } from '../errors';
import type { SpecValidator } from '../services/Deployments/DefaultDeploymentService';
import type { SpecChange } from './input';

/** The spec with the changes applied, unvalidated; errors name `changes.<i>.field`. */
export function applyChanges(
  spec: EnvironmentSpec,
  changes: SpecChange[],
): unknown {
  const applied = applySpecFieldValues(spec, changes);
  if (applied.problems.length > 0) {
    throw new FieldValidationError(
      applied.problems.map(({ index, message }) => ({
        field: `changes.${index}.field`,
        message,
      })),
    );
  }
  return applied.spec;
}

/** Whether spec field `a` is `b`, inside it, or contains it. */
function related(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
}

/**
 * The proposed spec, validated: the spec validator's errors are named by
 * the change that caused them (`changes.<i>.value`), or under `spec`.
 */
export function validProposedSpec(
  validateSpec: SpecValidator,
  input: unknown,
  changes: SpecChange[] = [],
): EnvironmentSpec {
  const result = validateSpec(input);
  if (result.ok) {
    return result.spec;
  }
  throw new FieldValidationError(
    result.errors.map(error => {
      const index = changes.findIndex(c => related(c.field, error.field));
      return index >= 0
        ? {
            field: `changes.${index}.value`,
            message: `${error.field}: ${error.message}`,
          }
        : {
            field: error.field === '(root)' ? 'spec' : `spec.${error.field}`,
            message: error.message,
          };
    }),
  );
}

/** What an action proposes: a full spec, or changes to an environment's spec. */
export interface ProposalInput {
  environment?: string;
  spec?: Record<string, unknown>;
  changes?: SpecChange[];
}

/**
 * The input's proposed spec, validated: `spec` as given, or the changes
 * applied to `current` (the environment's spec). The caller checks that
 * the input names what it needs.
 */
export function proposedSpec(
  validateSpec: SpecValidator,
  proposal: ProposalInput,
  current: EnvironmentSpec | undefined,
): EnvironmentSpec {
  if (proposal.spec !== undefined) {
    return validProposedSpec(validateSpec, proposal.spec);
  }
  if (!current) {
    throw new FieldValidationError([
      { field: 'spec', message: 'is required without an environment' },
    ]);
  }
  const changes = proposal.changes ?? [];
  return validProposedSpec(
    validateSpec,
    applyChanges(current, changes),
    changes,
  );
}
