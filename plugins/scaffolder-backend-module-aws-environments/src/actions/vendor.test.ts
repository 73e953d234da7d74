import { createHash } from 'node:crypto';
import { promises as fs, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import yaml from 'yaml';
import { createVendorAction } from './vendor';
import {
  lockProblems,
  PackageLock,
  satisfies,
  VendoredPackage,
  vendorIntoLock,
} from './vendorLock';

const COMMON: VendoredPackage = {
  name: '@innovate/plugin-aws-environments-common',
  version: '0.2.0',
  file: 'innovate-plugin-aws-environments-common-0.2.0.tgz',
  integrity: 'sha512-common',
  dependencies: { zod: '^4.0.0' },
};
const CDK: VendoredPackage = {
  name: '@innovate/environment-cdk',
  version: '0.2.0',
  file: 'innovate-environment-cdk-0.2.0.tgz',
  integrity: 'sha512-cdk',
  dependencies: {
    '@innovate/plugin-aws-environments-common': '0.2.0',
    'aws-cdk-lib': '2.270.0',
    constructs: '^10',
  },
  bin: { 'innovate-env': 'dist/cli.js' },
};

/** A lockfile as the template has it: registry packages, old vendor entries. */
function templateLock(): PackageLock {
  return {
    name: 'env-infrastructure',
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': {
        name: 'env-infrastructure',
        dependencies: {
          '@innovate/environment-cdk':
            'file:vendor/innovate-environment-cdk-0.1.0.tgz',
          'aws-cdk-lib': '2.270.0',
        },
      },
      'node_modules/zod': { version: '4.6.7', integrity: 'sha512-zod' },
      'node_modules/aws-cdk-lib': {
        version: '2.270.0',
        integrity: 'sha512-lib',
      },
      'node_modules/constructs': {
        version: '10.8.1',
        integrity: 'sha512-constructs',
      },
      'node_modules/@innovate/environment-cdk': {
        version: '0.1.0',
        resolved: 'file:vendor/innovate-environment-cdk-0.1.0.tgz',
        integrity: 'sha512-old',
        license: 'UNLICENSED',
      },
    },
  };
}

describe('satisfies', () => {
  it.each([
    ['2.270.0', '2.270.0', true],
    ['2.270.1', '2.270.0', false],
    ['10.8.1', '^10', true],
    ['11.0.0', '^10', false],
    ['3.0.2', '3', true],
    ['2.9.1', '^2.0.0', true],
    ['0.17.3', '^0.17.0', true],
    ['0.18.0', '^0.17.0', false],
    ['0.0.3', '^0.0.2', false],
    ['1.10.3', '~1.10.2', true],
    ['1.11.0', '~1.10.2', false],
    ['22.1.0', '>=22.0.0', true],
    ['1.9.0-beta', '1.9.0-beta', true],
  ])('%s in %s: %s', (version, range, expected) => {
    expect(satisfies(version, range)).toBe(expected);
  });

  it('refuses a range form it does not know', () => {
    expect(() => satisfies('1.0.0', '1.x || 2.x')).toThrow(
      'Unsupported version range "1.x || 2.x"',
    );
  });
});

describe('vendorIntoLock', () => {
  it('points package.json and the lockfile at the tarballs, with their integrity and dependencies', () => {
    const { packageJson, lock } = vendorIntoLock(
      {
        name: 'env-infrastructure',
        dependencies: { 'aws-cdk-lib': '2.270.0' },
      },
      templateLock(),
      [COMMON, CDK],
    );
    expect(packageJson.dependencies).toEqual({
      'aws-cdk-lib': '2.270.0',
      '@innovate/environment-cdk':
        'file:vendor/innovate-environment-cdk-0.2.0.tgz',
      '@innovate/plugin-aws-environments-common':
        'file:vendor/innovate-plugin-aws-environments-common-0.2.0.tgz',
    });
    expect(lock.packages[''].dependencies).toEqual(
      expect.objectContaining(packageJson.dependencies),
    );
    expect(lock.packages['node_modules/@innovate/environment-cdk']).toEqual({
      version: '0.2.0',
      resolved: 'file:vendor/innovate-environment-cdk-0.2.0.tgz',
      integrity: 'sha512-cdk',
      license: 'UNLICENSED',
      dependencies: CDK.dependencies,
      bin: CDK.bin,
    });
    expect(
      lock.packages['node_modules/@innovate/plugin-aws-environments-common'],
    ).toMatchObject({ integrity: 'sha512-common', version: '0.2.0' });
    // npm's order: the root, then by path.
    expect(Object.keys(lock.packages)).toEqual([
      '',
      'node_modules/@innovate/environment-cdk',
      'node_modules/@innovate/plugin-aws-environments-common',
      'node_modules/aws-cdk-lib',
      'node_modules/constructs',
      'node_modules/zod',
    ]);
  });

  it('refuses a lockfile without a dependency of a vendored package, naming both', () => {
    const lock = templateLock();
    delete lock.packages['node_modules/zod'];
    expect(() => vendorIntoLock({}, lock, [COMMON, CDK])).toThrow(
      'package-lock.json does not satisfy the vendored packages (regenerate it as templates/create-aws-environment/README.md says): @innovate/plugin-aws-environments-common needs zod@^4.0.0, not in the lockfile',
    );
  });

  it('refuses a lockfile at a version out of range', () => {
    const lock = templateLock();
    lock.packages['node_modules/aws-cdk-lib'].version = '2.271.0';
    expect(() => vendorIntoLock({}, lock, [COMMON, CDK])).toThrow(
      '@innovate/environment-cdk needs aws-cdk-lib@2.270.0, the lockfile has 2.271.0',
    );
  });

  it('refuses another lockfile version', () => {
    expect(() =>
      vendorIntoLock({}, { ...templateLock(), lockfileVersion: 2 }, [CDK]),
    ).toThrow(
      'package-lock.json must be an npm lockfile of lockfileVersion 3, not 2',
    );
  });

  it('finds a nested dependency where npm would', () => {
    const lock = templateLock();
    lock.packages['node_modules/zod'].version = '3.0.0';
    lock.packages['node_modules/@innovate/plugin-aws-environments-common'] = {
      version: '0.2.0',
    };
    expect(lockProblems(lock, [COMMON])).toEqual([
      '@innovate/plugin-aws-environments-common needs zod@^4.0.0, the lockfile has 3.0.0',
    ]);
    lock.packages[
      'node_modules/@innovate/plugin-aws-environments-common/node_modules/zod'
    ] = { version: '4.1.0' };
    expect(lockProblems(lock, [COMMON])).toEqual([]);
  });
});

