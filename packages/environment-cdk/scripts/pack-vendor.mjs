#!/usr/bin/env node
// Builds and packs the two packages an environment repository vendors:
// @innovate/environment-cdk and @innovate/plugin-aws-environments-common.
//
//   node packages/environment-cdk/scripts/pack-vendor.mjs [--out DIR] [--if-stale]
//
// Each tarball holds package/package.json (the package's real runtime
// dependencies, the workspace range of the common package replaced by its
// version; main and types point at dist/) and package/dist/** (CommonJS and
// .d.ts from TypeScript, tests left out). The tarballs are reproducible: the
// entries are sorted, every mtime is npm's fixed 1985-10-26 and gzip writes
// no time, so the same source gives the same integrity hash.
//
// Writes DIR/<tarball>.tgz and DIR/manifest.json (name, version, file,
// integrity, dependencies, and the hash of the source they were built from).
// The default DIR is packages/environment-cdk/node_modules/.cache/innovate-vendor
// (ignored by git, prettier and docker, and not wiped by `backstage-cli
// package build`, which empties dist/).
// With --if-stale it does nothing when the manifest's source hash is current.
// The scaffolder action aws-environments:vendor copies these files into a new
// environment repository (and runs this script when they are missing or stale).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const ROOT = path.resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const SCRIPT = fileURLToPath(import.meta.url);
/** The packages, dependencies first. */
const PACKAGES = [
  {
    dir: 'plugins/aws-environments-common',
    slug: 'innovate-plugin-aws-environments-common',
  },
  {
    dir: 'packages/environment-cdk',
    slug: 'innovate-environment-cdk',
    // The `innovate-env` command: synth, estimate, check.
    bin: { 'innovate-env': 'dist/cli.js' },
  },
];
export const DEFAULT_OUT = path.join(
  ROOT,
  'packages/environment-cdk/node_modules/.cache/innovate-vendor',
);
/** npm pack's fixed mtime (1985-10-26T08:15:00Z). */
const MTIME = 499162500;

const isSource = file =>
  file.endsWith('.ts') &&
  !file.endsWith('.d.ts') &&
  !/\.test\.ts$/.test(file) &&
  !file.split(path.sep).includes('__testUtils__') &&
  path.basename(file) !== 'setupTests.ts';

function walk(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(full));
    else if (entry.isFile()) out.push(full);
  }
  return out.sort();
}

/** The non-test sources of both packages, sorted. */
export function sourceFiles() {
  return PACKAGES.flatMap(p => walk(path.join(ROOT, p.dir, 'src'))).filter(
    isSource,
  );
}

/** Hash of everything a tarball is built from (sources, package.json, this script). */
export function sourceHash() {
  const hash = createHash('sha256');
  const files = [
    ...sourceFiles(),
    ...PACKAGES.map(p => path.join(ROOT, p.dir, 'package.json')),
    SCRIPT,
  ];
  for (const file of files) {
    hash.update(path.relative(ROOT, file)).update('\0');
    hash.update(fs.readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

/** CommonJS + declarations of both packages, below `outDir`/<package dir>/src. */
function compile(outDir) {
  const require = createRequire(path.join(ROOT, 'package.json'));
  const ts = require('typescript');
  const options = {
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2023.d.ts'],
    types: ['node'],
    declaration: true,
    esModuleInterop: true,
    resolveJsonModule: true,
    skipLibCheck: true,
    strict: true,
    noEmitOnError: false,
    rootDir: ROOT,
    outDir,
    newLine: ts.NewLineKind.LineFeed,
    // Types from the checkout, wherever the script is run from: the output
    // must not depend on the working directory.
    typeRoots: [path.join(ROOT, 'node_modules/@types')],
  };
  const host = ts.createCompilerHost(options);
  host.getCurrentDirectory = () => ROOT;
  const program = ts.createProgram(sourceFiles(), options, host);
  const result = program.emit();
  const errors = [
    ...ts.getPreEmitDiagnostics(program),
    ...result.diagnostics,
  ].filter(d => d.category === ts.DiagnosticCategory.Error);
  if (errors.length > 0) {
    // Declarations and JavaScript are still written; a type error in the
    // working tree should not stop the portal from vendoring its CDK app.
    const formatHost = {
      getCanonicalFileName: f => f,
      getCurrentDirectory: () => ROOT,
      getNewLine: () => '\n',
    };
    process.stderr.write(
      `pack-vendor: ${errors.length} type error(s), emitted anyway:\n${ts
        .formatDiagnostics(errors.slice(0, 5), formatHost)
        .trimEnd()}\n`,
    );
  }
}

/** The packed package.json: runtime fields only, workspace ranges resolved. */
function packedManifest(pkg, versions) {
  const source = JSON.parse(
    fs.readFileSync(path.join(ROOT, pkg.dir, 'package.json'), 'utf8'),
  );
  const dependencies = Object.fromEntries(
    Object.entries(source.dependencies ?? {})
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, range]) => {
        if (!range.startsWith('workspace:')) return [name, range];
        if (!versions.has(name)) {
          throw new Error(`${source.name} depends on unvendored ${name}`);
        }
        return [name, versions.get(name)];
      }),
  );
  return {
    name: source.name,
    version: source.version,
    description:
      source.description ??
      'The Innovate Portal’s environment CDK app, vendored into environment repositories',
    license: source.license,
    main: 'dist/index.js',
    types: 'dist/index.d.ts',
    ...(pkg.bin ? { bin: pkg.bin } : {}),
    engines: { node: '>=22' },
    dependencies,
  };
}

