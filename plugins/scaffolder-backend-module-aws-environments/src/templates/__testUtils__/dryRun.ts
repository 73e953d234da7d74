import { awsEnvironmentsTestModule } from './environments';
import {
  DryRunResult,
  ScaffolderUnderTest,
  startScaffolder,
} from './scaffolder';

/**
 * Starts a scaffolder with one template and the `aws-environments:outputs`
 * action (on a fake backend with the test environment deployed), and
 * dry-runs it once for the test file (`beforeAll`), stopping it in
 * `afterAll`. Read `result` inside the tests; `file(name)` is a rendered
 * file, failing when it was not rendered; `environments` is the fake
 * backend.
 */
export function useDryRun(template: string, values: Record<string, unknown>) {
  let scaffolder: ScaffolderUnderTest | undefined;
  const environments = awsEnvironmentsTestModule();
  const dryRun = {
    environments: environments.backend,
    result: undefined as unknown as DryRunResult,
    file(name: string): string {
      const content = dryRun.result.files.get(name);
      if (content === undefined) {
        throw new Error(`${name} was not rendered`);
      }
      return content;
    },
  };
  // Starting a scaffolder backend takes seconds, more on a loaded machine:
  // not jest's 5 s default.
  beforeAll(async () => {
    scaffolder = await startScaffolder([template], [environments.feature]);
    dryRun.result = await scaffolder.dryRun(template, values);
  }, 120_000);
  afterAll(async () => {
    await scaffolder?.stop();
  });
  return dryRun;
}
