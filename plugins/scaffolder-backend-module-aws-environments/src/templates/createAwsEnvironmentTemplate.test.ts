import { createHash } from 'node:crypto';
import { parse as parseYaml } from 'yaml';
import {
  createAwsEnvironmentActions as awsEnvironmentActions,
  CREATE_AWS_ENVIRONMENT_VALUES as VALUES,
  readTarball,
  renderedBytes,
} from './__testUtils__/environmentRepository';
import {
  DryRunResult,
  ScaffolderUnderTest,
  startScaffolder,
} from './__testUtils__/scaffolder';
import { validateWorkflowQuietly } from './__testUtils__/workflows';
import {
  lockProblems,
  PackageLock,
  VendoredPackage,
} from '../actions/vendorLock';

// Each dry run vendors the CDK app (copies two tarballs; in a checkout,
// packs them first when the sources changed): more than jest's 5 s default
// on a loaded machine.
jest.setTimeout(60_000);

function deployLog(result: DryRunResult): string {
  return (result.body.log ?? [])
    .filter(entry => entry.body.stepId === 'deploy')
    .map(entry => entry.body.message)
    .join('\n');
}

describe('templates/create-aws-environment: the owner', () => {
  let scaffolder: ScaffolderUnderTest;

  beforeAll(async () => {
    scaffolder = await startScaffolder(
      ['create-aws-environment'],
      [awsEnvironmentActions],
    );
  }, 120_000);

  afterAll(async () => {
    await scaffolder?.stop();
  });

  it('passes the chosen group to the deploy step', async () => {
    const result = await scaffolder.dryRun('create-aws-environment', {
      ...VALUES,
      owner: 'group:default/platform-team',
    });
    expect(result.status).toBe(200);
    expect(deployLog(result)).toContain(
      'Dry run: would create environment innovate-staging in us-east-1 (source sandbox, approval auto, owner group:default/platform-team)',
    );
  });

  it("records the repository it publishes as the environment's, and none without one", async () => {
    const published = await scaffolder.dryRun('create-aws-environment', {
      ...VALUES,
      publish: true,
      repoUrl: 'github.com?owner=acme&repo=innovate-staging-environment',
    });
    expect(published.status).toBe(200);
    expect(deployLog(published)).toContain(
      'repository https://github.com/acme/innovate-staging-environment)',
    );
    const unpublished = await scaffolder.dryRun(
      'create-aws-environment',
      VALUES,
    );
    expect(deployLog(unpublished)).not.toContain('repository https:');
  });

  it("names the environment's owner in the repository's catalog file", async () => {
    const result = await scaffolder.dryRun('create-aws-environment', {
      ...VALUES,
      owner: 'group:default/application-team',
    });
    expect(result.status).toBe(200);
    const catalogInfo = parseYaml(
      renderedBytes(result).get('catalog-info.yaml')!.toString('utf8'),
    );
    expect(catalogInfo.spec.owner).toBe('group:default/application-team');
    expect(catalogInfo.metadata.annotations).toEqual({
      'innovate.io/aws-environment': 'innovate-staging',
    });
    // Rendered again after the deploy step, from the owner it output.
    expect(
      (result.body.log ?? []).some(
        entry => entry.body.stepId === 'catalog-owner',
      ),
    ).toBe(true);
  });

  it("passes the change preview's accepted data losses to the deploy step", async () => {
    const result = await scaffolder.dryRun('create-aws-environment', {
      ...VALUES,
      mode: 'update',
      changePreview: {
        state: 'ready',
        acceptDataLoss: ['DatabaseInstance'],
        problems: [],
      },
    });
    expect(result.status).toBe(200);
    expect(deployLog(result)).toContain(
      'approval auto, accepting the loss of DatabaseInstance); nothing was deployed',
    );
  });

  // A guest belongs to no group; a cleared picker gives an empty string.
  it.each([
    ['left out', undefined],
    ['empty', ''],
  ])('leaves the owner to the backend when it is %s', async (_what, owner) => {
    const result = await scaffolder.dryRun('create-aws-environment', {
      ...VALUES,
      ...(owner === undefined ? {} : { owner }),
    });
    expect(result.status).toBe(200);
    expect(deployLog(result)).toContain(
      'Dry run: would create environment innovate-staging in us-east-1 (source sandbox, approval auto); nothing was deployed',
    );
  });

  it.each([
    ['a user', 'user:default/guest'],
    ['not an entity ref', 'platform-team'],
    ['a newline (YAML injection)', 'group:default/team\nevil: true'],
    ['a template expression', 'group:default/${{ secrets.token }}'],
  ])('rejects an owner that is %s, naming the field', async (_what, owner) => {
    const result = await scaffolder.dryRun('create-aws-environment', {
      ...VALUES,
      owner,
    });
    expect(result.status).toBe(400);
    expect(result.body.errors?.map(e => e.property)).toEqual([
      'instance.owner',
    ]);
  });
});

