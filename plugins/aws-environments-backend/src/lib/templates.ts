import type { JsonObject, JsonValue } from '@backstage/types';
import type { RecordedStack } from '../services/EnvironmentRegistry/types';

/** A resource of a recorded CloudFormation template. */
export interface TemplateResource {
  stack: RecordedStack;
  logicalId: string;
  type: string;
  properties: JsonObject;
}

/** A JSON object (not an array, not null). */
export function isJsonObject(
  value: JsonValue | undefined,
): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every resource of the given CloudFormation types, in stack order. */
export function findResources(
  stacks: RecordedStack[],
  ...types: string[]
): TemplateResource[] {
  const found: TemplateResource[] = [];
  for (const stack of stacks) {
    const resources = stack.template.Resources;
    if (!isJsonObject(resources)) {
      continue;
    }
    for (const [logicalId, resource] of Object.entries(resources)) {
      if (isJsonObject(resource) && types.includes(String(resource.Type))) {
        found.push({
          stack,
          logicalId,
          type: String(resource.Type),
          properties: isJsonObject(resource.Properties)
            ? resource.Properties
            : {},
        });
      }
    }
  }
  return found;
}

/** The value at a path of nested objects, or undefined. */
export function propertyAt(
  properties: JsonObject,
  ...path: string[]
): JsonValue | undefined {
  let current: JsonValue | undefined = properties;
  for (const key of path) {
    if (!isJsonObject(current)) {
      return undefined;
    }
    current = current[key];
  }
  return current;
}

/** A literal string property; undefined for intrinsics (`Ref`, `Fn::*`). */
export function literalString(
  value: JsonValue | undefined,
): string | undefined {
  if (typeof value === 'string') {
    return value;
  }
  if (typeof value === 'number') {
    return String(value);
  }
  return undefined;
}

/** A literal number property (CloudFormation often writes numbers as strings). */
export function literalNumber(
  value: JsonValue | undefined,
): number | undefined {
  if (typeof value === 'number') {
    return value;
  }
  if (
    typeof value === 'string' &&
    value.trim() !== '' &&
    !isNaN(Number(value))
  ) {
    return Number(value);
  }
  return undefined;
}

/** A literal boolean property (`true` or `"true"`). */
export function literalBoolean(
  value: JsonValue | undefined,
): boolean | undefined {
  if (typeof value === 'boolean') {
    return value;
  }
  if (value === 'true' || value === 'false') {
    return value === 'true';
  }
  return undefined;
}

/** The literal strings of an array property. */
export function literalStrings(value: JsonValue | undefined): string[] {
  if (!Array.isArray(value)) {
    return [];
  }
  return value.flatMap(item => {
    const literal = literalString(item);
    return literal === undefined ? [] : [literal];
  });
}
