/**
 * Which stacks of an environment a destroy deletes, in which order, and
 * which it keeps with the data. Read from the templates' cross-stack
 * references: CloudFormation does not stop the deletion of a stack whose
 * outputs another stack reads through `Fn::GetStackOutput`, so the plan has
 * to, or the kept database would lose its subnets and security group.
 */

import { ACCOUNT_BASELINE_STACK_NAME } from './spec/naming';

/**
 * What the plan needs of a stack.
 *
 * @public
 */
export interface PlannedStack {
  stackName: string;
  /** Holds data (the database): kept unless the data is destroyed too. */
  stateful: boolean;
  template: { Outputs?: Record<string, unknown>; [key: string]: unknown };
}

/**
 * A destroy plan.
 *
 * @public
 */
export interface DestroyPlan<T extends PlannedStack> {
  /** Stacks to delete, each before every stack it reads outputs of. */
  remove: T[];
  /**
   * Stacks kept: the account baseline (shared with the account's other
   * environments), the stateful ones and every stack they read outputs of.
   */
  keep: T[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function exportNames(stack: PlannedStack): string[] {
  return Object.values(stack.template.Outputs ?? {}).flatMap(output => {
    const name =
      isRecord(output) && isRecord(output.Export)
        ? output.Export.Name
        : undefined;
    return typeof name === 'string' ? [name] : [];
  });
}

/**
 * For each stack, the stacks of the environment whose outputs it reads
 * (`Fn::GetStackOutput` by stack name, `Fn::ImportValue` by export name).
 *
 * @public
 */
export function stackReferences(
  stacks: readonly PlannedStack[],
): Map<string, Set<string>> {
  const names = new Set(stacks.map(stack => stack.stackName));
  const exporters = new Map<string, string>();
  for (const stack of stacks) {
    for (const name of exportNames(stack)) {
      exporters.set(name, stack.stackName);
    }
  }
  const references = new Map<string, Set<string>>();
  for (const stack of stacks) {
    const producers = new Set<string>();
    const visit = (value: unknown): void => {
      if (Array.isArray(value)) {
        value.forEach(visit);
        return;
      }
      if (!isRecord(value)) {
        return;
      }
      const getStackOutput = value['Fn::GetStackOutput'];
      if (
        isRecord(getStackOutput) &&
        typeof getStackOutput.StackName === 'string'
      ) {
        if (names.has(getStackOutput.StackName)) {
          producers.add(getStackOutput.StackName);
        }
      }
      const importValue = value['Fn::ImportValue'];
      if (typeof importValue === 'string' && exporters.has(importValue)) {
        producers.add(exporters.get(importValue)!);
      }
      Object.values(value).forEach(visit);
    };
    visit(stack.template);
    producers.delete(stack.stackName);
    references.set(stack.stackName, producers);
  }
  return references;
}

/**
 * Plans a destroy: with `destroyData` every stack goes; without it the
 * stateful stacks stay, with everything they reference, transitively. The
 * account baseline always stays: other environments of the account rely on
 * its GuardDuty detector and trail. Stacks are deleted consumers first.
 *
 * @public
 */
export function planDestroy<T extends PlannedStack>(
  stacks: readonly T[],
  options: { destroyData: boolean },
): DestroyPlan<T> {
  const references = stackReferences(stacks);
  const kept = new Set<string>();
  const keepWithReferences = (name: string) => {
    if (kept.has(name)) {
      return;
    }
    kept.add(name);
    references.get(name)?.forEach(keepWithReferences);
  };
  stacks
    .filter(s => s.stackName === ACCOUNT_BASELINE_STACK_NAME)
    .forEach(s => keepWithReferences(s.stackName));
  if (!options.destroyData) {
    stacks
      .filter(s => s.stateful)
      .forEach(s => keepWithReferences(s.stackName));
  }

  // Consumers first: a stack is deleted once nothing left reads it; among
  // those, the one deployed last goes first (the reverse of deployment).
  const pending = stacks.filter(stack => !kept.has(stack.stackName));
  const unread = (candidate: T) =>
    !pending.some(other =>
      references.get(other.stackName)?.has(candidate.stackName),
    );
  const remove: T[] = [];
  while (pending.length > 0) {
    let next = pending.length - 1;
    while (next >= 0 && !unread(pending[next])) {
      next--;
    }
    if (next < 0) {
      throw new Error(
        `The stacks ${pending
          .map(s => s.stackName)
          .join(', ')} reference each other; no deletion order exists`,
      );
    }
    remove.push(...pending.splice(next, 1));
  }
  return {
    remove,
    keep: stacks.filter(stack => kept.has(stack.stackName)),
  };
}
