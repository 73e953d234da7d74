#!/usr/bin/env node
// The README's screenshots (docs/screenshots/) from the browser tests, which
// save one per page they visit to test-results/screenshots/.
//
//   node scripts/refresh-screenshots.mjs --run   build, run the browser tests
//                                                (`./portal test --only
//                                                build,browser`), then copy
//   node scripts/refresh-screenshots.mjs         copy from the last run
//   node scripts/refresh-screenshots.mjs --check only check that every image
//                                                the README shows is a file
//                                                committed to the repository
//
// Only the images the README links are copied; commit them afterwards
// (`git add docs/screenshots`).
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const readme = join(root, 'README.md');
const shotsDir = join(root, 'test-results', 'screenshots');
const docsDir = join(root, 'docs', 'screenshots');

/** Relative paths of the images the README shows (`![alt](path)`). */
function readmeImages() {
  const text = readFileSync(readme, 'utf8');
  return [...text.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)]
    .map(match => match[1])
    .filter(path => !/^[a-z]+:/i.test(path));
}

function check() {
  const tracked = new Set(
    execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' }).split(
      '\n',
    ),
  );
  const missing = readmeImages().filter(path => !tracked.has(path));
  for (const path of missing) {
    console.error(`README.md shows ${path}, which is not committed`);
  }
  if (missing.length === 0) console.log('every README image is committed');
  return missing.length === 0;
}

function copy() {
  const images = readmeImages().filter(
    path => dirname(join(root, path)) === docsDir,
  );
  mkdirSync(docsDir, { recursive: true });
  let ok = true;
  for (const path of images) {
    const source = join(shotsDir, basename(path));
    if (!existsSync(source)) {
      console.error(
        `no ${basename(path)} in test-results/screenshots: run the browser ` +
          `tests first (--run), or make one take it (packages/app/e2e-tests, ` +
          `screenshot(page, name))`,
      );
      ok = false;
      continue;
    }
    copyFileSync(source, join(root, path));
    console.log(`${path} <- test-results/screenshots/${basename(path)}`);
  }
  return ok;
}

const args = process.argv.slice(2);
if (args.includes('--check')) {
  process.exit(check() ? 0 : 1);
}
if (args.includes('--run')) {
  const run = spawnSync(
    'node',
    ['scripts/test-all.mjs', '--only', 'build,browser'],
    { cwd: root, stdio: 'inherit' },
  );
  if (run.status !== 0) {
    console.error('the browser tests failed; screenshots left as they were');
    process.exit(1);
  }
}
process.exit(copy() ? 0 : 1);
