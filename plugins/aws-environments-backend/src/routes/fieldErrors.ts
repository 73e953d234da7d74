import { InputError, serializeError } from '@backstage/errors';
import {
  ApiErrorBody,
  apiRequestSchemas,
  FieldError,
  zodFieldErrors,
} from '@innovate/plugin-aws-environments-common';
import express from 'express';
import { FieldValidationError } from '../errors';
import type { SpecValidator } from '../services/Deployments/DefaultDeploymentService';

/** The spec validator's errors, named under `spec`. */
export function specFieldErrors(errors: FieldError[]): FieldError[] {
  return errors.map(e => ({
    ...e,
    field: e.field === '(root)' ? 'spec' : `spec.${e.field}`,
  }));
}

/** What express-openapi-validator records of the operation it matched. */
type OpenApiRequest = express.Request & {
  openapi?: { pathParams?: object; schema?: { operationId?: string } };
};

/**
 * The field errors of a request the OpenAPI validator refused: the zod
 * schemas the document's parameters and bodies are generated from, and the
 * spec validator for a `spec`, say which fields are wrong and why.
 */
export function requestFieldErrors(
  req: OpenApiRequest,
  validateSpec: SpecValidator,
): FieldError[] {
  const operationId = req.openapi?.schema?.operationId;
  const schemas = operationId ? apiRequestSchemas[operationId] : undefined;
  if (!schemas) {
    return [];
  }
  const parts = [
    [schemas.params, req.openapi?.pathParams ?? {}],
    [schemas.query, req.query],
    [schemas.body, req.body ?? {}],
  ] as const;
  const errors = parts.flatMap(([schema, value]) => {
    const result = schema?.safeParse(value);
    return result && !result.success ? zodFieldErrors(result.error) : [];
  });
  const spec = (req.body as { spec?: unknown } | undefined)?.spec;
  if (schemas.bodySpec && spec !== undefined) {
    const result = validateSpec(spec);
    if (!result.ok) {
      errors.push(...specFieldErrors(result.errors));
    }
  }
  return errors;
}

/** Requests whose body was not JSON, with body-parser's error. */
const unparsedBodies = new WeakSet<express.Request>();

/**
 * The router's body parsing (the OpenAPI router's default, `express.json()`),
 * remembering which requests it could not parse: the OpenAPI router turns
 * every error before the routes into an `InputError`.
 */
export function bodyParsing(): express.RequestHandler[] {
  const recordParseFailure: express.ErrorRequestHandler = (
    error,
    req,
    _res,
    next,
  ) => {
    if ((error as { type?: string }).type === 'entity.parse.failed') {
      unparsedBodies.add(req);
    }
    next(error);
  };
  return [
    express.json(),
    recordParseFailure as unknown as express.RequestHandler,
  ];
}

function fieldErrorsOf(
  error: Error,
  req: express.Request,
  validateSpec: SpecValidator,
): { fieldErrors?: FieldError[]; reported: Error } {
  if (error instanceof FieldValidationError) {
    return { fieldErrors: error.fieldErrors, reported: error };
  }
  if (error.name !== 'InputError') {
    return { reported: error };
  }
  if (unparsedBodies.has(req)) {
    return {
      fieldErrors: [{ field: 'body', message: 'is not valid JSON' }],
      reported: new InputError(
        `The request body is not valid JSON: ${error.message}`,
      ),
    };
  }
  const fieldErrors = requestFieldErrors(req, validateSpec);
  return {
    fieldErrors:
      fieldErrors.length > 0
        ? fieldErrors
        : [{ field: 'body', message: error.message }],
    reported: error,
  };
}

/** 400s carry the bad fields; everything else goes to the backend's handler. */
export function fieldErrorHandler(
  validateSpec: SpecValidator,
): express.ErrorRequestHandler {
  return (error: Error, req, res, next) => {
    const { fieldErrors, reported } = fieldErrorsOf(error, req, validateSpec);
    if (!fieldErrors || res.headersSent) {
      next(error);
      return;
    }
    const body: ApiErrorBody = {
      error: serializeError(reported) as ApiErrorBody['error'],
      request: { method: req.method, url: req.originalUrl },
      response: { statusCode: 400 },
      fieldErrors,
    };
    res.status(400).json(body);
  };
}
