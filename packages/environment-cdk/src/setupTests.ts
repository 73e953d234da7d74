import { removeTempOutdirs } from './__testUtils__/tempOutdirs';

// aws-cdk-lib's CloudFormation schema validation costs ~6 s per test file to
// load; only the tests that are about it (nag.test.ts, cli.test.ts) turn it
// back on.
process.env.CDK_VALIDATION = 'false';

// Synthesizing the whole app takes seconds on the shared 2-core machines.
jest.setTimeout(120_000);

// The cloud assemblies of each file (up to 57 MB each with staged assets).
afterAll(removeTempOutdirs);
