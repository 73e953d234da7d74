#!/usr/bin/env node
// Unit sizes of the committed sources in plugins/ and packages/: no source file
// over 500 lines, no function over 100 lines. Tests, test utilities, end-to-end
// tests, examples, declarations and generated code are left out.
//
//   node scripts/check-unit-sizes.mjs
//
// Prints one line per unit over its limit (FILE lines path, FN lines
// path:line name) and exits non-zero when there is any.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const MAX_FILE_LINES = 500;
const MAX_FUNCTION_LINES = 100;
const EXCLUDED =
  /\.test\.tsx?$|__testUtils__|\/generated\/|\.d\.ts$|setupTests|e2e|\.examples\./;

const root = fileURLToPath(new URL('..', import.meta.url));
const ts = createRequire(import.meta.url)('typescript');

function sourceFiles() {
  return execFileSync(
    'git',
    [
      'ls-files',
      'plugins/*.ts',
      'plugins/*.tsx',
      'packages/*.ts',
      'packages/*.tsx',
    ],
    { cwd: root, encoding: 'utf8' },
  )
    .split('\n')
    .filter(file => file && !EXCLUDED.test(file));
}

function lineOf(sourceFile, position) {
  return sourceFile.getLineAndCharacterOfPosition(position).line;
}

function functionName(node) {
  return node.name?.getText() ?? node.parent?.name?.getText() ?? '';
}

function oversizedUnits(file) {
  const text = readFileSync(new URL(file, `file://${root}`), 'utf8');
  const found = [];
  const lines = text.split('\n').length;
  if (lines > MAX_FILE_LINES) found.push(`FILE ${lines} ${file}`);
  const sourceFile = ts.createSourceFile(
    file,
    text,
    ts.ScriptTarget.Latest,
    true,
  );
  const visit = node => {
    if (ts.isFunctionLike(node) && node.body) {
      const start = lineOf(sourceFile, node.getStart());
      const length = lineOf(sourceFile, node.end) - start + 1;
      if (length > MAX_FUNCTION_LINES) {
        found.push(`FN ${length} ${file}:${start + 1} ${functionName(node)}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

const found = sourceFiles().flatMap(oversizedUnits);
for (const line of found) console.log(line);
if (found.length > 0) {
  console.log(
    `${found.length} unit(s) over the limits (files ${MAX_FILE_LINES} lines, functions ${MAX_FUNCTION_LINES} lines)`,
  );
  process.exit(1);
}
console.log(
  `no file over ${MAX_FILE_LINES} lines, no function over ${MAX_FUNCTION_LINES} lines`,
);
