// The words for a JSON Schema failure (src/schema.ts): our own for the faults we name ourselves (unknown or
// missing field, a union, a type, a bound), ajv-i18n's Chinese for the rest of ajv's keywords.

import localizeZhPkg from 'ajv-i18n/localize/zh/index.js';
import type { ErrorObject } from 'ajv';
import { q, texts, type MessageValue, type Nested } from './message.js';

const localizeZh = localizeZhPkg as unknown as (errors: ErrorObject[]) => void;

/** What a value must be, as data: a JSON type, a constant, one of a list, or an ajv fault in its own terms. */
export type Expected =
  | { kind: 'type'; type: string }
  | { kind: 'const'; value: MessageValue }
  | { kind: 'enum'; values: readonly MessageValue[] }
  | { kind: 'other'; fault: AjvFault };

/** An ajv error as plain data: its keyword, its params and ajv's (English) message. */
export interface AjvFault {
  keyword: string;
  params: { readonly [name: string]: MessageValue };
  message: string | null;
}

const ZH_TYPES: Record<string, string> = {
  string: '字符串',
  number: '数值',
  integer: '整数',
  boolean: '布尔值',
  object: '对象',
  array: '数组',
  null: `空值${q('null')}`,
};

/** A JSON type in Chinese (`string,null`, as ajv names a union of types, is each of them). */
function zhType(type: string): string {
  return type
    .split(',')
    .map((t) => ZH_TYPES[t] ?? q(t))
    .join('或');
}

function enExpected(e: Expected): string {
  switch (e.kind) {
    case 'type':
      return e.type === 'null' ? 'null' : `a${/^[aeiou]/.test(e.type) ? 'n' : ''} ${e.type}`;
    case 'const':
      return JSON.stringify(e.value);
    case 'enum':
      return `one of ${e.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'other':
      return `something that ${e.fault.message ?? 'is valid'}`;
  }
}

/** A value a schema names, in a Chinese sentence: a string quoted “so”, anything else as JSON. */
const zhValue = (v: MessageValue) => (typeof v === 'string' ? q(v) : JSON.stringify(v));

function zhExpected(e: Expected): string {
  switch (e.kind) {
    case 'type':
      return zhType(e.type);
    case 'const':
      return zhValue(e.value);
    case 'enum':
      return `${e.values.map(zhValue).join('、')}之一`;
    case 'other':
      return `满足“${zhFault(e.fault)}”的值`;
  }
}

/** Chinese for an ajv fault: ours where ajv-i18n's would keep an English word or a bare symbol, else ajv-i18n's. */
export function zhFault(f: AjvFault): string {
  const p = f.params;
  switch (f.keyword) {
    case 'type':
      return `必须是${zhType(String(p.type))}`;
    case 'maximum':
      return `不得大于 ${String(p.limit)}`;
    case 'exclusiveMaximum':
      return `必须小于 ${String(p.limit)}`;
    case 'minimum':
      return `不得小于 ${String(p.limit)}`;
    case 'exclusiveMinimum':
      return `必须大于 ${String(p.limit)}`;
    case 'false schema':
      return '此处不允许有值';
    case 'not':
      return '不得是此处禁止的值';
    case 'oneOf':
      return '必须恰好符合其中一种写法';
    default: {
      const e = { keyword: f.keyword, params: { ...p }, message: f.message ?? undefined } as ErrorObject;
      localizeZh([e]);
      return e.message ?? '不符合要求';
    }
  }
}

/** The schema messages, by key. */
export const SCHEMA_MESSAGES = {
  'schema.unknown_field': texts<object>(
    () => 'unknown field',
    () => '未知字段',
  ),
  'schema.required': texts<object>(
    () => 'required field missing',
    () => '缺少必填字段',
  ),
  'schema.must_be': texts<{ expected: readonly Expected[] }>(
    (v) => `must be ${v.expected.map(enExpected).join(' or ')}`,
    (v) => `必须是${v.expected.map(zhExpected).join('或')}`,
  ),
  'schema.not_valid_here': texts<object>(
    () => 'is not valid here',
    () => '此处的值不符合要求',
  ),
  'schema.pattern': texts<{ pattern: string }>(
    (v) => `must match ${v.pattern}`,
    (v) => `必须符合格式 ${q(v.pattern)}`,
  ),
  'schema.format': texts<{ format: string }>(
    (v) => `must be a valid ${v.format}`,
    (v) => `必须是有效的${FORMATS[v.format] ?? q(v.format)}`,
  ),
  'schema.ajv': texts<AjvFault>(
    (v) => v.message ?? 'is not valid',
    (v) => zhFault(v),
  ),
  'schema.not_valid': texts<object>(
    () => 'is not valid',
    () => '不符合要求',
  ),
} as const;

const FORMATS: Record<string, string> = {
  'date-time': `日期时间（RFC 3339，如 ${q('2024-01-01T00:00:00Z')}）`,
  date: `日期（如 ${q('2024-01-01')}）`,
  uri: '网址',
};

export type { Nested };
