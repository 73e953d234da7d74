import type { EnvironmentSpec } from '@innovate/plugin-aws-environments-common';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import {
  deserializeError,
  type SynthesisReply,
  type SynthesisRequest,
} from './synthesisMessages';
import { SYNTHESIS_WORKER_MODULE } from './synthesisWorker';
import {
  type EnvironmentSynthesis,
  EnvironmentSynthesisError,
  type SynthesizeEnvironmentOptions,
} from './synthesize';

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
 * Runs one synthesis in a new worker thread started with `module` as its
 * entry (tests start others) and ends the thread once it has answered.
 */
export function synthesizeInThread(
  module: string,
  request: SynthesisRequest,
): Promise<EnvironmentSynthesis> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(BOOTSTRAP, {
      eval: true,
      workerData: { module, transpiler: transpilerFor(module), request },
    });
    let answered = false;
    const answer = (settle: () => void) => {
      if (!answered) {
        answered = true;
        settle();
        // The thread would end by itself; ending it now frees aws-cdk-lib's
        // memory at once.
        worker.terminate();
      }
    };
    const environment = `environment "${request.spec.name}"`;
    worker.on('message', (reply: SynthesisReply) =>
      answer(() =>
        reply.type === 'result'
          ? resolve(reply.result)
          : reject(deserializeError(reply.error)),
      ),
    );
    worker.on('error', error =>
      answer(() =>
        reject(
          new EnvironmentSynthesisError(
            `The synthesis worker thread of ${environment} failed: ${error}`,
            { cause: error },
          ),
        ),
      ),
    );
    worker.on('exit', code =>
      answer(() =>
        reject(
          new EnvironmentSynthesisError(
            `The synthesis worker thread of ${environment} stopped (exit code ${code}) before it answered`,
          ),
        ),
      ),
    );
  });
}

/**
 * {@link synthesizeEnvironment} in a new `node:worker_threads` thread, so
 * aws-cdk-lib's seconds of synchronous work leave the calling thread's
 * event loop free. Same arguments, result and errors (`EnvironmentSpecError`
 * with its field errors, `EnvironmentSynthesisError`), the result as a
 * structured clone. The thread loads aws-cdk-lib afresh each call, so every
 * call takes as long as a first synthesis in a process; for frequent
 * syntheses keep one warm worker instead.
 *
 * @public
 */
export function synthesizeEnvironmentInWorker(
  spec: EnvironmentSpec,
  options: SynthesizeEnvironmentOptions = {},
): Promise<EnvironmentSynthesis> {
  return synthesizeInThread(SYNTHESIS_WORKER_MODULE, { spec, options });
}
