import type { z } from 'zod';
import type { FieldError } from '../api/types';
import { isTypeIssue } from './rules';
import {
  EnvironmentSpec,
  environmentSpecSchema,
  SEED_ENVIRONMENT_INPUT,
} from './schema';

export { SPEC_LIMITS } from './rules';

/**
 * The result of {@link validateEnvironmentSpec}.
 *
 * @public
 */
export type EnvironmentSpecValidation =
  | { ok: true; spec: EnvironmentSpec }
  | { ok: false; errors: FieldError[] };

/**
 * Thrown by {@link parseEnvironmentSpec}; `errors` names every bad field.
 *
 * @public
 */
export class EnvironmentSpecError extends Error {
  readonly errors: FieldError[];

  constructor(errors: FieldError[]) {
    super(
      `Invalid environment spec:\n${errors
        .map(error => `  - ${error.field}: ${error.message}`)
        .join('\n')}`,
    );
    this.name = 'EnvironmentSpecError';
    this.errors = errors;
  }
}

type Plain = Record<string, unknown>;

function isPlainObject(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Keys come from the user: keep them printable and short in messages. */
function sanitizeKey(key: string): string {
  const printable = key.replace(/[^A-Za-z0-9_-]/g, '?');
  return printable.length > 40 ? `${printable.slice(0, 40)}…` : printable;
}

/** Unknown keys first, then type errors, then the rules, as read top-down. */
function rank(issue: z.core.$ZodIssue): number {
  if (issue.code === 'unrecognized_keys') {
    return 0;
  }
  return isTypeIssue(issue) ? 1 : 2;
}

/**
 * zod's issues as field errors: one per unknown key, none beyond the type
 * error for a field of the wrong type, no repeats.
 */
function toFieldErrors(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  const fieldOf = (issue: z.core.$ZodIssue) => issue.path.map(String).join('.');
  const wrongType = new Set(
    issues.filter(issue => rank(issue) === 1).map(fieldOf),
  );
  const errors = [...issues]
    .sort((a, b) => rank(a) - rank(b))
    .filter(issue => rank(issue) === 1 || !wrongType.has(fieldOf(issue)))
    .flatMap(issue => {
      const field = fieldOf(issue);
      if (issue.code !== 'unrecognized_keys') {
        return [{ field: field || '(root)', message: issue.message }];
      }
      return issue.keys.map(key => ({
        field: field ? `${field}.${sanitizeKey(key)}` : sanitizeKey(key),
        message: issue.message,
      }));
    });
  const distinct = new Map(
    errors.map(error => [`${error.field}\u0000${error.message}`, error]),
  );
  return [...distinct.values()];
}

/**
 * A domain whose fields are all empty: a form's domain section left blank,
 * which means no domain.
 */
function isBlankDomain(domain: unknown): boolean {
  return (
    isPlainObject(domain) &&
    Object.entries(domain).every(
      ([key, value]) =>
        value === undefined ||
        value === '' ||
        (key === 'hostedZoneAccount' && value === 'workloads'),
    )
  );
}

/**
 * Missing top-level objects are reported by their required leaves; a blank
 * domain is no domain.
 */
function normalizeRequiredObjects(input: unknown): unknown {
  if (!isPlainObject(input)) {
    return input;
  }
  const { domain, ...rest } = input;
  return {
    ...rest,
    ...('domain' in input && !isBlankDomain(domain) ? { domain } : {}),
    accounts: input.accounts === undefined ? {} : input.accounts,
    budget: input.budget === undefined ? {} : input.budget,
  };
}

/**
 * Validates an environment spec: shape, types, allowed values and the
 * cross-field rules. Every problem is reported, each with the dotted path of
 * the field and what the field accepts. Missing optional fields get the
 * seed's values.
 *
 * @public
 */
export function validateEnvironmentSpec(
  input: unknown,
): EnvironmentSpecValidation {
  const result = environmentSpecSchema.safeParse(
    normalizeRequiredObjects(input),
    { reportInput: true },
  );
  return result.success
    ? { ok: true, spec: result.data }
    : { ok: false, errors: toFieldErrors(result.error.issues) };
}

/**
 * Like {@link validateEnvironmentSpec}, but returns the spec or throws an
 * {@link EnvironmentSpecError} listing every bad field.
 *
 * @public
 */
export function parseEnvironmentSpec(input: unknown): EnvironmentSpec {
  const result = validateEnvironmentSpec(input);
  if (!result.ok) {
    throw new EnvironmentSpecError(result.errors);
  }
  return result.spec;
}

/**
 * The seed's own environment (`innovate-prod`, placeholder accounts), validated.
 *
 * @public
 */
export function defaultEnvironmentSpec(): EnvironmentSpec {
  return parseEnvironmentSpec(SEED_ENVIRONMENT_INPUT);
}
