// One configured ajv for every document schema, and the mapping of ajv's errors to located, readable problems
// (each message as data too, src/messages/schema.ts, so it reads in the caller's language).

import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsPkg from 'ajv-formats';
import { say, type Message, type MessageValue } from './messages/index.js';
import type { AjvFault, Expected } from './messages/schema.js';

const addFormats = addFormatsPkg as unknown as (ajv: Ajv, formats?: string[]) => Ajv;

/** A new ajv that collects every error at once, with RFC 3339 date-time checking. */
export function createAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  addFormats(ajv, ['date-time', 'uri']);
  return ajv;
}

/** A schema failure at one JSON pointer: `message` in English, `msg` for any language. */
export interface SchemaProblem {
  pointer: string;
  message: string;
  msg: Message;
}

/** An ajv error as plain data (its params are JSON: limits, names, values). */
function fault(e: ErrorObject): AjvFault {
  return { keyword: e.keyword, params: e.params as Record<string, MessageValue>, message: e.message ?? null };
}

/** What a type, const or enum error says the value must be. */
function describeType(e: ErrorObject): Expected {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'type':
      return { kind: 'type', type: String(p.type) };
    case 'const':
      return { kind: 'const', value: p.allowedValue as MessageValue };
    case 'enum':
      return { kind: 'enum', values: p.allowedValues as MessageValue[] };
    default:
      return { kind: 'other', fault: fault(e) };
  }
}

const isNull = (x: Expected) => x.kind === 'type' && x.type === 'null';

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
  const push = (pointer: string, said: { message: string; msg: Message }) => {
    const key = `${pointer}\0${said.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push({ pointer, ...said });
    }
  };
  // which errors belong to which union: ajv emits a union's branch errors just before the union's own
  const dropped = new Set<number>();
  const unionMessage = new Map<number, { message: string; msg: Message }>();
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
      const kinds = new Map<string, Expected>();
      for (const j of typeOnly) {
        const x = describeType(errors[j]!);
        kinds.set(JSON.stringify(x), x);
      }
      const expected = [...kinds.values()].sort((a, b) => Number(isNull(a)) - Number(isNull(b)));
      unionMessage.set(k, expected.length > 0 ? say('schema.must_be', { expected }) : say('schema.not_valid_here', {}));
    }
  });
  errors.forEach((e, k) => {
    if (dropped.has(k)) return;
    const p = e.params as Record<string, unknown>;
    switch (e.keyword) {
      case 'anyOf':
        push(e.instancePath, unionMessage.get(k) ?? say('schema.not_valid_here', {}));
        break;
      case 'additionalProperties':
        push(`${e.instancePath}/${escape(String(p.additionalProperty))}`, say('schema.unknown_field', {}));
        break;
      case 'required':
        push(`${e.instancePath}/${escape(String(p.missingProperty))}`, say('schema.required', {}));
        break;
      case 'enum':
      case 'const':
        push(e.instancePath, say('schema.must_be', { expected: [describeType(e)] }));
        break;
      case 'pattern':
        push(e.instancePath, say('schema.pattern', { pattern: String(p.pattern) }));
        break;
      case 'format':
        push(e.instancePath, say('schema.format', { format: String(p.format) }));
        break;
      case 'if':
        break; // the failing `then` branch's own errors say what is wrong
      default:
        push(e.instancePath, say('schema.ajv', fault(e)));
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
    return [{ pointer: first?.instancePath ?? '', ...(first ? say('schema.ajv', fault(first)) : say('schema.not_valid', {})) }];
  }
  return problems;
}
