import { z } from 'zod';
import type { FieldError } from './types';
import { fleetQuerySchema } from './fleet';

/*
 * The requests of the aws-environments API as zod schemas. The OpenAPI
 * document's request bodies and parameters are generated from them
 * (`node scripts/generate-openapi.mjs`), and the backend explains a request
 * the OpenAPI validator refused with them, field by field. Messages are
 * worded as the validator words them.
 */

/** `must be equal to one of the allowed values: a, b` for a bad enum value. */
function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, {
    error: `must be equal to one of the allowed values: ${values.join(', ')}`,
  });
}

/** An object without other fields; an unknown one is named with the known ones. */
function closedObject<const T extends z.ZodRawShape>(shape: T) {
  const known = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: issue =>
      issue.code === 'unrecognized_keys'
        ? `is not a known field; expected ${known}`
        : 'must be object',
  });
}

const dataSourceKindSchema = oneOf(['sandbox', 'aws']);
const approvalModeSchema = oneOf(['auto', 'required']).meta({
  description:
    '`required` stops after the change sets are created, until someone executes them.',
});

/** Path parameter `name`: the environment name. @public */
export const environmentNameParameterSchema = z
  .string()
  .min(1, 'must NOT have fewer than 1 characters')
  .max(63, 'must NOT have more than 63 characters');

/** Path parameter `id`: the deployment id. @public */
export const deploymentIdParameterSchema = z
  .string()
  .min(1, 'must NOT have fewer than 1 characters')
  .max(64, 'must NOT have more than 64 characters');

/** Query parameter `limit` of the deployment list. @public */
export const deploymentLimitParameterSchema = z
  .string()
  .regex(/^[1-9][0-9]{0,2}$/, 'must match pattern "^[1-9][0-9]{0,2}$"');

/** Logical ids of stateful resources whose loss a request accepts. */
function acceptDataLossSchema(description: string) {
  return z
    .array(
      z
        .string('must be string')
        .regex(
          /^[A-Za-z0-9]{1,255}$/,
          'must match pattern "^[A-Za-z0-9]{1,255}$"',
        ),
      'must be array',
    )
    .max(200, 'must NOT have more than 200 items')
    .optional()
    .meta({ description });
}

/**
 * Body of `POST /v1/environments/{name}/deployments`. `spec` is checked by
 * `validateEnvironmentSpec` (the document references the spec's own schema).
 *
 * @public
 */
export const createDeploymentRequestSchema = closedObject({
  spec: z.unknown().optional().meta({
    description:
      'The spec to deploy (fields with seed defaults may be left out); the stored spec is redeployed when left out.',
  }),
  source: dataSourceKindSchema.optional(),
  approval: approvalModeSchema.optional(),
  mode: oneOf(['create', 'update']).optional().meta({
    description:
      'What to do when the name is taken; `create` (the default) fails with 409.',
  }),
  owner: z.string('must be string').optional().meta({
    description:
      "Catalog entity ref of the owner, one of the requester's groups (or the requester). Defaults on create to the requester's first group; changes the owner on update.",
  }),
  repository: z
    .string('must be string')
    .max(300, 'must NOT have more than 300 characters')
    .regex(
      /^https:\/\/[a-z0-9.-]+(?::[0-9]{1,5})?\/[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/,
      'must be https://<host>/<owner>/<repo>',
    )
    .optional()
    .meta({
      description:
        "The environment's repository, https://<host>/<owner>/<repo> (the create-aws-environment template's): a merge to its environment.json becomes a proposed change. Recorded on create, replaced on update when given.",
    }),
  allowedDeviations: z
    .array(
      z
        .string('must be string')
        .regex(/^[a-z0-9-]{1,63}$/, 'must match pattern "^[a-z0-9-]{1,63}$"'),
      'must be array',
    )
    .max(50, 'must NOT have more than 50 items')
    .optional()
    .meta({
      description:
        'Ids of seed conformance claims this deployment may fail (e.g. nat-per-az); cdk-nag findings are never allowed.',
    }),
  acceptDataLoss: acceptDataLossSchema(
    'Logical ids of stateful resources whose replacement or removal (and the data lost with it) is accepted; without them such an update fails before anything changes.',
  ),
}).meta({ description: 'Unknown fields are refused with a 400 naming them.' });

/** Body of `DELETE /v1/environments/{name}`. @public */
export const destroyEnvironmentRequestSchema = closedObject({
  confirm: z
    .string('must be string')
    .optional()
    .meta({ description: "Must repeat the environment's name." }),
  destroyData: z.boolean('must be boolean').optional().meta({
    description: 'Also delete the stateful (database) stack. Default false.',
  }),
});

/** A spec the body must carry; the spec validator judges its contents. */
function requiredSpec(description: string) {
  return z
    .unknown()
    .refine(spec => spec !== undefined, {
      error: 'is required: send { "spec": { ... } }',
      abort: true,
    })
    .meta({ description });
}

/** Body of `POST /v1/estimate`. @public */
export const estimateRequestSchema = closedObject({
  spec: requiredSpec(
    'The spec to estimate (fields with seed defaults may be left out).',
  ),
});

/** Body of `POST /v1/environments/{name}/preview`. @public */
export const previewRequestSchema = closedObject({
  spec: requiredSpec(
    'The full proposed spec (fields with seed defaults may be left out).',
  ),
  acceptDataLoss: acceptDataLossSchema(
    'Logical ids of stateful resources whose replacement or removal (and the data lost with it) is accepted; they are then not blocked.',
  ),
});

/**
 * What an operation takes: path parameters, query, body.
 *
 * @public
 */
export type OperationSchemas = {
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Whether its body carries a spec, checked by the spec validator. */
  bodySpec?: 'optional' | 'required';
};

const byName = { params: z.object({ name: environmentNameParameterSchema }) };
const byNameAndId = {
  params: z.object({
    name: environmentNameParameterSchema,
    id: deploymentIdParameterSchema,
  }),
};

/**
 * What each operation of the document takes, by operation id.
 *
 * @public
 */
export const apiRequestSchemas: Record<string, OperationSchemas> = {
  GetFleet: { query: fleetQuerySchema },
  GetEnvironment: byName,
  GetClusterView: byName,
  GetDatabaseView: byName,
  GetAlarmsView: byName,
  GetCostView: byName,
  GetEnvironmentEntities: byName,
  DestroyEnvironment: { ...byName, body: destroyEnvironmentRequestSchema },
  ListDeployments: {
    ...byName,
    query: z.object({ limit: deploymentLimitParameterSchema.optional() }),
  },
  CreateDeployment: {
    ...byName,
    body: createDeploymentRequestSchema,
    bodySpec: 'optional',
  },
  GetDeployment: byNameAndId,
  ExecuteDeployment: byNameAndId,
  Estimate: { body: estimateRequestSchema, bodySpec: 'required' },
  PreviewChanges: {
    ...byName,
    body: previewRequestSchema,
    bodySpec: 'required',
  },
};

/**
 * The field errors of a failed zod parse: one per issue, named by its dotted
 * path under `prefix`; an unknown field is named itself.
 *
 * @public
 */
export function zodFieldErrors(
  error: z.ZodError,
  prefix: string[] = [],
): FieldError[] {
  return error.issues.flatMap(issue => {
    const path = [...prefix, ...issue.path.map(String)];
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
    return keys.map(key => ({
      field: [...path, ...(key === undefined ? [] : [key])].join('.') || 'body',
      message: issue.message,
    }));
  });
}
