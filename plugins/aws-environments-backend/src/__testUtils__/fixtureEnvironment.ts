import type { EnvironmentSpec } from '@innovate/plugin-aws-environments-common';
import type { DeployedEnvironment } from '../services/DataSources/types';
import { fixtureSynthesis } from './fakeSynthesizer';

/** An environment deployed with the fixture synthesis of `spec`, as recorded. */
export function fixtureEnvironment(
  spec: EnvironmentSpec,
  overrides: Partial<DeployedEnvironment> = {},
): DeployedEnvironment {
  const synthesis = fixtureSynthesis(spec);
  return {
    name: spec.name,
    owner: 'group:default/platform-team',
    source: 'sandbox',
    status: 'deployed',
    spec,
    outputs: {},
    stacks: synthesis.stacks,
    entities: [],
    checks: synthesis.checks,
    lastDeploymentId: 'd1',
    createdAt: '2025-10-01T00:00:00.000Z',
    updatedAt: '2025-10-01T00:00:00.000Z',
    ...overrides,
  };
}

/** The seed's system node group as every source's cluster view shows it. */
export const SEED_SYSTEM_NODE_GROUP = {
  name: 'innovate-prod-system',
  instanceTypes: ['t3.medium'],
  minSize: 2,
  desiredSize: 2,
  maxSize: 3,
};
