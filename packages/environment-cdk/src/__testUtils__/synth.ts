import {
  EnvironmentSpec,
  parseEnvironmentSpec,
} from '@innovate/plugin-aws-environments-common';
import { buildEnvironmentApp, EnvironmentApp } from '../app';
import { assemblyStacks } from '../assemblyStacks';
import { tempOutdir } from './tempOutdirs';
import type { EnvironmentStackTemplate } from '../templates';

export { tempOutdir } from './tempOutdirs';

/** A domain in a hosted zone of the workloads account. */
export const TEST_DOMAIN = {
  name: 'app.innovate.example',
  hostedZoneId: 'Z0123456789ABCDEFGHIJ',
  hostedZoneName: 'innovate.example',
  hostedZoneAccount: 'workloads',
} as const;

/** A valid spec: the seed with a test name and the patch applied. */
export function testSpec(patch: (spec: EnvironmentSpec) => void = () => {}) {
  const spec = parseEnvironmentSpec({
    name: 'innovate-test',
    accounts: { management: '111111111111', workloads: '222222222222' },
    budget: { alertEmail: 'alerts@example.com' },
  });
  patch(spec);
  return parseEnvironmentSpec(spec);
}

/**
 * Builds and synthesizes the app without cdk-nag and without staging the
 * assets (the fast path for tests that look at templates only) and returns
 * the stacks' templates.
 */
export function synthesizeTemplates(spec: EnvironmentSpec): {
  built: EnvironmentApp;
  stacks: EnvironmentStackTemplate[];
} {
  const built = buildEnvironmentApp(spec, {
    outdir: tempOutdir(),
    nag: false,
    // Templates only: the assets stay where they are.
    stageAssets: false,
  });
  const assembly = built.app.synth();
  const stacks = assemblyStacks(built.stacks, assembly);
  return { built, stacks };
}
