import {
  type EnvironmentSpec,
  EnvironmentSpecError,
  type FieldError,
} from '@innovate/plugin-aws-environments-common';
import {
  type EnvironmentSynthesis,
  EnvironmentSynthesisError,
  type SynthesizeEnvironmentOptions,
} from './synthesize';

/**
 * What crosses between the calling thread and a synthesis worker thread.
 * Both ways are structured clones: specs, options and results are plain
 * data, but an error would lose its class and fields (`EnvironmentSpecError`
 * its `errors`), so errors travel as {@link SerializedSynthesisError}.
 */

/** The worker's one task, given to it at start. */
export interface SynthesisRequest {
  spec: EnvironmentSpec;
  options: SynthesizeEnvironmentOptions;
}

/** The worker's one answer. */
export type SynthesisReply =
  | { type: 'result'; result: EnvironmentSynthesis }
  | { type: 'error'; error: SerializedSynthesisError };

/** An error as plain data, enough to rebuild the package's own errors. */
export interface SerializedSynthesisError {
  name: string;
  message: string;
  stack?: string;
  /** The field errors of an `EnvironmentSpecError`. */
  fieldErrors?: FieldError[];
  /** The direct cause only: enough for a log, and no cycle to follow. */
  cause?: SerializedSynthesisError;
}

export function serializeError(
  error: unknown,
  withCause = true,
): SerializedSynthesisError {
  if (!(error instanceof Error)) {
    return { name: 'Error', message: String(error) };
  }
  return {
    name: error.name,
    message: error.message,
    stack: error.stack,
    ...(error instanceof EnvironmentSpecError
      ? { fieldErrors: error.errors }
      : {}),
    ...(withCause && error.cause !== undefined
      ? { cause: serializeError(error.cause, false) }
      : {}),
  };
}

/**
 * Rebuilds `EnvironmentSpecError` and `EnvironmentSynthesisError` as
 * themselves (callers test with `instanceof`), any other error as an
 * `Error` with its name; the stack stays the worker's, where it was thrown.
 */
export function deserializeError(serialized: SerializedSynthesisError): Error {
  const cause = serialized.cause && deserializeError(serialized.cause);
  let error: Error;
  if (serialized.name === 'EnvironmentSpecError' && serialized.fieldErrors) {
    error = new EnvironmentSpecError(serialized.fieldErrors);
  } else if (serialized.name === 'EnvironmentSynthesisError') {
    error = new EnvironmentSynthesisError(serialized.message, { cause });
  } else {
    error = new Error(serialized.message, { cause });
    error.name = serialized.name;
  }
  if (serialized.stack) {
    error.stack = serialized.stack;
  }
  return error;
}
