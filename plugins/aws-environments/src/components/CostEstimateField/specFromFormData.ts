import {
  environmentSpecSchema,
  type FieldError,
} from '@innovate/plugin-aws-environments-common';

/**
 * `ui:options` of the `AwsEnvironmentCostEstimate` field: where the wizard
 * keeps the environment spec in its form data.
 *
 * With neither option, the form's top-level keys named like the spec's
 * (`name`, `accounts`, `region`, `network`, `cluster`, `database`,
 * `domain`, `alarms`, `budget`) are the spec.
 *
 * @public
 */
export interface CostEstimateFieldUiOptions {
  /** A form key whose value is the whole spec object (e.g. `spec`). */
  specKey?: string;
  /**
   * Spec fields the wizard names differently, as `spec path: form key`
   * (dotted paths on both sides), e.g.
   * `cluster.applicationNodeGroup.desiredSize: appNodes`. Applied on top.
   */
  specFields?: Record<string, string>;
}

type Json = Record<string, unknown>;

const SPEC_KEYS = Object.keys(environmentSpecSchema.shape);

/** A plain object (not null, not an array). */
export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at a dotted path, or undefined. */
export function getPath(data: Json, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (current, key) => (isObject(current) ? current[key] : undefined),
      data,
    );
}

/** Sets the value at a dotted path, creating the objects on the way. */
export function setPath(data: Json, path: string, value: unknown): void {
  const keys = path.split('.');
  let current = data;
  keys.slice(0, -1).forEach(key => {
    if (!isObject(current[key])) {
      current[key] = {};
    }
    current = current[key] as Json;
  });
  current[keys[keys.length - 1]] = value;
}

/** Drops `undefined` members, as a cleared form field leaves them. */
function withoutUndefined(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(withoutUndefined);
  }
  if (!isObject(value)) {
    return value;
  }
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, member]) => member !== undefined)
      .map(([key, member]) => [key, withoutUndefined(member)]),
  );
}

/**
 * The environment spec (as input to `validateEnvironmentSpec`) that the
 * wizard's whole form data describes.
 *
 * @public
 */
export function specFromFormData(
  formData: unknown,
  options: CostEstimateFieldUiOptions = {},
): Record<string, unknown> {
  const data = isObject(formData) ? formData : {};
  let spec: Json;
  if (options.specKey) {
    const nested = data[options.specKey];
    spec = isObject(nested) ? (withoutUndefined(nested) as Json) : {};
  } else {
    spec = Object.fromEntries(
      SPEC_KEYS.filter(key => data[key] !== undefined).map(key => [
        key,
        withoutUndefined(data[key]),
      ]),
    );
  }
  for (const [specPath, formPath] of Object.entries(options.specFields ?? {})) {
    const value = getPath(data, formPath);
    if (value !== undefined) {
      setPath(spec, specPath, withoutUndefined(value));
    }
  }
  return spec;
}

/**
 * A spec field error as the wizard's user knows the field: by its form key
 * where the wizard renames it, with the spec path beside it.
 */
export function describeFieldError(
  error: FieldError,
  options: CostEstimateFieldUiOptions = {},
): string {
  const formKey = Object.entries(options.specFields ?? {}).find(
    ([specPath]) => specPath === error.field,
  )?.[1];
  const where = formKey ? `${formKey} (${error.field})` : error.field;
  return `${where}: ${error.message}`;
}