/** One ustar header block. */
function tarHeader(name, size, mode) {
  const block = Buffer.alloc(512);
  let prefix = '';
  let base = name;
  if (Buffer.byteLength(name) > 100) {
    const cut = name.lastIndexOf('/', 154);
    prefix = name.slice(0, cut);
    base = name.slice(cut + 1);
    if (Buffer.byteLength(base) > 100 || Buffer.byteLength(prefix) > 155) {
      throw new Error(`path too long for a tar header: ${name}`);
    }
  }
  const octal = (value, width) =>
    `${value.toString(8).padStart(width - 1, '0')}\0`;
  block.write(base, 0);
  block.write(octal(mode, 8), 100);
  block.write(octal(0, 8), 108); // uid
  block.write(octal(0, 8), 116); // gid
  block.write(octal(size, 12), 124);
  block.write(octal(MTIME, 12), 136);
  block.write('        ', 148); // checksum, counted as spaces
  block.write('0', 156); // regular file
  block.write('ustar\0', 257);
  block.write('00', 263);
  block.write(prefix, 345);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(octal(sum, 7), 148);
  block.write(' ', 155);
  return block;
}

/** A gzipped tar of `files` ([name, content, mode]), in the given order. */
export function tgz(files) {
  const parts = [];
  for (const [name, content, mode] of files) {
    parts.push(tarHeader(name, content.length, mode), content);
    const pad = (512 - (content.length % 512)) % 512;
    parts.push(Buffer.alloc(pad));
  }
  parts.push(Buffer.alloc(1024));
  return zlib.gzipSync(Buffer.concat(parts), { level: 9 });
}

function packOne(pkg, built, versions) {
  const manifest = packedManifest(pkg, versions);
  const distDir = path.join(built, pkg.dir, 'src');
  const files = walk(distDir).map(file => {
    const name = `package/dist/${path
      .relative(distDir, file)
      .split(path.sep)
      .join('/')}`;
    let content = fs.readFileSync(file);
    const executable = Object.values(pkg.bin ?? {}).some(
      bin => name === `package/${bin}`,
    );
    if (executable) {
      content = Buffer.concat([Buffer.from('#!/usr/bin/env node\n'), content]);
    }
    return [name, content, executable ? 0o755 : 0o644];
  });
  files.push([
    'package/package.json',
    Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`),
    0o644,
  ]);
  files.sort(([a], [b]) => (a < b ? -1 : Number(a > b)));
  const data = tgz(files);
  return {
    name: manifest.name,
    version: manifest.version,
    file: `${pkg.slug}-${manifest.version}.tgz`,
    integrity: `sha512-${createHash('sha512').update(data).digest('base64')}`,
    dependencies: manifest.dependencies,
    ...(manifest.bin ? { bin: manifest.bin } : {}),
    data,
  };
}

/** Builds and packs; returns the manifest written to `out`. */
export function packVendor(out = DEFAULT_OUT) {
  const hash = sourceHash();
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const work = fs.mkdtempSync(path.join(path.dirname(out), '.pack-vendor-'));
  try {
    const built = path.join(work, 'build');
    compile(built);
    const versions = new Map();
    const packed = [];
    for (const pkg of PACKAGES) {
      const result = packOne(pkg, built, versions);
      versions.set(result.name, result.version);
      packed.push(result);
    }
    const staged = path.join(work, 'out');
    fs.mkdirSync(staged);
    for (const { data, file } of packed) {
      fs.writeFileSync(path.join(staged, file), data);
    }
    const manifest = {
      sourceHash: hash,
      packages: packed.map(({ data, ...entry }) => entry),
    };
    fs.writeFileSync(
      path.join(staged, 'manifest.json'),
      `${JSON.stringify(manifest, null, 2)}\n`,
    );
    // Replace the folder in one rename, so that a reader never sees half.
    fs.rmSync(out, { recursive: true, force: true });
    try {
      fs.renameSync(staged, out);
    } catch (error) {
      // Another run (a parallel test worker) got there first with the same
      // source: its tarballs are these.
      if (readManifest(out)?.sourceHash !== hash) throw error;
    }
    return manifest;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function readManifest(out) {
  try {
    return JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));
  } catch {
    return undefined;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === SCRIPT) {
  const args = process.argv.slice(2);
  const outIndex = args.indexOf('--out');
  const out = path.resolve(outIndex >= 0 ? args[outIndex + 1] : DEFAULT_OUT);
  if (
    args.includes('--if-stale') &&
    readManifest(out)?.sourceHash === sourceHash()
  ) {
    process.stdout.write(`pack-vendor: ${out} is up to date\n`);
  } else {
    const started = Date.now();
    const manifest = packVendor(out);
    process.stdout.write(
      `pack-vendor: ${manifest.packages
        .map(p => p.file)
        .join(', ')} in ${out} (${((Date.now() - started) / 1000).toFixed(
        1,
      )} s)\n`,
    );
  }
}
