// One configured ajv for every document schema, and the mapping of ajv's errors to located, readable problems.

import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsPkg from 'ajv-formats';

const addFormats = addFormatsPkg as unknown as (ajv: Ajv, formats?: string[]) => Ajv;

/** A new ajv that collects every error at once, with RFC 3339 date-time checking. */
export function createAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  addFormats(ajv, ['date-time', 'uri']);
  return ajv;
}

/** A schema failure at one JSON pointer. */
export interface SchemaProblem {
  pointer: string;
  message: string;
}

function describeType(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'type':
      return `a${/^[aeiou]/.test(String(p.type)) ? 'n' : ''} ${String(p.type)}`;
    case 'const':
      return JSON.stringify(p.allowedValue);
    case 'enum':
      return `one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return `something that ${e.message ?? 'is valid'}`;
  }
}

/**
 * Turns ajv errors into one problem per fault: an unknown field names itself, a missing one too,
 * and the branches of a `T or null` union collapse into one message.
 */
export function schemaProblems(errors: readonly ErrorObject[] | null | undefined): SchemaProblem[] {
  if (!errors) return [];
  const anyOfPaths = errors.filter((e) => e.keyword === 'anyOf').map((e) => e.schemaPath);
  const out: SchemaProblem[] = [];
  const seen = new Set<string>();
  const push = (pointer: string, message: string) => {
    const key = `${pointer}\0${message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push({ pointer, message });
    }
  };
  for (const e of errors) {
    const p = e.params as Record<string, unknown>;
    if (e.keyword === 'anyOf') {
      const branches = errors.filter(
        (b) => b !== e && b.instancePath === e.instancePath && b.schemaPath.startsWith(e.schemaPath.replace(/\/anyOf$/, '/anyOf/')),
      );
      const deeper = errors.filter((b) => b.instancePath.startsWith(e.instancePath + '/') && b.schemaPath.startsWith(e.schemaPath + '/'));
      if (deeper.length > 0) {
        // the value had the right shape for a branch but something inside it is wrong: report that
        continue;
      }
      const kinds = [...new Set(branches.map(describeType))];
      push(e.instancePath, kinds.length > 0 ? `must be ${kinds.join(' or ')}` : 'is not valid here');
      continue;
    }
    if (anyOfPaths.some((a) => e.schemaPath.startsWith(a + '/') && e.instancePath === errors.find((x) => x.schemaPath === a)?.instancePath)) {
      continue; // a branch of a union reported above as a whole
    }
    switch (e.keyword) {
      case 'additionalProperties':
        push(`${e.instancePath}/${escape(String(p.additionalProperty))}`, 'unknown field');
        break;
      case 'required':
        push(`${e.instancePath}/${escape(String(p.missingProperty))}`, 'required field missing');
        break;
      case 'enum':
      case 'const':
        push(e.instancePath, `must be ${describeType(e)}`);
        break;
      case 'pattern':
        push(e.instancePath, `must match ${String(p.pattern)}`);
        break;
      case 'format':
        push(e.instancePath, `must be a valid ${String(p.format)}`);
        break;
      default:
        push(e.instancePath, e.message ?? 'is not valid');
    }
  }
  return out;
}

function escape(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Runs a compiled validator and returns its problems (empty when valid). */
export function check(validate: ValidateFunction, value: unknown): SchemaProblem[] {
  return validate(value) ? [] : schemaProblems(validate.errors);
}
