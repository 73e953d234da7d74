import type { EnvironmentSpec } from '@innovate/plugin-aws-environments-common';
import {
  CfnResourceJson,
  EnvironmentStackTemplate,
  findResources,
  FoundResource,
  referencedResource,
  resolveReference,
  ResourceReference,
  resourceKey,
} from '../templates';
import type { CfnProperties, ResourceType } from './resources';

/**
 * A resource of a type conformance reads, with its properties typed.
 */
export type ConformanceResource<T extends ResourceType> = Omit<
  FoundResource,
  'properties'
> & { properties: CfnProperties[T] };

/** Where a template value was read: the resource (or anything in a stack). */
type Site = { stack: EnvironmentStackTemplate };

/**
 * The one way conformance reads templates: resources by type with typed
 * properties, and template values followed to the resources they reference
 * (across stacks).
 */
export class TemplateQuery {
  constructor(readonly stacks: readonly EnvironmentStackTemplate[]) {}

  /** Every resource of the types, in stack and template order. */
  all<T extends ResourceType>(...types: T[]): ConformanceResource<T>[] {
    return findResources(this.stacks, ...types) as ConformanceResource<T>[];
  }

  /** The first resource of a type. */
  first<T extends ResourceType>(type: T): ConformanceResource<T> | undefined {
    return this.all(type)[0];
  }

  /** The properties of the first resource of a type; `{}` when there is none. */
  propertiesOf<T extends ResourceType>(type: T): CfnProperties[T] {
    return properties(this.first(type));
  }

  /** The resource a value read at `site` references. */
  resolve(site: Site, value: unknown): ResourceReference | undefined {
    return resolveReference(this.stacks, site.stack, value);
  }

  /** The template JSON of a referenced resource. */
  resourceOf(
    reference: ResourceReference | undefined,
  ): CfnResourceJson | undefined {
    return referencedResource(reference);
  }

  /** The template JSON of the resource a value read at `site` references. */
  target(site: Site, value: unknown): CfnResourceJson | undefined {
    return this.resourceOf(this.resolve(site, value));
  }

  /** The `resourceKey` of the resource a value references, if any. */
  keyOf(site: Site, value: unknown): string | undefined {
    const reference = this.resolve(site, value);
    return reference && resourceKey(reference);
  }

  /** The referenced resource, when it is of the type. */
  resourceAt<T extends ResourceType>(
    reference: ResourceReference,
    type: T,
  ): ConformanceResource<T> | undefined {
    return findResources([reference.stack], type).find(
      resource => resource.logicalId === reference.logicalId,
    ) as ConformanceResource<T> | undefined;
  }
}

/** The properties of a resource; `{}` when there is none. */
export function properties<P extends object>(
  resource: { properties: P } | undefined,
): P {
  return resource?.properties ?? ({} as P);
}

/** A template value that may be a list, as a list. */
export function asArray(value: unknown): unknown[] {
  if (value === undefined) {
    return [];
  }
  return Array.isArray(value) ? value : [value];
}

/**
 * What a check found: whether the claim holds, and what the templates show.
 *
 * @public
 */
export interface ConformanceCheckResult {
  passed: boolean;
  evidence: string;
  /** True when the spec leaves out what the claim is about (it passes). */
  notApplicable?: boolean;
}

/**
 * Checks one claim on an environment's templates.
 *
 * @public
 */
export type ConformanceCheck = (
  stacks: readonly EnvironmentStackTemplate[],
  spec: EnvironmentSpec,
) => ConformanceCheckResult;

/**
 * A claim of the seed and how to check it.
 *
 * @public
 */
export interface SeedClaimDefinition {
  id: string;
  title: string;
  seedText: string;
  check: ConformanceCheck;
}

/** A check of one claim, through the query helper. */
export type Check = (
  templates: TemplateQuery,
  spec: EnvironmentSpec,
) => ConformanceCheckResult;

/** A claim of the seed, checked through the query helper. */
export interface ClaimDefinition extends Omit<SeedClaimDefinition, 'check'> {
  check: Check;
}

export const result = (
  passed: boolean,
  evidence: string,
): ConformanceCheckResult => ({
  passed,
  evidence,
});

/** A claim about something the spec leaves out: it holds, vacuously. */
export const notApplicable = (evidence: string): ConformanceCheckResult => ({
  passed: true,
  notApplicable: true,
  evidence: `not applicable: ${evidence}`,
});

export { resourceKey };
export type { ResourceReference };
