// Filing text → value: JSON or YAML, chosen by the source name or by the first character.

import { ComplianceError } from '../errors.js';
import { say } from '../messages/index.js';
import { parseYamlPlain, type YamlParse } from '../yaml.js';
import { jsonErrorOffset, quickJsonCheck, scanJsonText } from './json-error.js';

/** What the exact scan finds in text that cannot repeat a key or hold an over-precise number. */
const NOTHING_FOUND = { duplicate: null, numbers: [] } as const;
import { MAX_SIGNIFICANT_DIGITS, precisionSaid, tooPrecise } from './precision.js';

export type FilingFormat = 'json' | 'yaml';

/** Picks JSON for `.json`/`.ndjson` names, YAML for `.yaml`/`.yml`, else by whether the text starts with `{`. */
export function detectFormat(source: string, text: string): FilingFormat {
  if (/\.(nd)?json$/i.test(source)) return 'json';
  if (/\.ya?ml$/i.test(source)) return 'yaml';
  return /^\uFEFF?\s*\{/.test(text) ? 'json' : 'yaml';
}

/** Whether a text holds no document at all: nothing but white space (and, in YAML, comments and markers). */
function isBlankDocument(text: string, format: FilingFormat): boolean {
  if (format === 'json') return /^\s*$/.test(text);
  return text.split(/\r?\n/).every((line) => /^\s*(#.*)?$/.test(line) || /^(---|\.\.\.)\s*(#.*)?$/.test(line));
}

/** V8's JSON message without its quoted excerpt and offset (the line and column say where). */
function tidy(msg: string): string {
  return msg
    .replace(/, (\.\.\.)?".*"(\.\.\.)? is not valid JSON$/s, '')
    .replace(/ in JSON at position \d+.*$/s, '')
    .replace(/^JSON\.parse: /, '')
    .replace(/\r/g, '\\r')
    .replace(/\n/g, '\\n');
}

/** Line and column (1-based) of a character offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, column: offset - last };
}

/** The refusal of numbers written more precisely than they can be compared (DESIGN §3), each at its pointer. */
function impreciseNumbers(found: readonly { pointer: string; literal: string; line: number; column: number }[], source: string): ComplianceError {
  return new ComplianceError(
    'filing_invalid',
    found.map((n) => ({ code: 'number_too_precise' as const, ...precisionSaid(n.literal), pointer: n.pointer, file: source, line: n.line, column: n.column })),
  );
}

/**
 * The text a parser is to read: without a byte-order mark (an editor's habit, not content). An empty
 * document (or a YAML file of comments only) is refused here as empty, never as "/: must be object".
 */
export function filingTextToParse(input: string, source: string, format: FilingFormat): string {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  if (isBlankDocument(text, format)) {
    throw new ComplianceError('filing_parse_error', [{ code: 'filing_parse_error', ...say('filing.empty', {}), file: source }]);
  }
  return text;
}

/**
 * A YAML filing's parse (here or on a worker thread) as its value, or a `filing_parse_error` with
 * every problem located. A text refused for its size in nodes or aliases says so in its own words.
 */
export function filingFromYaml(parsed: YamlParse, source: string): unknown {
  if (!parsed.ok) {
    throw new ComplianceError(
      'filing_parse_error',
      parsed.problems.map((p) => ({ code: 'filing_parse_error' as const, ...(p.limit ? { message: p.message, msg: p.msg } : say('filing.not_yaml', { problem: p.msg })), file: source, line: p.line, column: p.column, ...(p.pointer === undefined ? {} : { pointer: p.pointer }) })),
    );
  }
  const imprecise = parsed.longNumbers.filter((n) => tooPrecise(n.literal));
  if (imprecise.length > 0) throw impreciseNumbers(imprecise, source);
  return parsed.value;
}

/**
 * Parses filing text as JSON or YAML. Throws a `filing_parse_error` naming the source, line and column.
 * @example parseFilingText('{"schemaVersion":1}', 'a.json') // → { schemaVersion: 1 }
 */
export function parseFilingText(input: string, source: string, format = detectFormat(source, input)): unknown {
  const text = filingTextToParse(input, source, format);
  if (format === 'json') {
    let value: unknown;
    try {
      value = JSON.parse(text) as unknown;
    } catch (e) {
      const msg = (e as Error).message;
      const pos = /position (\d+)/.exec(msg);
      const loc = lineColumn(text, pos ? Number(pos[1]) : jsonErrorOffset(text));
      throw new ComplianceError('filing_parse_error', [
        { code: 'filing_parse_error', ...say('filing.not_json', { detail: tidy(msg) }), file: source, ...loc },
      ]);
    }
    // JSON.parse keeps the last of two equal keys silently; YAML refuses them, and so does JSON here;
    // and it keeps the nearest double of a number, so one written more precisely is refused as written
    const quick = quickJsonCheck(text, value, MAX_SIGNIFICANT_DIGITS);
    const { duplicate: dup, numbers } = quick.repeat || quick.longNumber ? scanJsonText(text, quick.longNumber ? tooPrecise : undefined) : NOTHING_FOUND;
    if (dup) {
      throw new ComplianceError('filing_parse_error', [
        { code: 'filing_parse_error', ...say('filing.json_duplicate_key', { pointer: dup.pointer }), file: source, pointer: dup.pointer, ...lineColumn(text, dup.offset) },
      ]);
    }
    if (numbers.length > 0) throw impreciseNumbers(numbers.map((n) => ({ ...n, ...lineColumn(text, n.offset) })), source);
    return value;
  }
  return filingFromYaml(parseYamlPlain(text), source);
}
