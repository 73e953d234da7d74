import { parentPort, workerData } from 'node:worker_threads';
import { CdkEnvironmentSynthesizer } from './CdkEnvironmentSynthesizer';
import { serveSyntheses } from './synthesisProtocol';

/**
 * This module's file, the entry of the synthesis worker thread: the `.ts`
 * source in a checkout, the built `.cjs.js` in `dist`. Importing it from the
 * backend's side is also what puts this module into the built package,
 * which holds only modules reachable from `src/index.ts`.
 */
export const SYNTHESIS_WORKER_MODULE = __filename;

// Serves only in the thread started with this module as its entry; on the
// backend's thread (and in any other worker) importing it does nothing.
if (parentPort && workerData?.module === SYNTHESIS_WORKER_MODULE) {
  const synthesizer = new CdkEnvironmentSynthesizer();
  serveSyntheses(parentPort, synthesizer, () => synthesizer.warmUp());
}
