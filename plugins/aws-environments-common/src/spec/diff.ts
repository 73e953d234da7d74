import type { SpecFieldChange } from '../api/types';
import type { EnvironmentSpec } from './schema';

/*
 * The field-by-field difference of two specs, as a deployment's history
 * shows it: one change per leaf (a string, number, boolean or null; an
 * array counts as one value), named by its dotted path.
 */

type Leaf = [field: string, value: unknown];

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every leaf of `value` under `prefix`, in the value's own key order. */
function leaves(value: unknown, prefix: string, into: Leaf[]): Leaf[] {
  if (!isPlainObject(value)) {
    if (value !== undefined) {
      into.push([prefix, value]);
    }
    return into;
  }
  for (const [key, child] of Object.entries(value)) {
    leaves(child, prefix ? `${prefix}.${key}` : key, into);
  }
  return into;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) {
    return true;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((item, index) => deepEqual(item, b[index]))
    );
  }
  if (!isPlainObject(a) || !isPlainObject(b)) {
    return false;
  }
  const keys = Object.keys(a).filter(key => a[key] !== undefined);
  return (
    keys.length === Object.keys(b).filter(key => b[key] !== undefined).length &&
    keys.every(key => deepEqual(a[key], b[key]))
  );
}

/**
 * The fields of both, in the spec's order: those of `after`, with each field
 * only `before` has placed right after the field that precedes it there.
 */
function mergedFields(before: Leaf[], after: Leaf[]): string[] {
  const fields = after.map(([field]) => field);
  const present = new Set(fields);
  let previous: string | undefined;
  for (const [field] of before) {
    if (!present.has(field)) {
      const at = previous === undefined ? 0 : fields.indexOf(previous) + 1;
      fields.splice(at, 0, field);
      present.add(field);
    }
    previous = field;
  }
  return fields;
}

/**
 * What changes from `before` to `after`, leaf by leaf in the spec's field
 * order: a field only `after` has is added (no `before`), one only `before`
 * has is removed (no `after`). Arrays are compared as whole values. Without
 * `before` (an environment's first deployment) every field is added.
 *
 * @public
 */
export function diffSpecs(
  before: EnvironmentSpec | undefined,
  after: EnvironmentSpec,
): SpecFieldChange[] {
  const beforeLeaves = leaves(before, '', []);
  const afterLeaves = leaves(after, '', []);
  const beforeValues = new Map(beforeLeaves);
  const afterValues = new Map(afterLeaves);
  const changes: SpecFieldChange[] = [];
  for (const field of mergedFields(beforeLeaves, afterLeaves)) {
    const had = beforeValues.has(field);
    const has = afterValues.has(field);
    const from = beforeValues.get(field);
    const to = afterValues.get(field);
    if (had && has && deepEqual(from, to)) {
      continue;
    }
    changes.push({
      field,
      ...(had ? { before: from } : {}),
      ...(has ? { after: to } : {}),
    });
  }
  return changes;
}
