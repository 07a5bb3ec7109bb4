// The OASIS SARIF 2.1.0 schema (test/fixtures/sarif) compiled with Ajv, for the SARIF tests.

import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormatsPkg from 'ajv-formats';
import { fixturePath } from '../support/fixtures.js';

// the OASIS schema is draft-04; it uses no keyword whose meaning changed since (see test/fixtures/sarif/README.md)
const {
  $schema: _draft,
  id: _id,
  ...schema
} = JSON.parse(readFileSync(fixturePath('sarif/sarif-schema-2.1.0.json'), 'utf8')) as Record<string, unknown>;
const addFormats = addFormatsPkg as unknown as (ajv: Ajv) => Ajv;
const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
addFormats(ajv);

/** Validates a parsed SARIF log against the OASIS schema; `validateSarif.errors` says why not. */
export const validateSarif = ajv.compile(schema);

/** The schema's errors for `log` ([] when it is valid). */
export function sarifErrors(log: unknown): unknown[] {
  return validateSarif(log) ? [] : (validateSarif.errors ?? ['invalid']);
}
