// Test helper: schemas/report.schema.json compiled by an independent ajv with every format checked.

import { Ajv } from 'ajv';
import addFormatsPkg from 'ajv-formats';
import reportSchema from '../../schemas/report.schema.json' with { type: 'json' };
import { expect } from 'vitest';

const addFormats = addFormatsPkg as unknown as (ajv: Ajv) => Ajv;
// ajv's default strictness: the schema's if/then blocks list required fields without redeclaring them (strictRequired)
const ajv = new Ajv({ allErrors: true, allowUnionTypes: true });
addFormats(ajv);
const validate = ajv.compile(reportSchema);

/** The schema errors of a report (empty when it is valid), as `pointer message` strings. */
export function reportSchemaErrors(report: unknown): string[] {
  return validate(report) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

/** Asserts that a report validates against schemas/report.schema.json. */
export function expectValidReport(report: unknown): void {
  expect(reportSchemaErrors(report)).toEqual([]);
}
