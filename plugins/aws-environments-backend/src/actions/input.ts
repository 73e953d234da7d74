import type { FieldError } from '@innovate/plugin-aws-environments-common';
import { z } from 'zod/v3';
import { FieldValidationError } from '../errors';

/*
 * Input of the actions. The actions registry parses an action's input with
 * its zod schema before the action runs, and a failed parse becomes a bare
 * `Invalid input to action "…"` that names no field. So each action is
 * registered with a lenient copy of its schema (same JSON schema for the
 * model, but the parse passes the input through untouched), and parses the
 * input itself with the strict schema, answering a FieldValidationError that
 * names every bad field.
 */

/**
 * The schema as the registry sees it: the strict schema's JSON schema, and a
 * parse that never fails (the action parses with {@link parseInput}).
 */
export function lenientInput<T extends z.AnyZodObject>(strict: T): T {
  // ZodCatch is rendered as its inner schema by zod-to-json-schema; the
  // registry only renders and parses the schema, so the cast is not seen.
  return (strict as z.ZodTypeAny).catch(
    (ctx: { input: unknown }) => ctx.input,
  ) as unknown as T;
}

/** The field errors of a failed parse, named by dotted path (`input` at the root). */
export function inputFieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.flatMap(issue => {
    const path = issue.path.map(String);
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
    return keys.map(key => ({
      field:
        [...path, ...(key === undefined ? [] : [key])].join('.') || 'input',
      message:
        key === undefined ? issue.message : 'is not a field of this action',
    }));
  });
}

/** The input parsed with the strict schema, or a FieldValidationError naming the fields. */
export function parseInput<T extends z.ZodTypeAny>(
  schema: T,
  input: unknown,
): z.infer<T> {
  const result = schema.safeParse(input ?? {});
  if (!result.success) {
    throw new FieldValidationError(inputFieldErrors(result.error));
  }
  return result.data;
}

/** The name of an environment, as the list shows it. */
export const environmentName = z
  .string()
  .min(1)
  .describe(
    "The environment's name, e.g. 'innovate-prod' (see list-aws-environments).",
  );

/** A value a spec field can take. */
const fieldValue = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.null(),
  z.array(z.any()),
  z.record(z.any()),
]);

/** Changes of single spec fields, applied to an environment's current spec. */
export const specChanges = z
  .array(
    z
      .object({
        field: z
          .string()
          .min(1)
          .describe(
            "Dotted path of a field of the environment spec, e.g. 'cluster.applicationNodeGroup.desiredSize' or 'database.instanceClass'.",
          ),
        value: fieldValue.describe('The new value of the field.'),
      })
      .strict(),
  )
  .min(1)
  .describe(
    "Changes to the environment's current spec, one field each; every other field keeps its current value.",
  );

/** A full environment spec, checked by the spec validator. */
export const fullSpec = z
  .record(z.any())
  .describe(
    'A complete environment spec (name, region, accounts, network, cluster, database, budget, …) as in the create template. Prefer `environment` + `changes` for an existing environment.',
  );

export type SpecChange = z.infer<typeof specChanges>[number];

/**
 * The rules across `environment`, `spec` and `changes`: a full spec or
 * changes (not both); changes only to an environment; with
 * `changesRequired`, one of them at all.
 */
export function checkProposalFields(
  input: { environment?: string; spec?: unknown; changes?: unknown[] },
  options: { changesRequired: boolean },
) {
  const errors: FieldError[] = [];
  if (input.spec !== undefined && input.changes !== undefined) {
    errors.push({
      field: 'changes',
      message: 'give either a full spec or changes, not both',
    });
  }
  if (input.changes !== undefined && input.environment === undefined) {
    errors.push({
      field: 'environment',
      message:
        'is required with changes: the environment whose spec they change',
    });
  }
  if (input.spec === undefined && input.changes === undefined) {
    if (options.changesRequired) {
      errors.push({
        field: 'changes',
        message:
          "is required (or a full spec): e.g. [{ field: 'cluster.applicationNodeGroup.desiredSize', value: 4 }]",
      });
    } else if (input.environment === undefined) {
      errors.push({
        field: 'environment',
        message:
          'is required without a spec: give an environment (and changes) or a full spec',
      });
    }
  }
  if (errors.length > 0) {
    throw new FieldValidationError(errors);
  }
}
