import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import {
  serializeError,
  type SynthesisReply,
  type SynthesisRequest,
} from './synthesisMessages';
import { synthesizeEnvironment } from './synthesize';

/**
 * This module's file, the entry of a synthesis worker thread: the `.ts`
 * source in a checkout, the built `.cjs.js` in `dist`. Importing it from
 * `synthesizeInWorker` is also what puts this module into the built
 * package, which holds only modules reachable from `src/index.ts`.
 */
export const SYNTHESIS_WORKER_MODULE = __filename;

async function synthesizeAndReply(
  port: MessagePort,
  { spec, options }: SynthesisRequest,
) {
  try {
    const result = await synthesizeEnvironment(spec, options);
    // A result that cannot be cloned throws here, in the worker, and is
    // answered as an error below.
    port.postMessage({ type: 'result', result } satisfies SynthesisReply);
  } catch (error) {
    port.postMessage({
      type: 'error',
      error: serializeError(error),
    } satisfies SynthesisReply);
  }
}

// Synthesizes only in the thread started with this module as its entry;
// anywhere else (the calling thread, other workers) importing it does
// nothing. The thread ends once it has answered.
if (parentPort && workerData?.module === SYNTHESIS_WORKER_MODULE) {
  synthesizeAndReply(parentPort, workerData.request);
}
