import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { synthesizeEnvironment } from '@innovate/environment-cdk';
import { parseEnvironmentSpec } from '@innovate/plugin-aws-environments-common';
import {
  createAwsEnvironmentActions,
  CREATE_AWS_ENVIRONMENT_VALUES,
  writeRepository,
} from './__testUtils__/environmentRepository';
import { startScaffolder } from './__testUtils__/scaffolder';

const exec = promisify(execFile);

/**
 * The environment repository the template renders, installed with `npm ci`
 * in a temporary folder (the @innovate packages from vendor/ and the
 * lockfile; the others from the npm cache or registry) and synthesized with
 * its own `cdk synth`: the templates must be the portal's own synthesis of
 * the same spec. Slow (an npm install of aws-cdk-lib and three syntheses,
 * about two minutes): not part of the unit suite, run as its own step of
 * `./portal test` by scripts/test-environment-repository.mjs, which sets
 * INNOVATE_ENVIRONMENT_REPOSITORY_TEST.
 */
const describeInstall = process.env.INNOVATE_ENVIRONMENT_REPOSITORY_TEST
  ? describe
  : describe.skip;

/** No AWS lookups, no update notices: synthesis needs neither. */
const ENV = {
  ...process.env,
  AWS_EC2_METADATA_DISABLED: 'true',
  CDK_DISABLE_VERSION_CHECK: '1',
  CDK_DISABLE_CLI_TELEMETRY: 'true',
  npm_config_update_notifier: 'false',
  npm_config_fund: 'false',
  npm_config_audit: 'false',
};

