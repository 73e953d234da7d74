import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildEnvironmentApp } from '@innovate/environment-cdk';
import type { EnvironmentSpec } from '@innovate/plugin-aws-environments-common';

type BuiltApp = ReturnType<typeof buildEnvironmentApp>;

/**
 * Synthesizes an environment's CDK app once for the test file (in
 * `beforeAll`, before the file's own) into a temporary assembly directory,
 * removed in `afterAll`. Read the fields inside the tests.
 */
export function useSynthesizedEnvironmentApp(
  spec: EnvironmentSpec,
  dirPrefix: string,
) {
  const current = {} as {
    assemblyDir: string;
    built: BuiltApp;
    assembly: ReturnType<BuiltApp['app']['synth']>;
  };
  beforeAll(() => {
    current.assemblyDir = fs.mkdtempSync(path.join(os.tmpdir(), dirPrefix));
    current.built = buildEnvironmentApp(spec, {
      outdir: current.assemblyDir,
      nag: false,
    });
    current.assembly = current.built.app.synth();
  });
  afterAll(() => {
    fs.rmSync(current.assemblyDir, { recursive: true, force: true });
  });
  return current;
}
