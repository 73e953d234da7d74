import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { actionExamples } from './example';
import { PackageJson, PackageLock, vendorIntoLock } from './vendorLock';
import { defaultVendorDir, readVendoredPackages } from './vendorTarballs';

/**
 * Options of {@link createVendorAction}.
 *
 * @public
 */
export interface VendorActionOptions {
  /**
   * The folder with the packed tarballs and their manifest.json, written by
   * `packages/environment-cdk/scripts/pack-vendor.mjs`.
   *
   * @defaultValue `node_modules/.cache/innovate-vendor` of
   * `@innovate/environment-cdk`, packed on
   * first use (and whenever its sources changed) in a checkout; a given
   * folder is used as it is
   */
  vendorDir?: string;
}

const examples = actionExamples('aws-environments:vendor', [
  {
    description:
      "Vendors the portal's CDK app into the environment repository fetched by fetch:template",
    name: 'Vendor the CDK app',
    input: {},
  },
]);

async function readJson<T>(file: string, name: string): Promise<T> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    throw new InputError(
      `targetPath has no ${name}: run fetch:template of the environment repository first`,
    );
  }
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new InputError(
      `${name} is not valid JSON: ${(error as Error).message}`,
    );
  }
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/**
 * `aws-environments:vendor`: copies the portal's own build of
 * `@innovate/environment-cdk` and `@innovate/plugin-aws-environments-common`
 * (packed tarballs) into `vendor/` of the environment repository in the
 * workspace, and points its package.json and package-lock.json at them with
 * the tarballs' integrity, so that `npm ci` there takes `@innovate/*` from
 * `vendor/` and never from a registry.
 *
 * @public
 */
export function createVendorAction(options: VendorActionOptions = {}) {
  return createTemplateAction({
    id: 'aws-environments:vendor',
    description:
      "Vendors the portal's environment CDK app (packed tarballs) into an environment repository, with its lockfile entries",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        targetPath: z =>
          z
            .string()
            .optional()
            .describe(
              'Workspace folder of the repository: its package.json and package-lock.json (default: the workspace)',
            ),
      },
      output: {
        packages: z =>
          z
            .array(z.string())
            .describe('The vendored packages, as name@version'),
        files: z =>
          z
            .array(z.string())
            .describe('The tarballs written, as paths in the repository'),
      },
    },
    async handler(ctx) {
      const target = resolveSafeChildPath(
        ctx.workspacePath,
        ctx.input.targetPath ?? '.',
      );
      const packageJson = await readJson<PackageJson>(
        join(target, 'package.json'),
        'package.json',
      );
      const lock = await readJson<PackageLock>(
        join(target, 'package-lock.json'),
        'package-lock.json',
      );
      // A given folder is the build's; the default one is packed here.
      const vendored = await readVendoredPackages(
        options.vendorDir ?? defaultVendorDir(),
        {
          pack: options.vendorDir === undefined,
          log: message => ctx.logger.info(message),
        },
      );
      const next = vendorIntoLock(packageJson, lock, vendored);

      await fs.mkdir(join(target, 'vendor'), { recursive: true });
      for (const pkg of vendored) {
        await fs.copyFile(pkg.path, join(target, 'vendor', pkg.file));
        ctx.logger.info(
          `Vendored ${pkg.name}@${pkg.version} as vendor/${pkg.file} (${pkg.integrity})`,
        );
      }
      await fs.writeFile(join(target, 'package.json'), json(next.packageJson));
      await fs.writeFile(join(target, 'package-lock.json'), json(next.lock));

      ctx.output(
        'packages',
        vendored.map(pkg => `${pkg.name}@${pkg.version}`),
      );
      ctx.output(
        'files',
        vendored.map(pkg => `vendor/${pkg.file}`),
      );
    },
  });
}