async function run(cwd: string, command: string, args: string[]) {
  try {
    return await exec(command, args, {
      cwd,
      env: ENV,
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(
      `${command} ${args.join(' ')} failed in ${cwd}: ${
        (error as Error).message
      }\n${stdout ?? ''}\n${stderr ?? ''}`,
    );
  }
}

/** The stack templates of a cloud assembly, by file name. */
function templates(dir: string): Map<string, unknown> {
  return new Map(
    fs
      .readdirSync(dir)
      .filter(file => file.endsWith('.template.json'))
      .sort()
      .map(file => [
        file,
        JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')),
      ]),
  );
}

describeInstall('the environment repository, installed with npm ci', () => {
  let repo: string;
  let portalOut: string;
  /** The hash of the sources the dry run's tarballs were packed from. */
  let vendoredFrom: string;
  const timings: string[] = [];
  const timed = async <T>(what: string, work: () => Promise<T>) => {
    const started = Date.now();
    const result = await work();
    timings.push(`${what} ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return result;
  };

  beforeAll(async () => {
    const scaffolder = await startScaffolder(
      ['create-aws-environment'],
      [createAwsEnvironmentActions],
    );
    try {
      const result = await scaffolder.dryRun(
        'create-aws-environment',
        CREATE_AWS_ENVIRONMENT_VALUES,
      );
      if (result.status !== 200) {
        throw new Error(
          `The dry run failed (${result.status}): ${JSON.stringify(
            result.body,
          ).slice(0, 2000)}`,
        );
      }
      repo = writeRepository(result, 'environment-repository-');
      vendoredFrom = JSON.parse(
        fs.readFileSync(
          require
            .resolve('@innovate/environment-cdk/package.json')
            .replace(
              /package\.json$/,
              'node_modules/.cache/innovate-vendor/manifest.json',
            ),
          'utf8',
        ),
      ).sourceHash;
    } finally {
      await scaffolder.stop();
    }
    portalOut = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-synth-'));
  }, 300_000);

  afterAll(() => {
    // eslint-disable-next-line no-console
    console.log(`environment repository: ${timings.join(', ')}`);
    for (const dir of [repo, portalOut]) {
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('installs with npm ci, @innovate/* from vendor/', async () => {
    await timed('npm ci', () =>
      run(repo, 'npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund']),
    );
    const lock = JSON.parse(
      fs.readFileSync(
        path.join(repo, 'node_modules/.package-lock.json'),
        'utf8',
      ),
    );
    expect(lock.packages['node_modules/@innovate/environment-cdk']).toEqual(
      expect.objectContaining({
        resolved: 'file:vendor/innovate-environment-cdk-0.1.0.tgz',
      }),
    );
    expect(
      fs.existsSync(
        path.join(repo, 'node_modules/@innovate/environment-cdk/dist/index.js'),
      ),
    ).toBe(true);
  }, 600_000);

  it('refuses to fetch an @innovate package from a registry', async () => {
    await expect(
      run(repo, 'npm', [
        'view',
        '@innovate/environment-cdk',
        'version',
        '--fetch-retries=0',
      ]),
    ).rejects.toThrow(/innovate-scope-is-vendored\.invalid|ENOTFOUND/);
  }, 120_000);

  it("synthesizes the portal's templates with cdk synth", async () => {
    await timed('cdk synth', () =>
      run(repo, path.join(repo, 'node_modules/.bin/cdk'), [
        'synth',
        '--quiet',
        '--no-notices',
        '--output',
        'cdk.out',
      ]),
    );
    const spec = parseEnvironmentSpec(
      JSON.parse(fs.readFileSync(path.join(repo, 'environment.json'), 'utf8')),
    );
    await timed('portal synthesis', () =>
      synthesizeEnvironment(spec, { outdir: portalOut }),
    );
    const ours = templates(path.join(repo, 'cdk.out'));
    const portal = templates(portalOut);
    expect([...ours.keys()]).toEqual([...portal.keys()]);
    expect(ours.size).toBeGreaterThan(0);
    for (const [file, template] of portal) {
      expect({ file, template: ours.get(file) }).toEqual({ file, template });
    }
  }, 600_000);

  it('packs reproducibly: the same sources give the same tarballs', async () => {
    const out = path.join(portalOut, 'vendor-again');
    const script = require
      .resolve('@innovate/environment-cdk/package.json')
      .replace(/package\.json$/, 'scripts/pack-vendor.mjs');
    await timed('pack-vendor', () =>
      run(repo, process.execPath, [script, '--out', out]),
    );
    const again = JSON.parse(
      fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'),
    );
    const lock = JSON.parse(
      fs.readFileSync(path.join(repo, 'package-lock.json'), 'utf8'),
    );
    const packed = again.packages.map(
      (p: { name: string; integrity: string }) => [p.name, p.integrity],
    );
    const vendored = again.packages.map((p: { name: string }) => [
      p.name,
      lock.packages[`node_modules/${p.name}`].integrity,
    ]);
    // Sorted entries, fixed mtimes, no gzip time: the integrity the
    // repository's lockfile holds, packed again from the same sources (a
    // source edited meanwhile shows as another sourceHash).
    expect({ sourceHash: again.sourceHash, packed }).toEqual({
      sourceHash: vendoredFrom,
      packed: vendored,
    });
  }, 300_000);

  it('passes its pull request checks and reports no change against itself', async () => {
    const bin = path.join(repo, 'node_modules/.bin/innovate-env');
    // Exit 1 on a failed claim: the gate decides with conformance.json.
    const check = await timed('innovate-env check', () =>
      exec(bin, ['check', '--spec', 'environment.json', '--json'], {
        cwd: repo,
        env: ENV,
        maxBuffer: 64 * 1024 * 1024,
      }).catch((error: { stdout?: string }) => ({
        stdout: error.stdout ?? '',
      })),
    );
    fs.writeFileSync(path.join(repo, 'check.json'), check.stdout);
    const gate = await run(repo, process.execPath, [
      'scripts/check-gate.js',
      'check.json',
      'conformance.json',
    ]);
    expect(gate.stdout).toContain('Checks passed');

    const estimate = await run(repo, bin, [
      'estimate',
      '--spec',
      'environment.json',
      '--json',
    ]);
    fs.writeFileSync(path.join(repo, 'estimate.json'), estimate.stdout);
    const report = await run(repo, process.execPath, [
      'scripts/pr-report.js',
      '--base-assembly',
      'cdk.out',
      '--head-assembly',
      'cdk.out',
      '--base-estimate',
      'estimate.json',
      '--head-estimate',
      'estimate.json',
    ]);
    expect(report.stdout).toContain('No change to any template.');
    expect(report.stdout).toMatch(
      /\$\d+\.\d{2} → \$\d+\.\d{2} a month \(\+\$0\.00\)/,
    );
    expect(report.stdout).toContain('No AWS access');
  }, 600_000);
});
