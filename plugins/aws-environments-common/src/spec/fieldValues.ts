/** Path segments that would reach an object's prototype. */
const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor']);

type Container = Record<string, unknown>;

function isContainer(value: unknown): value is Container {
  return typeof value === 'object' && value !== null;
}

/** Sets one dotted field of `target`, or says why it cannot be set. */
function setField(
  target: Container,
  change: { field: string; value: unknown },
): string | undefined {
  const segments = change.field.split('.');
  if (segments.some(s => s === '' || FORBIDDEN.has(s))) {
    return `'${change.field}' is not a dotted path of spec fields`;
  }
  let node = target;
  for (const [index, segment] of segments.slice(0, -1).entries()) {
    const next = node[segment];
    if (next === undefined) {
      node[segment] = {};
    } else if (!isContainer(next)) {
      const parent = segments.slice(0, index + 1).join('.');
      return `'${parent}' is a ${typeof next}, not an object with fields`;
    }
    node = node[segment] as Container;
  }
  node[segments[segments.length - 1]] = change.value;
  return undefined;
}

/**
 * What {@link applySpecFieldValues} made: the changed spec (not validated
 * again) and, by the index of the change, the changes it could not apply.
 *
 * @public
 */
export interface AppliedSpecFieldValues {
  spec: unknown;
  problems: Array<{ index: number; message: string }>;
}

/**
 * A copy of `spec` with each dotted field set to its value (e.g.
 * `cluster.applicationNodeGroup.desiredSize` = 4), as cost suggestions,
 * the change wizard and agents' actions express a change. A path through a
 * value that is not an object, or towards an object's prototype, is a
 * problem of that change; the spec itself is left as it was.
 *
 * @public
 */
export function applySpecFieldValues(
  spec: object,
  changes: ReadonlyArray<{ field: string; value: unknown }>,
): AppliedSpecFieldValues {
  const changed = structuredClone(spec) as Container;
  const problems: AppliedSpecFieldValues['problems'] = [];
  changes.forEach((change, index) => {
    const message = setField(changed, change);
    if (message) {
      problems.push({ index, message });
    }
  });
  return { spec: changed, problems };
}
