// Test helper: schemas/report.schema.json compiled by an independent ajv with every format checked.

import { Ajv } from 'ajv';
import addFormatsPkg from 'ajv-formats';
import reportSchema from '../../schemas/report.schema.json' with { type: 'json' };
import scanLineSchema from '../../schemas/scan-line.schema.json' with { type: 'json' };
import { expect } from 'vitest';

const addFormats = addFormatsPkg as unknown as (ajv: Ajv) => Ajv;
// ajv's default strictness: the schema's if/then blocks list required fields without redeclaring them (strictRequired)
const ajv = new Ajv({ allErrors: true, allowUnionTypes: true });
addFormats(ajv);
const validate = ajv.compile(reportSchema);
// the bulk scan lines (DESIGN §7 revision 3) refer to the report schema's parts (its $id, relative to theirs)
const validateScanLine = ajv.compile(scanLineSchema);

/** The schema errors of a report (empty when it is valid), as `pointer message` strings. */
export function reportSchemaErrors(report: unknown): string[] {
  return validate(report) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

/** Asserts that a report validates against schemas/report.schema.json. */
export function expectValidReport(report: unknown): void {
  expect(reportSchemaErrors(report)).toEqual([]);
}

/** Asserts that a ruleset line or a bulk scan line validates against schemas/scan-line.schema.json. */
export function expectValidScanLine(line: unknown): void {
  expect(validateScanLine(line) ? [] : (validateScanLine.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`)).toEqual([]);
}
