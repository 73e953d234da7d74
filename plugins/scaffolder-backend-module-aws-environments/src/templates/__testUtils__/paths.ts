import fs from 'node:fs';
import path from 'node:path';

/** The repository root: the templates and the root catalog file live there. */
export const REPO_ROOT = path.resolve(__dirname, '../../../../..');

/** The folder of one of the repository's service templates. */
export function templateDir(name: string): string {
  const dir = path.join(REPO_ROOT, 'templates', name);
  if (!fs.existsSync(path.join(dir, 'template.yaml'))) {
    throw new Error(`No template.yaml in ${dir}`);
  }
  return dir;
}
