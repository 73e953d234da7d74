import type { ChangeSetSummary } from '@innovate/plugin-aws-environments-common';
import type { RecordedStack } from '../EnvironmentRegistry/types';
import {
  losesData,
  STATEFUL_RESOURCE_TYPES,
  stackChanges,
} from '../Preview/changes';

/** A stateful resource an update would replace or remove. */
export interface DataLoss {
  stack: string;
  logicalId: string;
  type: string;
  action: 'replace' | 'remove';
}

/**
 * The stateful resources (STATEFUL_RESOURCE_TYPES) that going from the
 * `recorded` templates to the `synthesized` ones replaces or removes, by
 * `@aws-cdk/cloudformation-diff` (as the preview computes them), less those
 * `accepted`. Stacks not synthesized any more are left out: an update
 * never deletes a stack.
 */
export function templateDataLoss(
  recorded: RecordedStack[],
  synthesized: RecordedStack[],
  accepted: string[],
): DataLoss[] {
  const before = new Map(recorded.map(s => [s.stackName, s.template]));
  const ok = new Set(accepted);
  return synthesized.flatMap(stack =>
    stackChanges(
      stack.stackName,
      before.get(stack.stackName) ?? {},
      stack.template,
    )
      .filter(change => losesData(change) && !ok.has(change.logicalId))
      .map(change => ({
        stack: change.stack,
        logicalId: change.logicalId,
        type: change.type,
        action: change.action as DataLoss['action'],
      })),
  );
}

/**
 * The stateful resources CloudFormation's own change sets replace
 * (`Replacement: True`) or remove, less those `accepted`. A `Conditional`
 * replacement depends on values CloudFormation resolves at execution and
 * is not counted.
 */
export function changeSetDataLoss(
  changeSets: ChangeSetSummary[],
  accepted: string[],
): DataLoss[] {
  const ok = new Set(accepted);
  return changeSets.flatMap(changeSet =>
    changeSet.changes
      .filter(
        change =>
          change.resourceType in STATEFUL_RESOURCE_TYPES &&
          (change.action === 'Remove' || change.replacement === 'True') &&
          !ok.has(change.logicalId),
      )
      .map(change => ({
        stack: change.stack,
        logicalId: change.logicalId,
        type: change.resourceType,
        action:
          change.action === 'Remove'
            ? ('remove' as const)
            : ('replace' as const),
      })),
  );
}

/** Why the deployment is refused: each loss, and the way out. */
export function dataLossMessage(
  environment: string,
  losses: DataLoss[],
  found: 'templates' | 'change sets',
): string {
  const list = losses
    .map(
      loss =>
        `${loss.action === 'replace' ? 'replaces' : 'removes'} ${
          loss.logicalId
        } (${loss.type}) in ${loss.stack}: ${
          STATEFUL_RESOURCE_TYPES[loss.type]?.label ?? 'its data is lost'
        }`,
    )
    .join('; ');
  const ids = [...new Set(losses.map(loss => `"${loss.logicalId}"`))].join(
    ', ',
  );
  const done =
    found === 'templates'
      ? 'Nothing was changed.'
      : "CloudFormation's change sets say so; none was executed.";
  return `Refused to update ${environment}: the change ${list}. ${done} Preview the change (POST /v1/environments/${environment}/preview), then either change the spec back or deploy again with "acceptDataLoss": [${ids}] if losing that data is intended`;
}
