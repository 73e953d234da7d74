import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const outdirs: string[] = [];

/**
 * A temporary directory for a cloud assembly, removed after the test file
 * (`removeTempOutdirs` in setupTests): a staged assembly holds the kubectl
 * provider's layers, about 57 MB.
 */
export function tempOutdir(): string {
  const outdir = fs.mkdtempSync(
    path.join(os.tmpdir(), 'environment-cdk-test-'),
  );
  outdirs.push(outdir);
  return outdir;
}

/** Removes the directories `tempOutdir` made in this test file. */
export function removeTempOutdirs() {
  for (const outdir of outdirs.splice(0)) {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}
