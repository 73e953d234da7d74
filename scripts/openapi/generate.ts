/*
 * Generation of the aws-environments contract from its zod schemas:
 *
 * 1. the OpenAPI document (`plugins/aws-environments-backend/src/schema/openapi.yaml`)
 *    gets the spec's JSON Schema (`EnvironmentSpec`, what is stored and
 *    returned; `EnvironmentSpecInput`, what a caller may send), the request
 *    bodies and the path and query parameters, all from the zod schemas of
 *    the common package;
 * 2. the backend's generated router embeds the document;
 * 3. openapi-typescript writes the document's types into the common package,
 *    where the openapi-fetch client reads them.
 *
 * Pure functions of the current files, so a test can run them in memory and
 * compare (`spec.test.ts` of the backend); `scripts/generate-openapi.mjs`
 * writes the files.
 */
import path from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import YAML from 'yaml';
import { z } from 'zod';
import * as common from '../../plugins/aws-environments-common/src';

type JsonSchema = Record<string, unknown>;

/** The part of prettier 2 used here (it ships no types). */
const prettier: {
  resolveConfig(file: string): Promise<object | null>;
  format(text: string, options: object): string;
} = require('prettier');

export const ROOT = path.resolve(__dirname, '../..');
export const FILES = {
  document: 'plugins/aws-environments-backend/src/schema/openapi.yaml',
  router:
    'plugins/aws-environments-backend/src/schema/openapi/generated/router.ts',
  types: 'plugins/aws-environments-common/src/api/generated/openapi.ts',
} as const;

export type GeneratedFiles = Record<keyof typeof FILES, string>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema, ...rest } = z.toJSONSchema(schema, { io }) as JsonSchema;
  return rest;
}

/** The spec's JSON Schema, from the common package's function once it has one. */
function specSchema(io: 'input' | 'output'): JsonSchema {
  const fromCommon = (
    common as {
      environmentSpecJsonSchema?: (io?: 'input' | 'output') => object;
    }
  ).environmentSpecJsonSchema;
  if (fromCommon && io === 'input') {
    const { $schema, ...rest } = fromCommon() as JsonSchema;
    return rest;
  }
  return jsonSchema(common.environmentSpecSchema, io);
}

/** A request body's schema; its `spec` is the spec's input schema. */
function requestSchema(
  schema: z.ZodType,
  spec?: 'optional' | 'required',
): JsonSchema {
  const body = jsonSchema(schema, 'input');
  if (spec) {
    const properties = body.properties as Record<string, JsonSchema>;
    properties.spec = {
      description: properties.spec.description,
      $ref: '#/components/schemas/EnvironmentSpecInput',
    };
    if (spec === 'required') {
      body.required = [
        ...new Set(['spec', ...((body.required as string[]) ?? [])]),
      ];
    }
  }
  return body;
}

/** Everything of the document that comes from the zod schemas, by YAML path. */
export function generatedParts(): Array<[string[], unknown]> {
  const schemas = ['components', 'schemas'];
  const parameters = ['components', 'parameters'];
  return [
    [
      [...schemas, 'EnvironmentSpec'],
      {
        description:
          'A complete environment spec, with the defaults applied (`EnvironmentSpec` of the common package).',
        ...specSchema('output'),
      },
    ],
    [
      [...schemas, 'EnvironmentSpecInput'],
      {
        description:
          'An environment spec as a caller sends it: fields with seed defaults may be left out (`EnvironmentSpecInput` of the common package).',
        ...specSchema('input'),
      },
    ],
    [
      [...schemas, 'CreateDeploymentRequest'],
      requestSchema(common.createDeploymentRequestSchema, 'optional'),
    ],
    [
      [...schemas, 'DestroyEnvironmentRequest'],
      requestSchema(common.destroyEnvironmentRequestSchema),
    ],
    [
      [...schemas, 'EstimateRequest'],
      requestSchema(common.estimateRequestSchema, 'required'),
    ],
    [
      [...schemas, 'PreviewRequest'],
      requestSchema(common.previewRequestSchema, 'required'),
    ],
    [
      [...parameters, 'name', 'schema'],
      jsonSchema(common.environmentNameParameterSchema, 'input'),
    ],
    [
      [...parameters, 'deploymentId', 'schema'],
      jsonSchema(common.deploymentIdParameterSchema, 'input'),
    ],
    [
      [...parameters, 'limit', 'schema'],
      jsonSchema(common.deploymentLimitParameterSchema, 'input'),
    ],
  ];
}

async function format(text: string, file: string): Promise<string> {
  const options = await prettier.resolveConfig(path.join(ROOT, file));
  return prettier.format(text, { ...options, filepath: file });
}

/** The document with the generated parts replaced. */
export async function generateDocument(current: string): Promise<string> {
  const document = YAML.parseDocument(current);
  for (const [at, value] of generatedParts()) {
    document.setIn(at, document.createNode(value));
  }
  return format(document.toString({ lineWidth: 0 }), FILES.document);
}

/** The generated router with `document` embedded. */
export async function generateRouter(
  current: string,
  document: string,
): Promise<string> {
  const spec = JSON.stringify(YAML.parse(document), null, 2);
  const embedded = current.replace(
    /export const spec = [\s\S]*? as const;/,
    () => `export const spec = ${spec} as const;`,
  );
  return format(embedded, FILES.router);
}

const TYPES_HEADER = `// ******************************************************************
// * THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY. *
// ******************************************************************
// Generated by openapi-typescript from
// plugins/aws-environments-backend/src/schema/openapi.yaml:
//   node scripts/generate-openapi.mjs
/* eslint-disable */
`;

/**
 * openapi-typescript's JSDoc as TSDoc, which the API reports parse: no
 * `@description` or `@enum`, `@defaultValue` for `@default`, `@`, `{` and
 * `}` of the text escaped; every export `@public`.
 */
function asTsdoc(source: string): string {
  return source
    .split('\n')
    .filter(line => !/^\s*(\/\*\*|\*) @enum \{\w+\}( \*\/)?$/.test(line))
    .map(line => {
      if (/^export (interface|type) /.test(line)) {
        return `/** @public */\n${line}`;
      }
      if (!/^\s*(\/\*\*|\*)(\s|$)/.test(line)) {
        return line;
      }
      return line
        .replace(/@description /g, '')
        .replace(/@default /g, '@defaultValue ')
        .replace(/@(?!defaultValue\b)/g, '\\@')
        .replace(/[{}]/g, brace => `\\${brace}`);
    })
    .join('\n');
}

/** openapi-typescript's types of `document`. */
export async function generateTypes(document: string): Promise<string> {
  const ast = await openapiTS(YAML.parse(document), {
    alphabetize: false,
    exportType: false,
  });
  return format(TYPES_HEADER + asTsdoc(astToString(ast)), FILES.types);
}

/** Every generated file, from the current document and router. */
export async function generateAll(
  current: Pick<GeneratedFiles, 'document' | 'router'>,
): Promise<GeneratedFiles> {
  const document = await generateDocument(current.document);
  return {
    document,
    router: await generateRouter(current.router, document),
    types: await generateTypes(document),
  };
}
