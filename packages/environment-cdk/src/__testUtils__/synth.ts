import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  EnvironmentSpec,
  parseEnvironmentSpec,
} from '@innovate/plugin-aws-environments-common';
import { buildEnvironmentApp, EnvironmentApp } from '../app';
import { assemblyStacks } from '../assemblyStacks';
import type { EnvironmentStackTemplate } from '../templates';

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

/** A temporary directory for a cloud assembly. */
export function tempOutdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'environment-cdk-test-'));
}

/**
 * Builds and synthesizes the app without cdk-nag (the fast path for tests
 * that look at templates only) and returns the stacks' templates.
 */
export function synthesizeTemplates(spec: EnvironmentSpec): {
  built: EnvironmentApp;
  stacks: EnvironmentStackTemplate[];
} {
  const built = buildEnvironmentApp(spec, { outdir: tempOutdir(), nag: false });
  const assembly = built.app.synth();
  const stacks = assemblyStacks(built.stacks, assembly);
  return { built, stacks };
}
