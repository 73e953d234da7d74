#!/usr/bin/env node
// The whole test suite of the portal, run by `./portal test` (and CI).
//
//   node scripts/test-all.mjs [--only step,step] [--skip step,step]
//
// Steps: tsc, api-reports, lint, prettier, unit-sizes, unit,
// environment-repository, build, browser, production. Each check step (tsc,
// api-reports, lint, prettier, unit-sizes, build, production) counts as one
// test; unit, environment-repository and browser count their individual test
// cases. environment-repository is scripts/test-environment-repository.mjs
// (the generated environment repository installed with npm ci and
// synthesized; too slow for the unit suite). api-reports reads the declarations `tsc` writes to
// dist-types; run without the tsc step, it compiles them itself.
// `build` is `yarn build:backend`, the Dockerfile's build: it builds the
// frontend (which the browser tests use) and the backend bundle (which the
// production step starts). The last line is "N passed, N failed" and the exit
// code is non-zero when anything failed.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPortal } from './lib/portal-process.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const resultsDir = join(root, 'test-results');
const STEPS = [
  'tsc',
  'api-reports',
  'lint',
  'prettier',
  'unit-sizes',
  'unit',
  'environment-repository',
  'build',
  'browser',
  'production',
];

function parseArgs(argv) {
  const pick = flag => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1].split(',') : undefined;
  };
  const only = pick('--only');
  const skip = pick('--skip') ?? [];
  for (const name of [...(only ?? []), ...skip]) {
    if (!STEPS.includes(name)) {
      console.error(`unknown step "${name}"; steps are: ${STEPS.join(', ')}`);
      process.exit(64);
    }
  }
  return STEPS.filter(
    s => (only ? only.includes(s) : true) && !skip.includes(s),
  );
}

function run(cmd, args, { env = {}, quiet = false } = {}) {
  return new Promise(resolve => {
    const child = spawn(cmd, args, {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: quiet ? 'ignore' : 'inherit',
    });
    child.on('close', code => resolve(code ?? 1));
  });
}

const testEnv = {
  // backstage-cli runs Jest in watch mode unless CI is set.
  CI: process.env.CI ?? '1',
  // Backend tests that touch a database run against PostgreSQL as well as
  // SQLite (TestDatabases); the local PostgreSQL 15 trusts local connections.
  BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:
    process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??
    'postgresql://postgres@127.0.0.1:5432',
  BACKSTAGE_TEST_DISABLE_DOCKER: '1',
  REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
};

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function countPlaywright(report) {
  let passed = 0;
  let failed = 0;
  const walk = suite => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        const status = test.results?.at(-1)?.status;
        if (test.status === 'skipped') continue;
        if (
          status === 'passed' ||
          test.status === 'expected' ||
          test.status === 'flaky'
        ) {
          passed += 1;
        } else {
          failed += 1;
        }
      }
    }
    (suite.suites ?? []).forEach(walk);
  };
  (report.suites ?? []).forEach(walk);
  return { passed, failed };
}

const ran = new Set();

const steps = {
  async tsc() {
    // A full check, not an incremental one: the API reports read the
    // declarations it writes, and an incremental build may print a union's
    // members in another order than a fresh one (a fresh clone's).
    return (await run('yarn', ['tsc', '--incremental', 'false'])) === 0;
  },
  async 'api-reports'() {
    // The reports are read from the declarations tsc writes to dist-types
    // (errors or not); without the tsc step, api-reports.mjs writes them.
    const args = ran.has('tsc') ? ['--ci', '--no-tsc'] : ['--ci'];
    return (await run('node', ['scripts/api-reports.mjs', ...args])) === 0;
  },
  async lint() {
    return (
      (await run('yarn', [
        'backstage-cli',
        'repo',
        'lint',
        '--max-warnings',
        '0',
      ])) === 0
    );
  },
  async prettier() {
    return (await run('yarn', ['prettier', '--check', '.'])) === 0;
  },
  async 'unit-sizes'() {
    return (await run('node', ['scripts/check-unit-sizes.mjs'])) === 0;
  },
  async unit() {
    const out = join(resultsDir, 'jest.json');
    rmSync(out, { force: true });
    const code = await run(
      'yarn',
      [
        'backstage-cli',
        'repo',
        'test',
        '--ci',
        '--json',
        `--outputFile=${out}`,
      ],
      { env: testEnv },
    );
    const report = readJson(out);
    if (!report) return { passed: 0, failed: 1, note: 'jest wrote no report' };
    const failedSuites = report.numRuntimeErrorTestSuites ?? 0;
    return {
      passed: report.numPassedTests,
      failed:
        report.numFailedTests +
        failedSuites +
        (code !== 0 && report.numFailedTests === 0 && failedSuites === 0
          ? 1
          : 0),
    };
  },
  async 'environment-repository'() {
    const out = join(resultsDir, 'environment-repository.json');
    rmSync(out, { force: true });
    const code = await run(
      'node',
      ['scripts/test-environment-repository.mjs', '--json', out],
      { env: testEnv },
    );
    const report = readJson(out);
    if (!report) return { passed: 0, failed: 1, note: 'jest wrote no report' };
    const failed =
      report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0);
    return {
      passed: report.numPassedTests,
      failed: failed + (code !== 0 && failed === 0 ? 1 : 0),
    };
  },
  async build() {
    return (await run('yarn', ['build:backend'])) === 0;
  },
  async browser() {
    const out = join(resultsDir, 'playwright.json');
    rmSync(out, { force: true });
    const portal = await startPortal({
      root,
      port: 7117,
      logFile: join(resultsDir, 'browser-backend.log'),
    });
    try {
      await run('yarn', ['playwright', 'test'], {
        env: {
          PLAYWRIGHT_URL: portal.url,
          PLAYWRIGHT_JSON_OUTPUT_NAME: out,
          PORTAL_BACKEND_LOG: portal.logFile,
        },
      });
    } finally {
      await portal.stop();
    }
    const report = readJson(out);
    if (!report)
      return { passed: 0, failed: 1, note: 'playwright wrote no report' };
    return countPlaywright(report);
  },
  async production() {
    return (
      (await run('node', ['scripts/production-smoke.mjs'], {
        env: testEnv,
      })) === 0
    );
  },
};

async function main() {
  const selected = parseArgs(process.argv.slice(2));
  mkdirSync(resultsDir, { recursive: true });
  const summary = [];
  for (const name of selected) {
    const started = Date.now();
    console.log(`\n\u001b[1;34m=== ${name}\u001b[0m`);
    let result;
    try {
      result = await steps[name]();
    } catch (error) {
      console.error(error);
      result = false;
    }
    if (typeof result === 'boolean') {
      result = { passed: result ? 1 : 0, failed: result ? 0 : 1 };
    }
    ran.add(name);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    summary.push({ name, ...result, seconds });
    console.log(
      `=== ${name}: ${result.passed} passed, ${
        result.failed
      } failed (${seconds} s)${result.note ? ` - ${result.note}` : ''}`,
    );
  }

  console.log('\nstep          passed  failed  seconds');
  for (const s of summary) {
    console.log(
      `${s.name.padEnd(12)} ${String(s.passed).padStart(7)} ${String(
        s.failed,
      ).padStart(7)} ${s.seconds.padStart(8)}`,
    );
  }
  const passed = summary.reduce((n, s) => n + s.passed, 0);
  const failed = summary.reduce((n, s) => n + s.failed, 0);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}

if (!existsSync(join(root, 'node_modules'))) {
  console.error(
    'node_modules is missing: run ./portal test (it installs first)',
  );
  process.exit(1);
}
main();
