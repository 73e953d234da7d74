#!/usr/bin/env node
// The generated environment repository, built as its CI builds it: the
// create-aws-environment template rendered by a dry run (with the vendored
// CDK app), `npm ci` in a temporary folder (@innovate/* from vendor/ and the
// lockfile, never a registry), `cdk synth` there compared with the portal's
// own synthesis of the same spec, and its pull request checks.
//
//   node scripts/test-environment-repository.mjs [--json FILE]
//
// About two minutes (an install of aws-cdk-lib and three syntheses), so it
// is not in the unit suite: `./portal test` runs it as its own step
// (scripts/test-all.mjs, "environment-repository"). It needs npm on PATH and
// the npm registry or a warm npm cache for the third-party packages.
// Exit code: jest's.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const jsonIndex = args.indexOf('--json');
const jsonArgs =
  jsonIndex >= 0 ? ['--json', `--outputFile=${args[jsonIndex + 1]}`] : [];

const child = spawn(
  'yarn',
  [
    'backstage-cli',
    'package',
    'test',
    '--ci',
    '--watchAll=false',
    ...jsonArgs,
    'src/templates/environmentRepositoryInstall.test.ts',
  ],
  {
    cwd: `${root}plugins/scaffolder-backend-module-aws-environments`,
    stdio: 'inherit',
    env: {
      ...process.env,
      CI: process.env.CI ?? '1',
      BACKSTAGE_TEST_DISABLE_DOCKER: '1',
      INNOVATE_ENVIRONMENT_REPOSITORY_TEST: '1',
    },
  },
);
child.on('close', code => process.exit(code ?? 1));
