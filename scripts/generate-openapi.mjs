#!/usr/bin/env node
// Regenerates the aws-environments contract from the zod schemas of the
// common package (see scripts/openapi/generate.ts):
//   - plugins/aws-environments-backend/src/schema/openapi.yaml (the spec's
//     JSON Schema, the request bodies and parameters),
//   - plugins/aws-environments-backend/src/schema/openapi/generated/router.ts
//     (the embedded document),
//   - plugins/aws-environments-common/src/api/generated/openapi.ts
//     (openapi-typescript's types, read by the openapi-fetch client).
//
//   node scripts/generate-openapi.mjs          write the files
//   node scripts/generate-openapi.mjs --check  fail when one is out of date
//
// Runs offline; TypeScript is loaded through tsx.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { tsImport } from 'tsx/esm/api';

const generator = await tsImport('./openapi/generate.ts', import.meta.url);
const { FILES, ROOT, generateAll } = generator.default ?? generator;
const check = process.argv.includes('--check');

const read = file => readFile(path.join(ROOT, file), 'utf8');
const current = {
  document: await read(FILES.document),
  router: await read(FILES.router),
};
const types = await read(FILES.types).catch(() => '');
const generated = await generateAll(current);
const stale = [];
for (const [key, file] of Object.entries(FILES)) {
  const before = key === 'types' ? types : current[key];
  if (generated[key] === before) continue;
  stale.push(file);
  if (!check) {
    await mkdir(path.dirname(path.join(ROOT, file)), { recursive: true });
    await writeFile(path.join(ROOT, file), generated[key]);
  }
}
if (check && stale.length > 0) {
  console.error(
    `Out of date (run node scripts/generate-openapi.mjs):\n  ${stale.join(
      '\n  ',
    )}`,
  );
  process.exit(1);
}
console.log(
  stale.length === 0
    ? 'The OpenAPI document and its generated files are up to date.'
    : `${check ? 'Stale' : 'Wrote'}: ${stale.join(', ')}`,
);
