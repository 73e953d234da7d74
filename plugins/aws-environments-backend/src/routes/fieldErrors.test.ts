import { validateEnvironmentSpec } from '@innovate/plugin-aws-environments-common';
import type express from 'express';
import { requestFieldErrors } from './fieldErrors';

function refused(
  operationId: string,
  parts: { pathParams?: object; query?: object; body?: unknown },
) {
  return {
    openapi: { pathParams: parts.pathParams, schema: { operationId } },
    query: parts.query ?? {},
    body: parts.body,
  } as unknown as express.Request;
}

describe('requestFieldErrors', () => {
  it('names each refused field of a deployment request as the validator words it', () => {
    expect(
      requestFieldErrors(
        refused('CreateDeployment', {
          pathParams: { name: 'a'.repeat(64) },
          body: { approval: 'sometimes', allowedDeviations: ['Not An Id'] },
        }),
        validateEnvironmentSpec,
      ),
    ).toEqual([
      { field: 'name', message: 'must NOT have more than 63 characters' },
      {
        field: 'approval',
        message: 'must be equal to one of the allowed values: auto, required',
      },
      {
        field: 'allowedDeviations.0',
        message: 'must match pattern "^[a-z0-9-]{1,63}$"',
      },
    ]);
  });

  it('names unknown fields with the known ones', () => {
    expect(
      requestFieldErrors(
        refused('DestroyEnvironment', {
          pathParams: { name: 'team-a' },
          body: { confirm: 'team-a', force: true },
        }),
        validateEnvironmentSpec,
      ),
    ).toEqual([
      {
        field: 'force',
        message: 'is not a known field; expected confirm, destroyData',
      },
    ]);
  });

  it("gives the spec validator's errors for the spec, under spec", () => {
    const errors = requestFieldErrors(
      refused('Estimate', { body: { spec: { name: 42 } } }),
      validateEnvironmentSpec,
    );
    const spec = validateEnvironmentSpec({ name: 42 });
    expect(spec.ok).toBe(false);
    expect(errors).toEqual(
      (spec.ok ? [] : spec.errors).map(e => ({
        ...e,
        field: `spec.${e.field}`,
      })),
    );
    expect(
      requestFieldErrors(
        refused('Estimate', { body: { spec: 'x' } }),
        validateEnvironmentSpec,
      ),
    ).toEqual([expect.objectContaining({ field: 'spec' })]);
  });

  it('names a missing spec, the query and the deployment id', () => {
    expect(
      requestFieldErrors(
        refused('Estimate', { body: {} }),
        validateEnvironmentSpec,
      ),
    ).toEqual([
      { field: 'spec', message: 'is required: send { "spec": { ... } }' },
    ]);
    expect(
      requestFieldErrors(
        refused('ListDeployments', {
          pathParams: { name: 'team-a' },
          query: { limit: '0' },
        }),
        validateEnvironmentSpec,
      ),
    ).toEqual([
      { field: 'limit', message: 'must match pattern "^[1-9][0-9]{0,2}$"' },
    ]);
    expect(
      requestFieldErrors(
        refused('GetDeployment', {
          pathParams: { name: 'team-a', id: 'x'.repeat(65) },
        }),
        validateEnvironmentSpec,
      ),
    ).toEqual([
      { field: 'id', message: 'must NOT have more than 64 characters' },
    ]);
  });

  it('finds nothing for a request it has no schemas of', () => {
    expect(
      requestFieldErrors(
        { query: {}, body: {} } as unknown as express.Request,
        validateEnvironmentSpec,
      ),
    ).toEqual([]);
  });
});
