import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * The thread's first code, before its entry module. A TypeScript entry (a
 * source checkout) needs a transpiler: `backstage-cli package start`
 * preloads its own into every thread, but Jest and plain Node do not, so it
 * is loaded here when no `.ts` loader is registered yet. The built entry in
 * `dist` needs none.
 */
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
if (workerData.transpiler && !require.extensions['.ts']) {
  require(workerData.transpiler);
}
require(workerData.module);
`;

/** Backstage's own transpiler, for a TypeScript entry module. */
function transpilerFor(module: string): string | undefined {
  return module.endsWith('.ts')
    ? createRequire(module).resolve('@backstage/cli/config/nodeTransform.cjs')
    : undefined;
}

/**
 * Starts a `node:worker_threads` thread whose entry is `module` (an absolute
 * file name: the `.ts` source in a checkout, the built `.cjs.js` in `dist`).
 * The thread's `workerData` is `data` plus `module`, so that the entry can
 * tell it is the thread's entry (`workerData.module === __filename`).
 *
 * This module imports nothing but Node: it does not load aws-cdk-lib.
 *
 * @public
 */
export function startWorkerThread(
  module: string,
  data: Record<string, unknown> = {},
): Worker {
  return new Worker(BOOTSTRAP, {
    eval: true,
    workerData: { ...data, module, transpiler: transpilerFor(module) },
  });
}