describe('aws-environments:vendor', () => {
  let vendorDir: string;
  const tarball = Buffer.from('not really a tarball, but bytes to hash');

  beforeAll(async () => {
    vendorDir = mkdtempSync(join(os.tmpdir(), 'vendor-action-'));
    await fs.writeFile(join(vendorDir, COMMON.file), tarball);
    await fs.writeFile(join(vendorDir, CDK.file), tarball);
    const { integrity: _c, ...common } = COMMON;
    const { integrity: _d, ...cdk } = CDK;
    await fs.writeFile(
      join(vendorDir, 'manifest.json'),
      JSON.stringify({ sourceHash: 'x', packages: [common, cdk] }),
    );
  });

  afterAll(() => rmSync(vendorDir, { recursive: true, force: true }));

  async function workspaceWith(files: Record<string, unknown>) {
    const ctx = createMockActionContext({ input: {} });
    await fs.mkdir(ctx.workspacePath, { recursive: true });
    for (const [name, content] of Object.entries(files)) {
      await fs.writeFile(
        join(ctx.workspacePath, name),
        typeof content === 'string' ? content : JSON.stringify(content),
      );
    }
    return ctx;
  }

  it('copies the tarballs and writes their lockfile entries, integrity from the bytes', async () => {
    const ctx = await workspaceWith({
      'package.json': { name: 'env-infrastructure', dependencies: {} },
      'package-lock.json': templateLock(),
    });
    await createVendorAction({ vendorDir }).handler(ctx);

    expect(
      await fs.readFile(join(ctx.workspacePath, 'vendor', CDK.file)),
    ).toEqual(tarball);
    const lock = JSON.parse(
      await fs.readFile(join(ctx.workspacePath, 'package-lock.json'), 'utf8'),
    );
    const integrity = `sha512-${createHash('sha512')
      .update(tarball)
      .digest('base64')}`;
    expect(
      lock.packages['node_modules/@innovate/environment-cdk'].integrity,
    ).toBe(integrity);
    const packageJson = JSON.parse(
      await fs.readFile(join(ctx.workspacePath, 'package.json'), 'utf8'),
    );
    expect(packageJson.dependencies['@innovate/environment-cdk']).toBe(
      `file:vendor/${CDK.file}`,
    );
    expect(ctx.output).toHaveBeenCalledWith('files', [
      `vendor/${COMMON.file}`,
      `vendor/${CDK.file}`,
    ]);
    expect(ctx.output).toHaveBeenCalledWith('packages', [
      '@innovate/plugin-aws-environments-common@0.2.0',
      '@innovate/environment-cdk@0.2.0',
    ]);
  });

  it('needs the repository fetched first, naming the missing file', async () => {
    const ctx = await workspaceWith({ 'package.json': { name: 'x' } });
    await expect(
      createVendorAction({ vendorDir }).handler(ctx),
    ).rejects.toThrow(
      'targetPath has no package-lock.json: run fetch:template of the environment repository first',
    );
  });

  it('names a file that is not JSON', async () => {
    const ctx = await workspaceWith({
      'package.json': '{ "name": ',
      'package-lock.json': templateLock(),
    });
    await expect(
      createVendorAction({ vendorDir }).handler(ctx),
    ).rejects.toThrow(/^package\.json is not valid JSON/);
  });

  it('says how to pack the tarballs when there are none', async () => {
    const ctx = await workspaceWith({
      'package.json': { name: 'x' },
      'package-lock.json': templateLock(),
    });
    const empty = mkdtempSync(join(os.tmpdir(), 'vendor-none-'));
    try {
      await expect(
        createVendorAction({ vendorDir: join(empty, 'none') }).handler(ctx),
      ).rejects.toThrow(
        /pack it when building the portal with `node packages\/environment-cdk\/scripts\/pack-vendor\.mjs --out /,
      );
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('refuses a targetPath outside the workspace', async () => {
    const ctx = createMockActionContext({
      input: { targetPath: '../elsewhere' },
    });
    await expect(
      createVendorAction({ vendorDir }).handler(ctx),
    ).rejects.toThrow(/outside/);
  });

  it('has an example that names the action', () => {
    const [example] = createVendorAction().examples ?? [];
    expect(yaml.parse(example.example).steps[0].action).toBe(
      'aws-environments:vendor',
    );
  });
});
