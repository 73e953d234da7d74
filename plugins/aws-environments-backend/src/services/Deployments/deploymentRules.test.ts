import {
  EnvironmentSpec,
  parseEnvironmentSpec,
  SEED_ENVIRONMENT_INPUT,
} from '@innovate/plugin-aws-environments-common';
import { FieldValidationError } from '../../errors';
import type { EnvironmentRecord } from '../EnvironmentRegistry/types';
import { rejectDisallowedUpdate } from './deploymentRules';

const current = parseEnvironmentSpec(SEED_ENVIRONMENT_INPUT);

function environment(
  patch: Partial<EnvironmentRecord> = {},
): EnvironmentRecord {
  return {
    name: current.name,
    owner: 'group:default/platform',
    source: 'sandbox',
    status: 'deployed',
    spec: current,
    outputs: {},
    stacks: [],
    entities: null,
    checks: null,
    lastDeploymentId: 'd1',
    createdAt: '2026-11-30T00:00:00.000Z',
    updatedAt: '2026-11-30T00:00:00.000Z',
    ...patch,
  };
}

/** Kubernetes two versions up, storage halved and the region moved. */
const proposed: EnvironmentSpec = parseEnvironmentSpec({
  ...SEED_ENVIRONMENT_INPUT,
  region: 'us-west-2',
  cluster: { kubernetesVersion: '1.35' },
  database: { allocatedStorageGb: 50 },
});

function refusedFields(record: EnvironmentRecord): string[] {
  try {
    rejectDisallowedUpdate(record, proposed);
  } catch (error) {
    expect(error).toBeInstanceOf(FieldValidationError);
    return (error as FieldValidationError).fieldErrors.map(e => e.field);
  }
  return [];
}

describe('rejectDisallowedUpdate', () => {
  it.each<[string, Partial<EnvironmentRecord>, string[]]>([
    [
      'a deployed environment: every rule',
      {},
      [
        'spec.region',
        'spec.cluster.kubernetesVersion',
        'spec.database.allocatedStorageGb',
      ],
    ],
    [
      'a failed update of a deployed one: against the last deployed spec',
      { status: 'failed' },
      [
        'spec.region',
        'spec.cluster.kubernetesVersion',
        'spec.database.allocatedStorageGb',
      ],
    ],
    [
      'one never deployed: only where it lives',
      { status: 'failed', lastDeploymentId: null, stacks: null },
      ['spec.region'],
    ],
    [
      'one destroyed with its data kept: the database, not the cluster',
      { status: 'destroyed' },
      ['spec.region', 'spec.database.allocatedStorageGb'],
    ],
  ])('%s', (_, patch, fields) => {
    expect(refusedFields(environment(patch))).toEqual(fields);
  });

  it('accepts an update AWS allows', () => {
    expect(() =>
      rejectDisallowedUpdate(
        environment(),
        parseEnvironmentSpec({
          ...SEED_ENVIRONMENT_INPUT,
          cluster: {
            kubernetesVersion: '1.34',
            applicationNodeGroup: { desiredSize: 4 },
          },
          database: { allocatedStorageGb: 200 },
        }),
      ),
    ).not.toThrow();
  });
});
