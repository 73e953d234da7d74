import { CustomErrorBase, InputError } from '@backstage/errors';
import type { FieldError } from '@innovate/plugin-aws-environments-common';

/**
 * A 400 that names each bad field; the router puts `fieldErrors` into the
 * response body (`ApiErrorBody`).
 */
export class FieldValidationError extends InputError {
  readonly fieldErrors: FieldError[];

  constructor(fieldErrors: FieldError[]) {
    super(
      fieldErrors.map(e => `${e.field}: ${e.message}`).join('; ') ||
        'The request is invalid',
    );
    this.name = 'InputError';
    this.fieldErrors = fieldErrors;
  }
}

/** Why a data source could not answer. */
export type SourceFailure =
  | 'access-denied'
  | 'throttled'
  | 'timeout'
  | 'malformed-response'
  | 'not-found'
  | 'foreign-resource'
  | 'no-credentials'
  | 'unavailable';

const STATUS_BY_FAILURE: Record<SourceFailure, number> = {
  'access-denied': 502,
  throttled: 503,
  timeout: 504,
  'malformed-response': 502,
  'not-found': 502,
  'foreign-resource': 502,
  'no-credentials': 502,
  unavailable: 503,
};

/**
 * A data source (AWS) failed; the message says what a person can do about
 * it. Only the view that asked fails.
 */
export class DataSourceError extends CustomErrorBase {
  readonly failure: SourceFailure;
  readonly statusCode: number;

  constructor(failure: SourceFailure, message: string, cause?: unknown) {
    super(message, cause);
    this.name = 'DataSourceError';
    this.failure = failure;
    this.statusCode = STATUS_BY_FAILURE[failure];
  }
}

/**
 * An AWS response lacks a field the view needs, or has one of the wrong
 * kind.
 */
export function malformed(what: string, field: string): DataSourceError {
  return new DataSourceError(
    'malformed-response',
    `${what} returned a response without a usable '${field}'; the AWS API answer does not have the documented shape`,
  );
}
