// The message catalogue (src/messages): every audit action, problem code, YAML fault and JSON fault has words in
// both languages, the Chinese without English; ajv's faults through ajv-i18n and ours; English as it always was.

import type { ErrorCode as YamlErrorCode } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ComplianceError, formatProblem, formatProblemIn, type ErrorCode } from '../../src/errors.js';
import { readFiling } from '../../src/filing/validate.js';
import { HTTP_CODES, problemTitle, toProblem } from '../../src/http/errors.js';
import { auditActionLabel, inLanguage, render, say } from '../../src/messages/index.js';
import { zhJsonFault } from '../../src/messages/filing.js';
import { zhFault } from '../../src/messages/schema.js';
import { zhYamlFault } from '../../src/messages/yaml.js';
import { createAjv, check } from '../../src/schema.js';
import type { AuditAction } from '../../src/store/types.js';
import { englishWords } from '../support/english-words.js';
import { makeDocument } from '../support/filing-factory.js';

/** Every audit action: a new one fails to compile here until it is listed (and labelled). */
const ACTIONS: Record<AuditAction, true> = {
  seed: true,
  'publish-rule': true,
  'delete-rule': true,
  'publish-parameters': true,
  'publish-waivers': true,
  rollback: true,
  'token-create': true,
  'token-revoke': true,
  'order-open': true,
  'order-move': true,
  'order-close': true,
};

/** The English titles every answer has always had: the status's reason phrase. */
const REASON: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Every core code, with the status it has over HTTP (a new one fails to compile until listed). */
const CORE: Record<ErrorCode, number> = {
  filing_parse_error: 400,
  filing_invalid: 422,
  supersedes_cycle: 409,
  number_too_precise: 422,
  schema_retired: 422,
  rule_parse_error: 422,
  rule_schema_error: 422,
  rule_too_large: 422,
  rule_lint_error: 422,
  rule_test_failed: 422,
  usage_error: 400,
  store_conflict: 409,
  store_not_found: 404,
  eval_fact_error: 500,
};

/** Every error code of the `yaml` library. */
const YAML_CODES: Record<YamlErrorCode, true> = {
  ALIAS_PROPS: true,
  BAD_ALIAS: true,
  BAD_DIRECTIVE: true,
  BAD_DQ_ESCAPE: true,
  BAD_INDENT: true,
  BAD_PROP_ORDER: true,
  BAD_SCALAR_START: true,
  BLOCK_AS_IMPLICIT_KEY: true,
  BLOCK_IN_FLOW: true,
  DUPLICATE_KEY: true,
  IMPOSSIBLE: true,
  KEY_OVER_1024_CHARS: true,
  MISSING_CHAR: true,
  MULTILINE_IMPLICIT_KEY: true,
  MULTIPLE_ANCHORS: true,
  MULTIPLE_DOCS: true,
  MULTIPLE_TAGS: true,
  NON_STRING_KEY: true,
  RESOURCE_EXHAUSTION: true,
  TAB_AS_INDENT: true,
  TAG_RESOLVE_FAILED: true,
  UNEXPECTED_TOKEN: true,
  BAD_COLLECTION_TYPE: true,
};

describe('audit action labels', () => {
  it.each(Object.keys(ACTIONS))('%s has a label in both languages', (action) => {
    expect(auditActionLabel(action, 'en')).not.toBe(action);
    expect(auditActionLabel(action, 'zh')).not.toBe(action);
    expect(englishWords(auditActionLabel(action, 'zh'))).toEqual([]);
  });
});

describe('problem titles', () => {
  const codes: [string, number][] = [...Object.entries(HTTP_CODES), ...Object.entries(CORE)];
  it.each(codes)('%s: the English title is its status’s reason phrase, the Chinese one has no English', (code, status) => {
    expect(problemTitle(code, 'en')).toBe(REASON[status]);
    expect(englishWords(problemTitle(code, 'zh'))).toEqual([]);
  });

  it('a 500 never tells its message, in either language', () => {
    for (const lang of ['en', 'zh'] as const) {
      const { doc, unexpected } = toProblem(new Error('secret stack detail'), lang);
      expect(unexpected).toBe(true);
      expect(JSON.stringify(doc)).not.toContain('secret');
    }
    expect(toProblem(new Error('x')).doc.detail).toBe('the service failed to answer; the error is logged');
  });
});

describe('the yaml library’s faults, by code', () => {
  it.each(Object.keys(YAML_CODES))('%s has Chinese words of its own', (code) => {
    const zh = zhYamlFault(code, 'Some message the library gives');
    expect(zh).not.toBe('YAML 语法错误');
    expect(englishWords(zh)).toEqual([]);
  });
});

