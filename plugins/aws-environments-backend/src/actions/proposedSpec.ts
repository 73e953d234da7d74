import type {
  EnvironmentSpec,
  FieldError,
} from '@innovate/plugin-aws-environments-common';
import { FieldValidationError } from '../errors';
import type { SpecValidator } from '../services/Deployments/DefaultDeploymentService';
import type { SpecChange } from './input';

/** Path segments that would reach an object's prototype. */
const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor']);

type Container = Record<string, unknown> | unknown[];

function isContainer(value: unknown): value is Container {
  return typeof value === 'object' && value !== null;
}

/** Sets one dotted field of `target`, or says why it cannot be set. */
function setField(target: Container, change: SpecChange): string | undefined {
  const segments = change.field.split('.');
  if (segments.some(s => s === '' || FORBIDDEN.has(s))) {
    return `'${change.field}' is not a dotted path of spec fields`;
  }
  let node: Container = target;
  for (const [index, segment] of segments.slice(0, -1).entries()) {
    const next = (node as Record<string, unknown>)[segment];
    if (next === undefined) {
      (node as Record<string, unknown>)[segment] = {};
    } else if (!isContainer(next)) {
      const parent = segments.slice(0, index + 1).join('.');
      return `'${parent}' is a ${typeof next}, not an object with fields`;
    }
    node = (node as Record<string, Container>)[segment];
  }
  (node as Record<string, unknown>)[segments[segments.length - 1]] =
    change.value;
  return undefined;
}

/** The spec with the changes applied, unvalidated; errors name `changes.<i>.field`. */
export function applyChanges(
  spec: EnvironmentSpec,
  changes: SpecChange[],
): unknown {
  const changed = structuredClone(spec) as unknown as Container;
  const errors: FieldError[] = [];
  changes.forEach((change, index) => {
    const problem = setField(changed, change);
    if (problem) {
      errors.push({ field: `changes.${index}.field`, message: problem });
    }
  });
  if (errors.length > 0) {
    throw new FieldValidationError(errors);
  }
  return changed;
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
