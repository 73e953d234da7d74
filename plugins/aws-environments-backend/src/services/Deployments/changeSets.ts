import type { JsonObject, JsonValue } from '@backstage/types';
import {
  type ChangeSetChange,
  type ChangeSetSummary,
  isJsonObject,
} from '@innovate/plugin-aws-environments-common';
import type { RecordedStack } from '../EnvironmentRegistry/types';

function resources(
  stack: RecordedStack | undefined,
): Record<string, JsonObject> {
  const all = stack?.template.Resources;
  if (!isJsonObject(all)) {
    return {};
  }
  return Object.fromEntries(
    Object.entries(all).filter((entry): entry is [string, JsonObject] =>
      isJsonObject(entry[1]),
    ),
  );
}

function sameJson(a: JsonValue | undefined, b: JsonValue | undefined) {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The change sets CloudFormation would create, computed by comparing
 * templates: the sandbox's stand-in for CreateChangeSet. Stacks without
 * changes get no change set, as with CloudFormation.
 */
export function diffChangeSets(
  previous: RecordedStack[],
  next: RecordedStack[],
  changeSetName: string,
): ChangeSetSummary[] {
  const previousByName = new Map(previous.map(s => [s.stackName, s]));
  const summaries: ChangeSetSummary[] = [];
  for (const stack of next) {
    const before = resources(previousByName.get(stack.stackName));
    const after = resources(stack);
    const changes: ChangeSetChange[] = [];
    for (const [logicalId, resource] of Object.entries(after)) {
      const old = before[logicalId];
      if (!old) {
        changes.push({
          stack: stack.stackName,
          action: 'Add',
          logicalId,
          resourceType: String(resource.Type),
        });
      } else if (!sameJson(old, resource)) {
        changes.push({
          stack: stack.stackName,
          action: 'Modify',
          logicalId,
          resourceType: String(resource.Type),
          // Without the provider's schema, a type or property change may replace.
          replacement: old.Type === resource.Type ? 'Conditional' : 'True',
        });
      }
    }
    for (const [logicalId, resource] of Object.entries(before)) {
      if (!after[logicalId]) {
        changes.push({
          stack: stack.stackName,
          action: 'Remove',
          logicalId,
          resourceType: String(resource.Type),
        });
      }
    }
    if (changes.length > 0) {
      summaries.push({ stack: stack.stackName, changeSetName, changes });
    }
  }
  return summaries;
}

/** The CloudFormation change set name for a deployment. */
export function changeSetNameFor(deploymentId: string): string {
  return `innovate-portal-${deploymentId}`;
}
