import { InputError } from '@backstage/errors';

/**
 * One vendored package: what pack-vendor.mjs wrote into its manifest, with
 * the integrity computed from the tarball itself.
 */
export interface VendoredPackage {
  name: string;
  version: string;
  /** The tarball's file name, in vendor/. */
  file: string;
  /** `sha512-<base64>` of the tarball. */
  integrity: string;
  dependencies: Record<string, string>;
  bin?: Record<string, string>;
}

/** The parts of an npm package.json the action reads and writes. */
export interface PackageJson {
  name?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  [key: string]: unknown;
}

interface LockEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
  dependencies?: Record<string, string>;
  [key: string]: unknown;
}

/** An npm lockfile, version 3. */
export interface PackageLock {
  name?: string;
  lockfileVersion: number;
  packages: Record<string, LockEntry>;
  [key: string]: unknown;
}

/** `file:vendor/<tarball>`: how package.json and the lockfile name one. */
export const vendorSpecifier = (pkg: VendoredPackage) =>
  `file:vendor/${pkg.file}`;

const VERSION = /^(\d+)\.(\d+)\.(\d+)(?:-[0-9A-Za-z.-]+)?$/;

/**
 * Whether `version` satisfies `range`, for the forms the vendored packages
 * use: an exact version (a prerelease only exactly), `^MAJOR`, `^MAJOR.MINOR.PATCH`, `~MAJOR.MINOR.PATCH`,
 * `>=MAJOR.MINOR.PATCH`. Another form is an error (so that a new form in a
 * package.json cannot pass unchecked).
 */
export function satisfies(version: string, range: string): boolean {
  const v = VERSION.exec(version);
  if (!v) {
    throw new Error(`"${version}" is not a version`);
  }
  if (version === range.trim()) {
    // An exact version, prerelease included (1.9.0-beta).
    return true;
  }
  const [major, minor, patch] = v.slice(1, 4).map(Number);
  const match = /^(\^|~|>=)?(\d+)(?:\.(\d+)\.(\d+))?$/.exec(range.trim());
  if (!match) {
    throw new Error(`Unsupported version range "${range}"`);
  }
  const [, op = '', a, b = '0', c = '0'] = match;
  const [ra, rb, rc] = [Number(a), Number(b), Number(c)];
  const cmp =
    Math.sign(major - ra) * 4 +
    Math.sign(minor - rb) * 2 +
    Math.sign(patch - rc);
  if (op === '') {
    // A bare major (`3`) is any 3.x.y.
    return match[3] === undefined ? major === ra : cmp === 0;
  }
  if (op === '>=') {
    return cmp >= 0;
  }
  if (op === '~') {
    return major === ra && minor === rb && patch >= rc;
  }
  // Caret: the left-most non-zero part stays.
  if (ra > 0) {
    return major === ra && cmp >= 0;
  }
  if (rb > 0) {
    return major === 0 && minor === rb && patch >= rc;
  }
  return major === 0 && minor === 0 && patch === rc;
}

/**
 * Where npm would find `name` for a package installed at `from`
 * (`node_modules/a/node_modules/b` looks in its own node_modules first).
 */
function resolveInLock(
  lock: PackageLock,
  from: string,
  name: string,
): LockEntry | undefined {
  let base = from;
  for (;;) {
    const key = base ? `${base}/node_modules/${name}` : `node_modules/${name}`;
    if (lock.packages[key]) {
      return lock.packages[key];
    }
    if (!base) {
      return undefined;
    }
    const cut = base.lastIndexOf('/node_modules/');
    base = cut >= 0 ? base.slice(0, cut) : '';
  }
}

/**
 * What is wrong with the lockfile for the vendored packages: a dependency
 * of theirs that it does not hold, or holds at a version outside the range.
 */
export function lockProblems(
  lock: PackageLock,
  vendored: VendoredPackage[],
): string[] {
  const problems: string[] = [];
  for (const pkg of vendored) {
    const at = `node_modules/${pkg.name}`;
    for (const [dep, range] of Object.entries(pkg.dependencies)) {
      const entry = resolveInLock(lock, at, dep);
      if (!entry?.version) {
        problems.push(`${pkg.name} needs ${dep}@${range}, not in the lockfile`);
      } else if (!satisfies(entry.version, range)) {
        problems.push(
          `${pkg.name} needs ${dep}@${range}, the lockfile has ${entry.version}`,
        );
      }
    }
  }
  return problems;
}

/** The lockfile's `packages` with the root first, then sorted as npm does. */
function sortedPackages(packages: PackageLock['packages']) {
  const keys = Object.keys(packages).sort((a, b) => a.localeCompare(b, 'en'));
  return Object.fromEntries(keys.map(key => [key, packages[key]]));
}

/**
 * package.json and its lockfile with the vendored packages as
 * `file:vendor/<tarball>` dependencies, their lockfile entries' integrity
 * the tarballs' and their dependencies the packed package.json's. Throws
 * an InputError naming the file when the lockfile cannot satisfy them.
 */
export function vendorIntoLock(
  packageJson: PackageJson,
  lock: PackageLock,
  vendored: VendoredPackage[],
): { packageJson: PackageJson; lock: PackageLock } {
  if (lock.lockfileVersion !== 3 || typeof lock.packages !== 'object') {
    throw new InputError(
      `package-lock.json must be an npm lockfile of lockfileVersion 3, not ${lock.lockfileVersion}`,
    );
  }
  const dependencies = { ...packageJson.dependencies };
  const packages = { ...lock.packages };
  const root = { ...packages[''] };
  const rootDependencies = { ...root.dependencies };
  for (const pkg of vendored) {
    dependencies[pkg.name] = vendorSpecifier(pkg);
    rootDependencies[pkg.name] = vendorSpecifier(pkg);
    const previous = packages[`node_modules/${pkg.name}`] ?? {};
    packages[`node_modules/${pkg.name}`] = {
      version: pkg.version,
      resolved: vendorSpecifier(pkg),
      integrity: pkg.integrity,
      ...(previous.license ? { license: previous.license } : {}),
      dependencies: pkg.dependencies,
      ...(pkg.bin ? { bin: pkg.bin } : {}),
      ...(previous.engines ? { engines: previous.engines } : {}),
    };
  }
  packages[''] = { ...root, dependencies: rootDependencies };
  const next: PackageLock = { ...lock, packages: sortedPackages(packages) };
  const problems = lockProblems(next, vendored);
  if (problems.length > 0) {
    throw new InputError(
      `package-lock.json does not satisfy the vendored packages (regenerate it as templates/create-aws-environment/README.md says): ${problems.join(
        '; ',
      )}`,
    );
  }
  return { packageJson: { ...packageJson, dependencies }, lock: next };
}
