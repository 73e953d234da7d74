import { ResourceNotFoundException as AcmResourceNotFoundException } from '@aws-sdk/client-acm';
import { NotFoundException as BudgetNotFoundException } from '@aws-sdk/client-budgets';
import { ResourceNotFoundException as EksResourceNotFoundException } from '@aws-sdk/client-eks';
import {
  DBInstanceNotFoundFault,
  ResourceNotFoundFault as RdsResourceNotFoundFault,
} from '@aws-sdk/client-rds';
import { isThrottlingError, isTransientError } from '@smithy/core/retry';
import { DataSourceError } from '../../../errors';

/** The AWS call that failed, for the message. */
export interface AwsCallContext {
  /** IAM action, e.g. `eks:DescribeCluster`. */
  action: string;
  accountId: string;
  region: string;
  /** Which account this is in the seed's design (`workloads`, `management`). */
  accountRole: 'workloads' | 'management';
  /** What was asked for, e.g. `EKS cluster innovate-prod`. */
  resource: string;
}

/*
 * Access-denied codes are shared by every AWS service and not modeled as
 * exception classes by the clients, nor classified by the SDK, hence the
 * table. Throttling and transient faults (timeouts, connection resets,
 * 500-504) are classified by the SDK's retry strategy: `isThrottlingError`
 * and `isTransientError` from `@smithy/core/retry`.
 */
const ACCESS_DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'UnauthorizedException',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'ExpiredToken',
  'ExpiredTokenException',
]);

/** The "not found" exceptions of the calls the views make. */
const NOT_FOUND = [
  EksResourceNotFoundException,
  DBInstanceNotFoundFault,
  RdsResourceNotFoundFault,
  BudgetNotFoundException,
  AcmResourceNotFoundException,
];

interface SdkErrorLike {
  name?: string;
  message?: string;
  code?: string;
  $metadata?: { attempts?: number; httpStatusCode?: number };
}

/**
 * Turns an AWS SDK error into a {@link DataSourceError} whose message says
 * what a person can do: which account, role and action for AccessDenied;
 * try later for throttling, timeouts and failed connections.
 */
function toDataSourceError(
  error: unknown,
  context: AwsCallContext,
): DataSourceError {
  const e = (error ?? {}) as SdkErrorLike;
  const name = awsErrorName(error);
  const awsSaid = e.message ? ` AWS said: ${e.message}` : '';
  const where = `the ${context.accountRole} account ${context.accountId} (${context.region})`;
  const attempts = e.$metadata?.attempts;
  const after = attempts && attempts > 1 ? ` after ${attempts} attempts` : '';

  if (ACCESS_DENIED.has(name)) {
    return new DataSourceError(
      'access-denied',
      `Access denied: the credentials configured for ${where} may not call ${context.action} on ${context.resource}. Allow ${context.action} for the role of account ${context.accountId} under aws.accounts in app-config.${awsSaid}`,
    );
  }
  if (isThrottlingError(sdkError(error))) {
    return new DataSourceError(
      'throttled',
      `AWS is throttling ${context.action} in ${where}${after}; try again in a minute.${awsSaid}`,
    );
  }
  // A transient 5xx is AWS answering that it is unavailable (the last
  // case); the other transient faults are timeouts and failed connections.
  if (isTransientError(sdkError(error)) && !isServerFault(e)) {
    const what = isTimeout(e)
      ? 'did not answer in time'
      : `could not be reached (${e.code ?? name})`;
    return new DataSourceError(
      'timeout',
      `${context.action} in ${where} ${what}${after}; AWS or the network is slow, try again later.${awsSaid}`,
    );
  }
  if (name === 'CredentialsProviderError') {
    return new DataSourceError(
      'no-credentials',
      `No usable AWS credentials for ${where}: add the account to aws.accounts in app-config (or give the backend a role that can assume one).${awsSaid}`,
    );
  }
  if (NOT_FOUND.some(exception => error instanceof exception)) {
    return new DataSourceError(
      'not-found',
      `${context.resource} was not found in ${where}; it may have been deleted outside the portal. Redeploy the environment to recreate it.${awsSaid}`,
    );
  }
  return new DataSourceError(
    'unavailable',
    `${context.action} failed in ${where}${after} (${name}).${awsSaid}`,
  );
}

function isTimeout(error: SdkErrorLike): boolean {
  return /time ?out/i.test(error.name ?? '') || error.code === 'ETIMEDOUT';
}

function isServerFault(error: SdkErrorLike): boolean {
  return (error.$metadata?.httpStatusCode ?? 0) >= 500;
}

/** The error as the SDK's classifiers take it (they read `name`, `code` and `$metadata`). */
function sdkError(error: unknown): Parameters<typeof isTransientError>[0] {
  return (error ?? {}) as Parameters<typeof isTransientError>[0];
}

/** The error code of an AWS SDK error (`AccessDeniedException`, ...). */
export function awsErrorName(error: unknown): string {
  const e = (error ?? {}) as SdkErrorLike;
  return e.name ?? e.code ?? 'Error';
}

export function isAccessDenied(error: unknown): boolean {
  return ACCESS_DENIED.has(awsErrorName(error));
}

/**
 * Whether the error came from AWS or the way to it (SDK service errors
 * carry `$metadata`; timeouts and credential errors are named), rather than
 * from a bug in this plugin.
 */
function isAwsError(error: unknown): boolean {
  const e = (error ?? {}) as SdkErrorLike;
  return (
    e.$metadata !== undefined ||
    isTransientError(sdkError(error)) ||
    awsErrorName(error) === 'CredentialsProviderError'
  );
}

/**
 * Runs one AWS call, converting its failure with {@link toDataSourceError}.
 * Other errors (bugs) pass through unchanged.
 */
export async function callAws<T>(
  context: AwsCallContext,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw isAwsError(error) ? toDataSourceError(error, context) : error;
  }
}

/**
 * Like {@link callAws}, for something that may legitimately be absent: an
 * error `isAbsent` accepts (a feature the account or region lacks, a budget
 * that does not exist) resolves to `undefined` instead of failing the view.
 */
export async function callAwsOptional<T>(
  context: AwsCallContext,
  call: () => Promise<T>,
  isAbsent: (error: unknown) => boolean,
): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    if (isAbsent(error)) {
      return undefined;
    }
    throw isAwsError(error) ? toDataSourceError(error, context) : error;
  }
}
