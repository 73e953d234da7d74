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
