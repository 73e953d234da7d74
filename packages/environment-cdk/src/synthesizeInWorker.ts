import type { EnvironmentSpec } from '@innovate/plugin-aws-environments-common';
import {
  deserializeError,
  type SynthesisReply,
  type SynthesisRequest,
} from './synthesisMessages';
import { SYNTHESIS_WORKER_MODULE } from './synthesisWorker';
import { startWorkerThread } from './workerThread';
import {
  type EnvironmentSynthesis,
  EnvironmentSynthesisError,
  type SynthesizeEnvironmentOptions,
} from './synthesize';

/**
 * Runs one synthesis in a new worker thread started with `module` as its
 * entry (tests start others) and ends the thread once it has answered.
 */
export function synthesizeInThread(
  module: string,
  request: SynthesisRequest,
): Promise<EnvironmentSynthesis> {
  return new Promise((resolve, reject) => {
    const worker = startWorkerThread(module, { request });
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
