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
      return String(p.type) === 'null' ? 'null' : `a${/^[aeiou]/.test(String(p.type)) ? 'n' : ''} ${String(p.type)}`;
    case 'const':
      return JSON.stringify(p.allowedValue);
    case 'enum':
      return `one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return `something that ${e.message ?? 'is valid'}`;
  }
}

const TYPE_KEYWORDS = new Set(['type', 'const', 'enum']);

/**
 * Turns ajv errors into one problem per fault: an unknown field names itself, a missing one too.
 * For a union (`anyOf`, e.g. "an object or null"), ajv reports every branch: when one branch had the
 * right type, its own errors are the real ones; when none did, one "must be A or B" is given.
 */
export function schemaProblems(errors: readonly ErrorObject[] | null | undefined): SchemaProblem[] {
  if (!errors) return [];
  const out: SchemaProblem[] = [];
  const seen = new Set<string>();
  const push = (pointer: string, message: string) => {
    const key = `${pointer}\0${message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push({ pointer, message });
    }
  };
  // which errors belong to which union: ajv emits a union's branch errors just before the union's own
  const dropped = new Set<number>();
  const unionMessage = new Map<number, string>();
  errors.forEach((e, k) => {
    if (e.keyword !== 'anyOf') return;
    const p = e.instancePath;
    const branch: number[] = [];
    for (let j = k - 1; j >= 0; j--) {
      if (dropped.has(j) || unionMessage.has(j)) continue;
      const b = errors[j]!;
      if (b.instancePath === p || b.instancePath.startsWith(p + '/')) branch.push(j);
      else break;
    }
    const typeOnly = branch.filter((j) => errors[j]!.instancePath === p && TYPE_KEYWORDS.has(errors[j]!.keyword));
    // an `if` error says only that its `then` failed: the errors it stands for are the real ones
    const real = branch.filter((j) => !typeOnly.includes(j) && errors[j]!.keyword !== 'if');
    if (real.length > 0) {
      typeOnly.forEach((j) => dropped.add(j));
      dropped.add(k);
    } else {
      branch.forEach((j) => dropped.add(j));
      const kinds = [...new Set(typeOnly.map((j) => describeType(errors[j]!)))].sort((a, b) => Number(a === 'null') - Number(b === 'null'));
      unionMessage.set(k, kinds.length > 0 ? `must be ${kinds.join(' or ')}` : 'is not valid here');
    }
  });
  errors.forEach((e, k) => {
    if (dropped.has(k)) return;
    const p = e.params as Record<string, unknown>;
    switch (e.keyword) {
      case 'anyOf':
        push(e.instancePath, unionMessage.get(k) ?? 'is not valid here');
        break;
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
      case 'if':
        break; // the failing `then` branch's own errors say what is wrong
      default:
        push(e.instancePath, e.message ?? 'is not valid');
    }
  });
  return out;
}

function escape(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Runs a compiled validator and returns its problems (empty when valid). */
export function check(validate: ValidateFunction, value: unknown): SchemaProblem[] {
  if (validate(value)) return [];
  const problems = schemaProblems(validate.errors);
  // an invalid document is never passed as valid, even if the mapping above folded every error away
  if (problems.length === 0) {
    const first = validate.errors?.[0];
    return [{ pointer: first?.instancePath ?? '', message: first?.message ?? 'is not valid' }];
  }
  return problems;
}
