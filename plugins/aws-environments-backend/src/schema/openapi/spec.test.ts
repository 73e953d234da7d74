import { readFile } from 'node:fs/promises';
import path from 'node:path';
// The generator is a repository script (node scripts/generate-openapi.mjs),
// not a package; the test runs it in memory.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import {
  FILES,
  generateAll,
  ROOT,
} from '../../../../../scripts/openapi/generate';
import { spec } from './generated/router';

const read = (file: string) => readFile(path.join(ROOT, file), 'utf8');

describe('OpenAPI document', () => {
  it('is embedded unchanged in the generated router', () => {
    // The Backstage Jest config loads YAML files as JSON modules.
    const document = jest.requireActual<object>('../openapi.yaml');
    expect(spec).toEqual(document);
  });

  it('and its generated files are what the zod schemas generate (node scripts/generate-openapi.mjs)', async () => {
    const current = {
      document: await read(FILES.document),
      router: await read(FILES.router),
      types: await read(FILES.types),
    };
    const generated = await generateAll(current);
    expect(generated.document).toBe(current.document);
    expect(generated.router).toBe(current.router);
    expect(generated.types).toBe(current.types);
  });
});
