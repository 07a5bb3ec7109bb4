// The JSON request bodies the API accepts, as JSON Schemas: checked here and published in /openapi.json.

import type { Request } from 'express';
import type { ValidateFunction } from 'ajv';
import { check, createAjv } from '../schema.js';
import { readJson } from './body.js';
import { HttpError } from './errors.js';
import { say } from '../messages/index.js';
import type { FromSchema } from './from-schema.js';

const note = {
  type: 'string',
  minLength: 1,
  maxLength: 2000,
  description: 'Why: recorded in the audit log.',
} as const;
const ruleId = '^[A-Z]{2,8}-[0-9]{3}$';
const platformId = '^[a-z0-9]+(?:-[a-z0-9]+)*$';
const parameters = {
  description: 'The whole parameters file: an object shaped like rules/parameters.yaml, or its YAML text.',
  type: ['object', 'string'],
} as const;
const waivers = {
  description: 'The whole waivers file: a list shaped like rules/waivers.yaml, or its YAML text.',
  type: ['array', 'string'],
} as const;

/** Request body schemas by name (the names are the OpenAPI component names). */
export const REQUEST_SCHEMAS = {
  PublishRule: {
    type: 'object',
    additionalProperties: false,
    required: ['yaml', 'note'],
    properties: {
      yaml: {
        type: 'string',
        minLength: 1,
        description: "The rule's YAML document; its id must be the one in the URL.",
      },
      note,
    },
  },
  DeleteRule: { type: 'object', additionalProperties: false, properties: { note } },
  PublishParameters: {
    type: 'object',
    additionalProperties: false,
    required: ['parameters', 'note'],
    properties: { parameters, note },
  },
  PublishWaivers: {
    type: 'object',
    additionalProperties: false,
    required: ['waivers', 'note'],
    properties: { waivers, note },
  },
  Rollback: {
    type: 'object',
    additionalProperties: false,
    required: ['version', 'note'],
    properties: { version: { type: 'string', pattern: '^sha256:[0-9a-f]{64}$' }, note },
  },
  Preview: {
    type: 'object',
    additionalProperties: false,
    properties: {
      rules: {
        description: 'Rule id → its proposed YAML (added or changed), or null (removed).',
        type: 'object',
        propertyNames: { pattern: ruleId },
        additionalProperties: { anyOf: [{ type: 'string', minLength: 1 }, { type: 'null' }] },
      },
      parameters,
      waivers,
      all: {
        type: 'boolean',
        description: 'Judge every stored filing, not only the latest of each platform.',
      },
      note: {
        ...note,
        description: 'Ignored: allowed so that the body of a publish can be previewed as it is.',
      },
    },
  },
  Lint: {
    type: 'object',
    additionalProperties: false,
    required: ['kind', 'yaml'],
    properties: {
      kind: { enum: ['rule', 'parameters', 'waivers'], description: 'What the YAML is: one rule file, the parameters file or the waivers file.' },
      yaml: { type: 'string', maxLength: 262144, description: 'The proposed file, linted together with the rest of the rule set in force.' },
    },
  },
  StoreScan: {
    type: 'object',
    additionalProperties: false,
    required: ['source'],
    properties: {
      source: { const: 'store' },
      platforms: {
        type: 'array',
        items: { type: 'string', pattern: platformId },
        uniqueItems: true,
        description: 'Only these platforms (default: all).',
      },
      all: {
        type: 'boolean',
        description: 'Every stored filing, superseded ones too (default: current filings only). Not with async.',
      },
      async: {
        type: 'boolean',
        description: 'Run the scan as a job (202 with Location: /v1/scans/{id}) cut into shards taken by workers.',
      },
      shardSize: {
        type: 'integer',
        minimum: 1,
        maximum: 100000,
        description: 'Filings per shard of an async scan (default: the service --shard-size, 1000).',
      },
    },
  },
} as const;

/** The name of a request body schema. */
export type RequestSchemaName = keyof typeof REQUEST_SCHEMAS;

/** A request body's type, derived from its schema (never written twice). */
export type RequestBody<N extends RequestSchemaName> = FromSchema<(typeof REQUEST_SCHEMAS)[N]>;

const ajv = createAjv();
const validators = Object.fromEntries(
  Object.entries(REQUEST_SCHEMAS).map(([k, s]) => [k, ajv.compile(s)]),
) as Record<RequestSchemaName, ValidateFunction>;

/** Checks a parsed body against a request schema: 422 naming every bad field by pointer. */
export function checkBody<N extends RequestSchemaName>(name: N, value: unknown): RequestBody<N> {
  const problems = check(validators[name], value);
  if (problems.length > 0) {
    throw new HttpError(
      'invalid_request',
      problems.length === 1
        ? say('http.request_field', { pointer: problems[0]!.pointer || '/', problem: problems[0]!.msg })
        : say('http.request_body_problems', { n: problems.length }),
      problems.map((p) => ({ code: 'invalid_request', message: p.message, msg: p.msg, pointer: p.pointer || '/' })),
    );
  }
  return value as RequestBody<N>;
}

/** Reads an `application/json` body and checks it against a request schema (415, 413, 400, 422). */
export async function readBody<N extends RequestSchemaName>(req: Request, name: N): Promise<RequestBody<N>> {
  return checkBody(name, await readJson(req));
}
