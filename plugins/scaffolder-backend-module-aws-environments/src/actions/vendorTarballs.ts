import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { VendoredPackage } from './vendorLock';

const run = promisify(execFile);

/**
 * Where pack-vendor.mjs writes by default: the environment CDK package's
 * node_modules/.cache/innovate-vendor (ignored by git, prettier and docker;
 * not wiped by a package build as dist/ is), beside its sources.
 */
export function defaultVendorDir(): string {
  return resolvePackagePath(
    '@innovate/environment-cdk',
    'node_modules/.cache/innovate-vendor',
  );
}

/** The pack script, when the portal runs from a checkout (not in an image). */
function packScript(): string | undefined {
  const script = resolvePackagePath(
    '@innovate/environment-cdk',
    'scripts/pack-vendor.mjs',
  );
  const sources = resolvePackagePath('@innovate/environment-cdk', 'src');
  return existsSync(script) && existsSync(sources) ? script : undefined;
}

interface Manifest {
  sourceHash: string;
  packages: Omit<VendoredPackage, 'integrity'>[];
}

const packChecks = new Map<string, Promise<void>>();

async function runPackScript(
  script: string,
  vendorDir: string,
  log: (message: string) => void,
): Promise<void> {
  const started = Date.now();
  const { stdout } = await run(
    process.execPath,
    [script, '--out', vendorDir, '--if-stale'],
    { maxBuffer: 4 * 1024 * 1024, timeout: 5 * 60_000 },
  );
  log(
    `${stdout.trim()} (checked in ${((Date.now() - started) / 1000).toFixed(
      1,
    )} s)`,
  );
}

/**
 * Brings the tarballs in `vendorDir` up to date with the sources (a
 * checkout: `./portal start`, the tests) by running the pack script with
 * `--if-stale`; a built portal has no sources and uses what its build packed.
 */
async function packIfStale(
  vendorDir: string,
  log: (message: string) => void,
): Promise<void> {
  const script = packScript();
  if (!script) {
    return;
  }
  // Once per process and folder: `./portal start` restarts the backend when
  // the CDK package's sources change, which starts a new check.
  let checked = packChecks.get(vendorDir);
  if (!checked) {
    checked = runPackScript(script, vendorDir, log);
    packChecks.set(vendorDir, checked);
    checked.catch(() => packChecks.delete(vendorDir));
  }
  await checked;
}

/**
 * The vendored packages in `vendorDir` (dependencies first), with the
 * integrity computed from each tarball. With `pack`, packs them first when
 * the sources are at hand and changed.
 */
export async function readVendoredPackages(
  vendorDir: string,
  options: { pack: boolean; log: (message: string) => void },
): Promise<Array<VendoredPackage & { path: string }>> {
  if (options.pack) {
    await packIfStale(vendorDir, options.log);
  }
  let manifest: Manifest;
  try {
    manifest = JSON.parse(
      await fs.readFile(join(vendorDir, 'manifest.json'), 'utf8'),
    );
  } catch (error) {
    throw new Error(
      `No vendored CDK app in ${vendorDir} (${
        (error as Error).message
      }): pack it when building the portal with \`node packages/environment-cdk/scripts/pack-vendor.mjs --out ${vendorDir}\``,
    );
  }
  return Promise.all(
    manifest.packages.map(async pkg => {
      const path = join(vendorDir, pkg.file);
      const data = await fs.readFile(path);
      return {
        ...pkg,
        path,
        integrity: `sha512-${createHash('sha512')
          .update(data)
          .digest('base64')}`,
      };
    }),
  );
}
