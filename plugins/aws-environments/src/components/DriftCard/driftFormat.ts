import type {
  DriftStatus,
  ResourceDrift,
  StackDrift,
} from '@innovate/plugin-aws-environments-common';
import type { StatusTone } from '../StatusLabel';

/** Words for the drift statuses: the tone is never the only signal. */
export const DRIFT_LABELS: Record<StackDrift['status'], string> = {
  IN_SYNC: 'In sync',
  DRIFTED: 'Drifted',
  UNKNOWN: 'Unknown',
  NOT_CHECKED: 'Not checked',
};

export const DRIFT_TONES: Record<StackDrift['status'], StatusTone> = {
  IN_SYNC: 'ok',
  DRIFTED: 'warning',
  UNKNOWN: 'pending',
  NOT_CHECKED: 'pending',
};

export const RESOURCE_LABELS: Record<ResourceDrift['status'], string> = {
  IN_SYNC: 'In sync',
  MODIFIED: 'Modified',
  DELETED: 'Deleted',
  NOT_CHECKED: 'Not checked',
};

export const RESOURCE_TONES: Record<ResourceDrift['status'], StatusTone> = {
  IN_SYNC: 'ok',
  MODIFIED: 'warning',
  DELETED: 'error',
  NOT_CHECKED: 'pending',
};

/** A drifted resource with the stack it belongs to. */
export type DriftedResource = ResourceDrift & { stack: string };

export function driftedResources(stacks: StackDrift[]): DriftedResource[] {
  return stacks.flatMap(stack =>
    stack.resources.map(resource => ({ ...resource, stack: stack.name })),
  );
}

/** The overall status in a sentence. */
export function driftSummary(
  status: DriftStatus,
  stacks: StackDrift[],
): string {
  const count = (n: number, what: string) =>
    `${n} ${what}${n === 1 ? '' : 's'}`;
  if (status === 'DRIFTED') {
    const drifted = stacks.filter(s => s.status === 'DRIFTED').length;
    const resources = driftedResources(stacks).length;
    return `${count(resources, 'resource')} in ${count(
      drifted,
      'stack',
    )} differ from the deployed templates.`;
  }
  if (status === 'UNKNOWN') {
    const unknown = stacks.filter(s => s.status !== 'IN_SYNC').length;
    return `The drift of ${count(unknown, 'stack')} is not known.`;
  }
  return 'No drift detected: every stack matches its template.';
}
