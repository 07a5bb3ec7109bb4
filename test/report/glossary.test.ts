// The glossary names every field of the filing schema and every parameter of the pack in both languages.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fieldName, knowsField, parameterName, valueName } from '../../src/report/glossary.js';
import { bundledRuleSet } from '../support/rule-sets.js';

const schema = JSON.parse(readFileSync(new URL('../../schemas/filing.schema.json', import.meta.url), 'utf8')) as unknown;

/** Every property name and every enum (by property) in a JSON Schema. */
function walk(node: unknown, fields: Set<string>, enums: Map<string, unknown[]>): void {
  if (Array.isArray(node)) for (const x of node) walk(x, fields, enums);
  else if (node && typeof node === 'object') {
    const props = (node as { properties?: Record<string, unknown> }).properties;
    if (props && typeof props === 'object') {
      for (const [k, v] of Object.entries(props)) {
        if (/^[a-z]/.test(k)) fields.add(k);
        const e = (v as { enum?: unknown[] }).enum;
        if (Array.isArray(e)) enums.set(k, e);
      }
    }
    for (const v of Object.values(node)) walk(v, fields, enums);
  }
}

describe('glossary', () => {
  const fields = new Set<string>();
  const enums = new Map<string, unknown[]>();
  walk(schema, fields, enums);

  it('names every field of the filing schema in both languages, never as written', () => {
    expect(fields.size).toBeGreaterThan(40);
    for (const f of fields) {
      expect(knowsField(f), f).toBe(true);
      expect(fieldName(f, 'zh'), f).toMatch(/^[\p{Script=Han}（）、]+$/u);
      expect(fieldName(f, 'en'), f).not.toMatch(/[A-Z]/);
    }
  });

  it('names every value of the filing schema enumerations (but the schema version) in both languages', () => {
    for (const [field, values] of enums) {
      if (field === 'schemaVersion') continue;
      for (const v of values) {
        expect(valueName(field, String(v), 'zh'), `${field}=${String(v)}`).toMatch(/^\p{Script=Han}+$/u);
        expect(valueName(field, String(v), 'en'), `${field}=${String(v)}`).toBeDefined();
      }
    }
  });

  it('names every parameter of the bundled pack', () => {
    for (const name of Object.keys(bundledRuleSet().parameters)) {
      expect(parameterName(name, 'zh'), name).toMatch(/\p{Script=Han}/u);
      expect(parameterName(name, 'en'), name).toBeDefined();
    }
  });

  it('leaves a name it does not know as it is', () => {
    expect(fieldName('somethingNew', 'zh')).toBe('somethingNew');
    expect(valueName('channel', '某论坛', 'zh')).toBeUndefined();
  });
});
