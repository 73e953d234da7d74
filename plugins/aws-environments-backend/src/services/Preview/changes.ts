import {
  fullDiff,
  ResourceDifference,
  ResourceImpact,
} from '@aws-cdk/cloudformation-diff';
import type { JsonObject, JsonValue } from '@backstage/types';
import type {
  EnvironmentSpec,
  FieldError,
} from '@innovate/plugin-aws-environments-common';

/** What CloudFormation does with one resource. */
export type ResourceAction = 'add' | 'modify' | 'remove' | 'replace';

/** One resource a change would touch. */
export interface ResourceChange {
  /** The stack's CloudFormation name. */
  stack: string;
  logicalId: string;
  type: string;
  action: ResourceAction;
  /** Whether the resource holds data or what data depends on (see STATEFUL_RESOURCE_TYPES). */
  stateful: boolean;
  /** Names of the changed properties (for `modify` and `replace`). */
  properties: string[];
}

/** A reason the change may not go ahead, by the spec field causing it. */
export interface BlockedChange {
  field: string;
  reason: string;
}

/**
 * Resource types whose replacement or removal loses data, and the spec
 * sections (in order of likelihood) whose change causes it:
 *
 * - `AWS::RDS::DBInstance`: the database itself; a new instance starts empty.
 * - `AWS::RDS::DBSubnetGroup`: a new subnet group moves the instance, which
 *   CloudFormation does by replacing it.
 * - `AWS::KMS::Key`: the database's storage key (and any other key); data
 *   encrypted under a deleted key cannot be read.
 * - `AWS::EC2::VPC` and `AWS::EC2::Subnet`: the network under the database;
 *   replacing them replaces the subnet group and the instance in them.
 */
export const STATEFUL_RESOURCE_TYPES: Readonly<
  Record<string, { label: string; sections: Array<keyof EnvironmentSpec> }>
> = {
  'AWS::RDS::DBInstance': {
    label: 'the database instance; its data is lost',
    sections: ['database', 'network'],
  },
  'AWS::RDS::DBSubnetGroup': {
    label:
      'the database subnet group; the database instance is replaced with it and its data is lost',
    sections: ['network', 'database'],
  },
  'AWS::KMS::Key': {
    label: 'a KMS key; data encrypted under it can no longer be read',
    sections: ['database', 'cluster'],
  },
  'AWS::EC2::VPC': {
    label:
      'the VPC under the database; the database instance is replaced with it and its data is lost',
    sections: ['network'],
  },
  'AWS::EC2::Subnet': {
    label:
      'a subnet under the database; the database instance is replaced with it and its data is lost',
    sections: ['network'],
  },
};

function actionOf(difference: ResourceDifference): ResourceAction {
  if (difference.isAddition) {
    return 'add';
  }
  if (difference.isRemoval) {
    return 'remove';
  }
  const impact = difference.changeImpact;
  if (
    impact === ResourceImpact.WILL_REPLACE ||
    impact === ResourceImpact.MAY_REPLACE ||
    difference.resourceTypeChanged
  ) {
    return 'replace';
  }
  if (
    impact === ResourceImpact.WILL_DESTROY ||
    impact === ResourceImpact.WILL_ORPHAN
  ) {
    return 'remove';
  }
  return 'modify';
}

/**
 * The resources `fullDiff` finds changed from `current` to `proposed`
 * templates of one stack (an empty template for a stack that does not exist
 * on one side).
 */
export function stackChanges(
  stack: string,
  current: JsonObject,
  proposed: JsonObject,
): ResourceChange[] {
  const changes: ResourceChange[] = [];
  fullDiff(current, proposed).resources.forEachDifference(
    (logicalId, difference) => {
      if (!difference.isDifferent) {
        return;
      }
      const type =
        difference.newResourceType ?? difference.oldResourceType ?? 'Unknown';
      changes.push({
        stack,
        logicalId,
        type,
        action: actionOf(difference),
        stateful: type in STATEFUL_RESOURCE_TYPES,
        properties: Object.keys(difference.propertyUpdates).sort(),
      });
    },
  );
  return changes;
}

/** Leaf paths (dotted, spec-relative) that differ between two values. */
function changedPaths(
  current: JsonValue | undefined,
  proposed: JsonValue | undefined,
  prefix: string,
): string[] {
  const isObject = (v: unknown): v is JsonObject =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObject(current) && isObject(proposed)) {
    const keys = [
      ...new Set([...Object.keys(current), ...Object.keys(proposed)]),
    ];
    return keys.flatMap(key =>
      changedPaths(current[key], proposed[key], `${prefix}.${key}`),
    );
  }
  return JSON.stringify(current) === JSON.stringify(proposed) ? [] : [prefix];
}

/** The spec field most likely to cause a change of a resource of `type`. */
export function causingField(
  type: string,
  current: EnvironmentSpec,
  proposed: EnvironmentSpec,
): string {
  const sections = STATEFUL_RESOURCE_TYPES[type]?.sections ?? [];
  for (const section of sections) {
    const [first] = changedPaths(
      current[section] as unknown as JsonValue,
      proposed[section] as unknown as JsonValue,
      section,
    );
    if (first) {
      return first;
    }
  }
  return 'spec';
}

/** A replacement or removal of a stateful resource: its data is lost. */
export function losesData(change: ResourceChange): boolean {
  return (
    change.stateful &&
    (change.action === 'replace' || change.action === 'remove')
  );
}

/**
 * What blocks a change: each replacement or removal of a stateful resource
 * whose logical id `acceptDataLoss` does not list, and the update rules'
 * field errors.
 */
export function blockedChanges(input: {
  changes: ResourceChange[];
  current: EnvironmentSpec;
  proposed: EnvironmentSpec;
  acceptDataLoss: string[];
  updateErrors: FieldError[];
}): BlockedChange[] {
  const accepted = new Set(input.acceptDataLoss);
  const dataLoss = input.changes
    .filter(change => losesData(change) && !accepted.has(change.logicalId))
    .map(change => ({
      field: causingField(change.type, input.current, input.proposed),
      reason: `${change.action === 'replace' ? 'Replaces' : 'Removes'} ${
        change.logicalId
      } (${change.type}) in stack ${change.stack}: ${
        STATEFUL_RESOURCE_TYPES[change.type].label
      }. Send "acceptDataLoss": ["${change.logicalId}"] to go ahead anyway.`,
    }));
  return [
    ...input.updateErrors.map(e => ({ field: e.field, reason: e.message })),
    ...dataLoss,
  ];
}
