// Filing text → value: JSON or YAML, format detection, and located parse errors.

import { describe, expect, it } from 'vitest';
import { ComplianceError } from '../../src/errors.js';
import { detectFormat, parseFilingText } from '../../src/filing/parse.js';

function parseError(text: string, source: string): ComplianceError {
  try {
    parseFilingText(text, source);
  } catch (e) {
    expect(e).toBeInstanceOf(ComplianceError);
    return e as ComplianceError;
  }
  throw new Error('expected a parse error');
}

describe('detectFormat', () => {
  it.each([
    ['a.json', 'x: 1', 'json'],
    ['a.ndjson', 'x: 1', 'json'],
    ['a.JSON', 'x: 1', 'json'],
    ['a.yaml', '{"x": 1}', 'yaml'],
    ['a.yml', '{"x": 1}', 'yaml'],
    ['stdin', '  {"x": 1}', 'json'],
    ['stdin', 'x: 1', 'yaml'],
    ['a.txt', '\n{"x": 1}', 'json'],
  ])('%s starting %j is %s', (source, text, format) => {
    expect(detectFormat(source, text)).toBe(format);
  });
});

describe('parseFilingText', () => {
  it('parses JSON and YAML to the same value; YAML dates stay strings', () => {
    const fromJson = parseFilingText(
      '{"period": {"start": "2021-06-16"}, "n": 1.5, "ok": true, "none": null}',
      'a.json',
    );
    const fromYaml = parseFilingText(
      'period: { start: 2021-06-16 }\nn: 1.5\nok: true\nnone: null\n',
      'a.yaml',
    );
    expect(fromYaml).toEqual(fromJson);
  });

  it.each<[string, string, number, number]>([
    ['a missing value at the end of line 3', '{\n  "a": 1\n  "b": 2\n}', 3, 3],
    ['a trailing comma on line 3', '\n\n   {"a":1,}', 3, 11],
    ['an unclosed object', '{\n "a": 1\n', 3, 1],
  ])('a JSON error (%s) has its line and column', (_name, text, line, column) => {
    const e = parseError(text, 'bad.json');
    expect(e.code).toBe('filing_parse_error');
    expect(e.problems).toEqual([
      expect.objectContaining({ code: 'filing_parse_error', file: 'bad.json', line, column }),
    ]);
  });

  it.each<[string, string, number, number]>([
    ['an unexpected } on line 3', '{\n  "a": 1,\n  "b": }\n', 3, 8],
    ['a bare word on line 2', '{\n  "a": tru\n}', 2, 8],
  ])('a JSON error (%s) has its line and column', (_name, text, line, column) => {
    const e = parseError(text, 'bad.json');
    expect(e.problems).toEqual([expect.objectContaining({ code: 'filing_parse_error', line, column })]);
  });

  it.each<[string, string, number]>([
    ['a duplicate key', 'a: 1\nb: 2\na: 3\n', 3],
    ['an anchor and an alias', 'a: &x 1\nb: *x\n', 1],
    ['an unclosed flow list', 'a: 1\nb: [1, 2\n', 3],
  ])('YAML with %s is a located filing_parse_error', (_name, text, line) => {
    const e = parseError(text, 'bad.yaml');
    expect(e.code).toBe('filing_parse_error');
    expect(e.problems.length).toBeGreaterThan(0);
    expect(e.problems.every((p) => p.code === 'filing_parse_error' && p.file === 'bad.yaml')).toBe(true);
    expect(Math.min(...e.problems.map((p) => p.line ?? 0))).toBeGreaterThanOrEqual(line - 1);
    expect(e.problems[0]!.line).toBeGreaterThan(0);
    expect(e.problems[0]!.column).toBeGreaterThan(0);
  });

  it('places a duplicate YAML key at the duplicate', () => {
    const e = parseError('a: 1\nb: 2\na: 3\n', 'bad.yaml');
    expect(e.problems[0]).toMatchObject({ line: 3, column: 1 });
  });

  it('refuses both the anchor and the alias, each at its place', () => {
    const e = parseError('a: &x 1\nb: *x\n', 'bad.yaml');
    expect(e.problems.map((p) => [p.line, p.column])).toEqual([
      [1, 7],
      [2, 4],
    ]);
  });
});

describe('a byte-order mark', () => {
  it.each([
    ['JSON', 'a.json', '\uFEFF{"a": 1}'],
    ['JSON without a name', 'stdin', '\uFEFF{"a": 1}'],
    ['YAML', 'a.yaml', '\uFEFFa: 1\n'],
  ])('is ignored before %s', (_name, source, text) => {
    expect(parseFilingText(text, source)).toEqual({ a: 1 });
  });
});

describe('an empty document', () => {
  it.each([
    ['', 'request body', 'json'],
    [' \n\t', 'request body', 'json'],
    ['\uFEFF', 'a.json', 'json'],
    ['', 'request body', 'yaml'],
    ['# only a comment\n\n---\n', 'a.yaml', 'yaml'],
  ] as const)('%j (%s as %s) is refused as empty, not as "must be object"', (text, source, format) => {
    let error: unknown;
    try {
      parseFilingText(text, source, format);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ComplianceError);
    const problem = (error as ComplianceError).problems[0]!;
    expect(problem.code).toBe('filing_parse_error');
    expect(problem.message).toMatch(/^the document is empty/);
  });

  it('a YAML null or a document after comments is still parsed', () => {
    expect(parseFilingText('null\n', 'a.yaml')).toBeNull();
    expect(parseFilingText('# c\nx: 1\n', 'a.yaml')).toEqual({ x: 1 });
  });
});