describe('V8’s JSON faults', () => {
  it.each(['{x', '{"a":1,}', '{"a" 1}', '{"a":1 "b"}', '[1 2]', '{"a":"x', '"a\u0001"', '"\\q"', '{} x', '-', '1e', '1.', '', '{"a":1', '"\\u12"', '[1,]', '01'])(
    '%j reads in Chinese without V8’s English',
    (text) => {
      let message = '';
      try {
        JSON.parse(text);
      } catch (e) {
        message = (e as Error).message;
      }
      const zh = zhJsonFault(message);
      expect(zh, message).not.toBe('语法错误');
      expect(englishWords(zh)).toEqual([]);
    },
  );
});

describe('schema faults', () => {
  const ajv = createAjv();
  const schema = {
    type: 'object',
    additionalProperties: false,
    required: ['name'],
    properties: {
      name: { type: 'string', minLength: 2, maxLength: 3, pattern: '^[a-z]+$' },
      tags: { type: 'array', minItems: 1, maxItems: 2, uniqueItems: true },
      rate: { type: 'number', minimum: 0, maximum: 1, multipleOf: 0.5 },
      n: { type: 'integer', exclusiveMinimum: 0, exclusiveMaximum: 10 },
      at: { type: 'string', format: 'date-time' },
      kind: { enum: ['a', 'b'] },
      one: { const: 1 },
      either: { anyOf: [{ type: 'string' }, { type: 'null' }] },
      not: { not: { type: 'string' } },
    },
  };
  const validate = ajv.compile(schema);
  const cases: [string, unknown][] = [
    ['too short, wrong pattern', { name: 'A' }],
    ['too long', { name: 'abcd' }],
    ['items', { name: 'ab', tags: [] }],
    ['too many, repeated items', { name: 'ab', tags: [1, 1, 1] }],
    ['bounds', { name: 'ab', rate: 1.7, n: 10 }],
    ['below', { name: 'ab', rate: -1, n: 0 }],
    ['format, enum, const, union, not', { name: 'ab', at: 'yesterday', kind: 'c', one: 2, either: 3, not: 'x' }],
    ['missing and unknown', { other: 1 }],
    ['wrong type', 'a string'],
  ];
  it.each(cases)('%s: English as ajv or we say it, Chinese without English', (_name, value) => {
    const problems = check(validate, value);
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) {
      expect(render(p.msg, 'en')).toBe(p.message);
      expect(englishWords(render(p.msg, 'zh')), `${p.pointer} ${p.message}: ${render(p.msg, 'zh')}`).toEqual([]);
    }
  });

  it('keeps the English it always gave', () => {
    const messages = check(validate, { name: 'A', rate: 2, kind: 'c', either: 3, extra: 1 }).map((p) => `${p.pointer} ${p.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        '/extra unknown field',
        '/name must NOT have fewer than 2 characters',
        '/name must match ^[a-z]+$',
        '/rate must be <= 1',
        '/kind must be one of "a", "b"',
        '/either must be a string or null',
      ]),
    );
  });

  it('ajv-i18n words the keywords we do not (its Chinese for maxLength)', () => {
    expect(zhFault({ keyword: 'maxLength', params: { limit: 3 }, message: 'must NOT have more than 3 characters' })).toBe('不应多于 3 个字符');
  });
});

describe('say, render and the edge', () => {
  it('renders a nested message in the language asked for', () => {
    const inner = say('schema.ajv', { keyword: 'type', params: { type: 'number' }, message: 'must be number' });
    const outer = say('rules.params', { fact: 'feesOverCap', field: 'cap', problem: inner.msg });
    expect(outer.message).toBe('params of feesOverCap: cap must be number');
    expect(render(outer.msg, 'zh')).toBe('事实 “feesOverCap” 的参数 “cap” 必须是数值');
  });

  it('an unknown key reads as the key, never throws', () => {
    expect(render({ key: 'no.such.key', values: {} }, 'zh')).toBe('no.such.key');
  });

  it('inLanguage drops the key and values and keeps English as made', () => {
    const p = { code: 'x', ...say('http.no_filing', { id: 'f-1' }), pointer: '/a' };
    expect(inLanguage(p, 'en')).toEqual({ code: 'x', message: 'no filing f-1', pointer: '/a' });
    expect(inLanguage(p, 'zh')).toEqual({ code: 'x', message: '没有报送材料 “f-1”', pointer: '/a' });
  });

  it('formatProblem stays English; formatProblemIn words a filing’s problems in Chinese', () => {
    let err: ComplianceError | undefined;
    try {
      readFiling(JSON.stringify(makeDocument({ '/extra': 1, '/period/start': '2021-02-30' })), 'a.json');
    } catch (e) {
      err = e as ComplianceError;
    }
    expect(err).toBeInstanceOf(ComplianceError);
    expect(err!.problems.map(formatProblem)).toEqual(['a.json /extra: unknown field [filing_invalid]', 'a.json /period/start: 2021-02-30 is not a calendar date [filing_invalid]']);
    expect(err!.problems.map(formatProblemIn('zh'))).toEqual(['a.json /extra: 未知字段 [filing_invalid]', 'a.json /period/start: 2021-02-30 不是实际存在的日期 [filing_invalid]']);
  });
});
