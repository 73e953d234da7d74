import {
  serializeError,
  toError,
  type SerializedError,
} from '@backstage/errors';
import type { EnvironmentSpec } from '@innovate/plugin-aws-environments-common';
import type { MessagePort } from 'node:worker_threads';
import type { EnvironmentSynthesizer, SynthesizedEnvironment } from './types';

/**
 * The messages between the backend's thread and the synthesis worker. Both
 * ways they are structured clones: specs, templates and reports are plain
 * JSON, and errors travel serialized (a class instance would arrive as a
 * bare object).
 */

/** Backend → worker: synthesize one environment. One at a time. */
export interface SynthesisRequest {
  spec: EnvironmentSpec;
  outdir: string;
}

/** Worker → backend: `ready` once warmed up, then one answer per request. */
export type SynthesisReply =
  | { type: 'ready'; warmUpMs: number; warmUpError?: SerializedError }
  | { type: 'result'; result: SynthesizedEnvironment }
  | { type: 'error'; error: SerializedError };

/**
 * The worker's side: warms up, says `ready`, then answers each request with
 * the synthesizer's result or error. Requests sent meanwhile wait in the
 * port. A failed warm-up is reported, not fatal: each synthesis then
 * reports its own error.
 */
export async function serveSyntheses(
  port: MessagePort,
  synthesizer: EnvironmentSynthesizer,
  warmUp: () => Promise<void>,
): Promise<void> {
  const started = performance.now();
  let warmUpError: SerializedError | undefined;
  try {
    await warmUp();
  } catch (error) {
    warmUpError = serializeError(toError(error), { includeStack: true });
  }
  port.postMessage({
    type: 'ready',
    warmUpMs: performance.now() - started,
    ...(warmUpError ? { warmUpError } : {}),
  } satisfies SynthesisReply);

  port.on('message', async ({ spec, outdir }: SynthesisRequest) => {
    try {
      const result = await synthesizer.synthesize(spec, { outdir });
      // A result that cannot be cloned throws here, in the worker, and is
      // answered as an error instead of taking the thread down.
      port.postMessage({ type: 'result', result } satisfies SynthesisReply);
    } catch (error) {
      port.postMessage({
        type: 'error',
        error: serializeError(toError(error), { includeStack: true }),
      } satisfies SynthesisReply);
    }
  });
}
