/*
 * Reading synthesized CloudFormation templates as JSON: the resources of a
 * type and their literal property values. Isomorphic (no aws-cdk-lib): the
 * CDK package reads fresh templates with it, the backend the templates it
 * recorded with a deployment.
 */

/**
 * A resource of a CloudFormation template, as JSON.
 *
 * @public
 */
export interface CfnResourceJson {
  Type: string;
  Properties?: Record<string, unknown>;
  DependsOn?: string | string[];
  Metadata?: Record<string, unknown>;
}

/**
 * A synthesized CloudFormation template, as JSON.
 *
 * @public
 */
export interface CfnTemplate {
  Description?: string;
  Resources?: Record<string, CfnResourceJson>;
  Outputs?: Record<string, { Value: unknown; Description?: string }>;
  [key: string]: unknown;
}

/**
 * A CloudFormation stack with its template, wherever it comes from: a fresh
 * synthesis or a recorded deployment.
 *
 * @public
 */
export interface CfnStack {
  stackName: string;
  account: string;
  region: string;
  template: object;
}

/**
 * A resource found in the templates of some stacks.
 *
 * @public
 */
export interface TemplateResource<S extends CfnStack = CfnStack> {
  stack: S;
  logicalId: string;
  type: string;
  properties: Record<string, unknown>;
}

/**
 * A JSON object (not an array, not null).
 *
 * @public
 */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Every resource of the given CloudFormation types, in stack and template
 * order. A template without resources, or an entry that is not an object,
 * contributes nothing; a resource without properties has `{}`.
 *
 * @public
 */
export function findResources<S extends CfnStack>(
  stacks: readonly S[],
  ...types: string[]
): TemplateResource<S>[] {
  return stacks.flatMap(stack => {
    const resources = (stack.template as { Resources?: unknown }).Resources;
    if (!isJsonObject(resources)) {
      return [];
    }
    return Object.entries(resources).flatMap(([logicalId, resource]) =>
      isJsonObject(resource) && types.includes(String(resource.Type))
        ? [
            {
              stack,
              logicalId,
              type: String(resource.Type),
              properties: isJsonObject(resource.Properties)
                ? resource.Properties
                : {},
            },
          ]
        : [],
    );
  });
}

/**
 * The value at a path of nested objects, or undefined.
 *
 * @public
 */
export function propertyAt(properties: unknown, ...path: string[]): unknown {
  let current = properties;
  for (const key of path) {
    if (!isJsonObject(current)) {
      return undefined;
    }
    current = current[key];
  }
  return current;
}

/**
 * A literal string property; undefined for intrinsics (`Ref`, `Fn::*`).
 *
 * @public
 */
export function literalString(value: unknown): string | undefined {
  if (typeof value === 'string') {
    return value;
  }
  if (typeof value === 'number') {
    return String(value);
  }
  return undefined;
}

/**
 * A literal number property (CloudFormation often writes numbers as
 * strings).
 *
 * @public
 */
export function literalNumber(value: unknown): number | undefined {
  if (typeof value === 'number') {
    return value;
  }
  if (typeof value === 'string' && value.trim() !== '' && !isNaN(+value)) {
    return Number(value);
  }
  return undefined;
}

/**
 * A literal boolean property (`true` or `"true"`, `false` or `"false"`).
 *
 * @public
 */
export function literalBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') {
    return value;
  }
  if (value === 'true' || value === 'false') {
    return value === 'true';
  }
  return undefined;
}

/**
 * The literal strings of an array property.
 *
 * @public
 */
export function literalStrings(value: unknown): string[] {
  if (!Array.isArray(value)) {
    return [];
  }
  return value.flatMap(item => {
    const literal = literalString(item);
    return literal === undefined ? [] : [literal];
  });
}
