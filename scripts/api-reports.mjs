#!/usr/bin/env node
// API reports (`report.api.md` next to each package.json) of every package
// that exports an API: the plugins and packages/environment-cdk. The app and
// the backend (roles frontend and backend) have none; repo-tools skips them.
//
//   node scripts/api-reports.mjs          regenerate the reports (commit them)
//   node scripts/api-reports.mjs --ci     check: fail when a public API changed
//                                         without its report, or has warnings
//   ... --no-tsc                          use the declarations in dist-types as
//                                         they are (by default the script first
//                                         compiles them with a full, not an
//                                         incremental, `yarn tsc`: an
//                                         incremental build may print a union's
//                                         members in another order than a fresh
//                                         clone's, and the check would fail there)
//
// Extra arguments go to `backstage-repo-tools api-reports`, for example
// package paths to limit the run.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

// Messages left out of the reports:
// - ae-wrong-input-file-type: workspace packages point `types` at src/*.ts, so
//   the extractor meets sources of sibling packages, not declarations.
// - ae-undocumented: not every exported member carries a doc comment.
const OMITTED = ['ae-wrong-input-file-type', 'ae-undocumented'];

// Packages whose reports may keep warnings (they stay recorded in the report,
// so a new one still fails the check): environment-cdk documents its construct
// props with `@default`, the AWS CDK convention, which TSDoc does not define
// (tsdoc-undefined-tag; only ae-* messages can be omitted).
const ALLOW_WARNINGS = ['packages/environment-cdk'];

const args = process.argv.slice(2);
const noTsc = args.includes('--no-tsc');
if (!noTsc) {
  // Errors or not, tsc writes the declarations; the type check reports them.
  spawnSync('yarn', ['tsc', '--incremental', 'false'], {
    cwd: root,
    stdio: 'ignore',
  });
}

const result = spawnSync(
  'yarn',
  [
    'backstage-repo-tools',
    'api-reports',
    '--omit-messages',
    OMITTED.join(','),
    '--allow-warnings',
    ALLOW_WARNINGS.join(','),
    '--validate-release-tags',
    ...args.filter(arg => arg !== '--no-tsc'),
  ],
  { cwd: root, stdio: 'inherit' },
);
process.exit(result.status ?? 1);
