import { ResponseError } from '@backstage/errors';
import type {
  ApiErrorBody,
  FieldError,
} from '@innovate/plugin-aws-environments-common';

const STATUS_TEXTS: Record<number, string> = {
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/**
 * The `ResponseError` the client throws when the backend answers `status`
 * with a serialized error carrying `message`.
 */
export function responseError(
  status: number,
  message: string,
  options: { name?: string; fieldErrors?: FieldError[] } = {},
): Promise<ResponseError> {
  const body: ApiErrorBody = {
    error: { name: options.name ?? 'Error', message },
    response: { statusCode: status },
    ...(options.fieldErrors ? { fieldErrors: options.fieldErrors } : {}),
  };
  const text = JSON.stringify(body);
  return ResponseError.fromResponse({
    ok: false,
    status,
    statusText: STATUS_TEXTS[status] ?? 'Error',
    url: 'http://localhost:7007/api/aws-environments/v1',
    type: 'basic',
    redirected: false,
    headers: new Headers({ 'content-type': 'application/json' }),
    text: async () => text,
  });
}