/** The versions the portal synthesizes with, for the lockfile to match. */
const PORTAL_VERSIONS = Object.fromEntries(
  [
    'aws-cdk-lib',
    'constructs',
    'cdk-nag',
    '@aws-cdk/lambda-layer-kubectl-v33',
  ].map(name => [
    name,
    (
      require(require.resolve(`${name}/package.json`, {
        paths: [require.resolve('@innovate/environment-cdk/package.json')],
      })) as { version: string }
    ).version,
  ]),
);

const sha512 = (data: Buffer) =>
  `sha512-${createHash('sha512').update(data).digest('base64')}`;

describe('templates/create-aws-environment: the environment repository', () => {
  let scaffolder: ScaffolderUnderTest;
  let result: DryRunResult;
  let bytes: Map<string, Buffer>;
  const text = (name: string) => {
    const content = bytes.get(name);
    if (!content) {
      throw new Error(`${name} was not rendered`);
    }
    return content.toString('utf8');
  };
  const tarballs = () =>
    [...bytes.keys()].filter(name => /^vendor\/[^/]+\.tgz$/.test(name));

  beforeAll(async () => {
    scaffolder = await startScaffolder(
      ['create-aws-environment'],
      [awsEnvironmentActions],
    );
    result = await scaffolder.dryRun('create-aws-environment', {
      ...VALUES,
      allowedDeviations: ['nat-per-az'],
    });
    bytes = renderedBytes(result);
  }, 300_000);

  afterAll(async () => {
    await scaffolder?.stop();
  });

  it('renders the repository with both packages vendored', () => {
    expect(result.status).toBe(200);
    expect(tarballs().sort()).toEqual([
      'vendor/innovate-environment-cdk-0.1.0.tgz',
      'vendor/innovate-plugin-aws-environments-common-0.1.0.tgz',
    ]);
    const packageJson = JSON.parse(text('package.json'));
    expect(packageJson.name).toBe('innovate-staging-infrastructure');
    expect(packageJson.dependencies).toMatchObject({
      '@innovate/environment-cdk':
        'file:vendor/innovate-environment-cdk-0.1.0.tgz',
      '@innovate/plugin-aws-environments-common':
        'file:vendor/innovate-plugin-aws-environments-common-0.1.0.tgz',
    });
  });

  it('packs built JavaScript and declarations with the real runtime dependencies', () => {
    const cdk = readTarball(
      bytes.get('vendor/innovate-environment-cdk-0.1.0.tgz')!,
    );
    const manifest = JSON.parse(cdk.get('package/package.json')!.toString());
    expect(manifest).toMatchObject({
      name: '@innovate/environment-cdk',
      main: 'dist/index.js',
      types: 'dist/index.d.ts',
      bin: { 'innovate-env': 'dist/cli.js' },
    });
    expect(manifest.dependencies).toMatchObject({
      '@innovate/plugin-aws-environments-common': '0.1.0',
      'aws-cdk-lib': '2.270.0',
    });
    expect(cdk.has('package/dist/index.js')).toBe(true);
    expect(cdk.has('package/dist/index.d.ts')).toBe(true);
    expect(cdk.get('package/dist/cli.js')!.toString()).toMatch(
      /^#!\/usr\/bin\/env node\n/,
    );
    // No TypeScript sources and no tests.
    expect(
      [...cdk.keys()].filter(
        f => /\.test\.|__testUtils__/.test(f) || /(?<!\.d)\.ts$/.test(f),
      ),
    ).toEqual([]);
  });

  it('locks the vendored packages to the tarballs it wrote', () => {
    const lock = JSON.parse(text('package-lock.json')) as PackageLock;
    expect(lock.lockfileVersion).toBe(3);
    expect(lock.name).toBe('innovate-staging-infrastructure');
    for (const file of tarballs()) {
      const packed = readTarball(bytes.get(file)!);
      const manifest = JSON.parse(
        packed.get('package/package.json')!.toString(),
      );
      expect(lock.packages[`node_modules/${manifest.name}`]).toMatchObject({
        version: manifest.version,
        resolved: `file:${file}`,
        integrity: sha512(bytes.get(file)!),
        dependencies: manifest.dependencies,
      });
      expect(lock.packages[''].dependencies?.[manifest.name]).toBe(
        `file:${file}`,
      );
    }
  });

  it("keeps the template's lockfile in sync with the vendored packages' dependencies", () => {
    const lock = JSON.parse(text('package-lock.json')) as PackageLock;
    const vendored = tarballs().map(file => {
      const manifest = JSON.parse(
        readTarball(bytes.get(file)!).get('package/package.json')!.toString(),
      );
      return { ...manifest, file } as VendoredPackage;
    });
    expect(lockProblems(lock, vendored)).toEqual([]);
    // What decides the templates is the portal's own version.
    for (const [name, version] of Object.entries(PORTAL_VERSIONS)) {
      expect({
        name,
        version: lock.packages[`node_modules/${name}`]?.version,
      }).toEqual({ name, version });
    }
    // Nothing from a registry names @innovate, and no registry host is
    // written: registry packages carry their integrity only.
    const entries = Object.entries(lock.packages).filter(([key]) => key);
    expect(
      entries
        .filter(([key]) => key.includes('@innovate/'))
        .map(([, entry]) => entry.resolved),
    ).toEqual([
      'file:vendor/innovate-environment-cdk-0.1.0.tgz',
      'file:vendor/innovate-plugin-aws-environments-common-0.1.0.tgz',
    ]);
    const fromRegistry = entries.filter(
      ([key, entry]) => !key.includes('@innovate/') && !entry.inBundle,
    );
    expect(fromRegistry.length).toBeGreaterThan(20);
    expect(
      fromRegistry.filter(
        ([, entry]) =>
          entry.resolved !== undefined ||
          !/^sha512-/.test(String(entry.integrity)),
      ),
    ).toEqual([]);
  });

  it('points the @innovate scope at an address that cannot answer', () => {
    const npmrc = text('.npmrc');
    expect(npmrc).toMatch(/^@innovate:registry=https:\/\/[a-z-]+\.invalid\/$/m);
  });

  it('never deploys: the only workflow checks pull requests', () => {
    const workflows = [...bytes.keys()].filter(f =>
      f.startsWith('.github/workflows/'),
    );
    expect(workflows).toEqual(['.github/workflows/checks.yml']);
    const source = text('.github/workflows/checks.yml');
    expect(validateWorkflowQuietly(source)).toEqual([]);
    const workflow = parseYaml(source);
    expect(Object.keys(workflow.on)).toEqual(['pull_request']);
    const runs: string[] = workflow.jobs.checks.steps
      .map((step: { run?: string }) => step.run)
      .filter(Boolean);
    expect(runs.join('\n')).not.toMatch(/cdk deploy|cdk bootstrap/);
    expect(runs).toEqual(
      expect.arrayContaining([
        'npm ci --no-audit --no-fund',
        'npx cdk synth --quiet --output cdk.out',
      ]),
    );
    expect(runs.join('\n')).toContain(
      'innovate-env check --spec environment.json',
    );
    expect(runs.join('\n')).toContain(
      'innovate-env estimate --spec environment.json',
    );
    expect(source).toContain('aws-region: us-east-1');
    expect(source).toContain('${{ vars.AWS_DIFF_ROLE_ARN }}');
  });

  it('records the allowed deviations for the pull request check', () => {
    expect(JSON.parse(text('conformance.json'))).toEqual({
      allowedDeviations: ['nat-per-az'],
    });
  });

  it('says in its README that the portal deploys what is merged', () => {
    const readme = text('README.md');
    expect(readme).toContain('innovate-staging');
    expect(readme).toMatch(/proposed change/);
    expect(readme).not.toMatch(/\$\{\{/);
  });
});
