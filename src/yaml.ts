// Safe YAML reading shared by filings and rules: depth, nodes and aliases bounded before parsing, duplicate keys,
// aliases and anchors refused, positions kept (as plain data, so a worker thread can parse and send them back).

import { LineCounter, parseDocument, isAlias, isMap, isScalar, isSeq, type Document } from 'yaml';
import { say, type Message } from './messages/index.js';
import type { YamlSubject } from './messages/yaml.js';
import { MAX_YAML_ALIASES, MAX_YAML_NODES, yamlShape, type YamlShape } from './yaml-depth.js';

export { MAX_YAML_ALIASES, MAX_YAML_NODES } from './yaml-depth.js';

/** Deepest nesting of maps and sequences accepted in any YAML text (filings, rules, parameters, waivers). */
export const MAX_YAML_DEPTH = 64;

/** Every bound of the pre-scan, as `yamlShape` takes them. */
export const YAML_LIMITS = { depth: MAX_YAML_DEPTH, nodes: MAX_YAML_NODES, aliases: MAX_YAML_ALIASES } as const;

/** A YAML syntax problem with its 1-based line and column (and JSON pointer, when it is about a key or node). */
export interface YamlProblem {
  /** In English; `msg` is the same message as data, for any language. */
  message: string;
  msg: Message;
  line: number;
  column: number;
  pointer?: string;
  /** Set when the text is refused for its size in nodes or aliases rather than for what it says. */
  limit?: 'nodes' | 'aliases';
}

/**
 * Where each key and value of a parsed document starts, by JSON pointer: `at` holds four numbers per
 * pointer (the key's line and column, the value's line and column; 0 where there is none). Plain data, so
 * it crosses from a worker thread as it is.
 */
export interface PositionTable {
  pointers: string[];
  at: Int32Array;
}

/** A parse as plain data: the value with its positions, or every problem found. */
/** A number as written in YAML (longer than 15 characters: what a precision check may need to read). */
export interface YamlNumberLiteral {
  pointer: string;
  literal: string;
  line: number;
  column: number;
}

export type YamlParse =
  | { ok: true; value: unknown; positions: PositionTable; longNumbers: YamlNumberLiteral[] }
  | { ok: false; problems: YamlProblem[] };

/**
 * The problem of a pre-scan over its limit in nodes or aliases: words naming the limit and the line where
 * the count passed it, located there. `subject` names the text ("the YAML", "the body's YAML").
 */
export function tooComplexProblem(shape: YamlShape, text: string, subject: YamlSubject = 'the YAML'): YamlProblem {
  const at = lineColumn(text, shape.at);
  const over = shape.over === 'aliases' ? 'aliases' : 'nodes';
  return {
    ...say('yaml.too_complex', { subject, over, limit: over === 'aliases' ? MAX_YAML_ALIASES : MAX_YAML_NODES, line: at.line }),
    ...at,
    limit: shape.over === 'aliases' ? 'aliases' : 'nodes',
  };
}

/** The bounds problem of YAML text, or null when its depth, nodes and aliases are within the limits. */
export function yamlBoundsProblem(text: string): YamlProblem | null {
  const shape = yamlShape(text, YAML_LIMITS);
  if (shape.over === null) return null;
  // the parser recurses once per level: deeper text is refused before it gets there
  if (shape.over === 'depth') return { ...say('yaml.too_deep', { max: MAX_YAML_DEPTH }), line: 1, column: 1 };
  return tooComplexProblem(shape, text);
}

/** 1-based line and column of a character offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

/** A parsed YAML document with a way back from a JSON pointer to a source position. */
export interface ParsedYaml {
  value: unknown;
  /**
   * Line and column of the value a JSON pointer names (of its key with `key: true`, as for an unknown
   * field), or of its nearest existing ancestor.
   */
  position(pointer: string, opts?: { key?: boolean }): { line: number; column: number };
}

/**
 * Parses YAML text safely. Text deeper than 64 levels, with more than 100,000 nodes or more than 1,000
 * aliases is refused before the parser sees it; aliases are refused outright (a rule or filing never
 * needs one, and refusing them removes the "billion laughs" class of attack); duplicate keys are errors.
 * @example parseYaml('a: [1, 2]') // → { ok: true, doc: { value: { a: [1, 2] }, position } }
 */
export function parseYaml(text: string): { ok: true; doc: ParsedYaml } | { ok: false; problems: YamlProblem[] } {
  return withPositions(preparsed.get(text) ?? parseYamlPlain(text));
}

/**
 * Texts parsed ahead, off the event loop (`preparseYaml` in src/yaml-worker-pool.ts), for the
 * synchronous readers that come next (a proposal's lint reads its rule file twice): a handful, the
 * latest kept, so a request's large texts are parsed once and never on the loop.
 */
const preparsed = new Map<string, YamlParse>();
const PREPARSED_KEPT = 4;

/** Keeps a parse made elsewhere for `parseYaml` to use on the same text. */
export function rememberParse(text: string, parsed: YamlParse): void {
  preparsed.delete(text);
  preparsed.set(text, parsed);
  while (preparsed.size > PREPARSED_KEPT) preparsed.delete(preparsed.keys().next().value!);
}

/** A plain parse (as `parseYamlPlain` or a worker thread gives it) with its way back from a pointer to a position. */
export function withPositions(parsed: YamlParse): { ok: true; doc: ParsedYaml } | { ok: false; problems: YamlProblem[] } {
  if (!parsed.ok) return parsed;
  const { pointers, at } = parsed.positions;
  let index: Map<string, number> | null = null;
  return {
    ok: true,
    doc: {
      value: parsed.value,
      position(pointer: string, opts: { key?: boolean } = {}) {
        // built on the first question: a document that is never asked about never pays for it
        index ??= new Map(pointers.map((p, i) => [p, i]));
        const path = pointerToPath(pointer);
        // the deepest key or entry on the way that exists: the value itself only when it is the whole way
        for (let n = path.length; n > 0; n--) {
          const i = index.get(pathToPointer(path.slice(0, n)));
          if (i === undefined) continue;
          const value = n === path.length && !opts.key && at[4 * i + 2]! > 0;
          return value ? { line: at[4 * i + 2]!, column: at[4 * i + 3]! } : { line: at[4 * i]!, column: at[4 * i + 1]! };
        }
        return { line: 1, column: 1 };
      },
    },
  };
}

/** Parses YAML text safely (as {@link parseYaml}) into plain data: what a worker thread sends back. */
export function parseYamlPlain(text: string): YamlParse {
  const bounds = yamlBoundsProblem(text);
  if (bounds) return { ok: false, problems: [bounds] };
  const lineCounter = new LineCounter();
  let doc: Document.Parsed;
  try {
    // uniqueKeys off: the library compares every key with every other (quadratic: a minute for a
    // 1 MiB map); checkNodes finds duplicates with one Set per map instead
    doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false, strict: true });
  } catch (e) {
    return { ok: false, problems: [{ ...notYaml(e), line: 1, column: 1 }] };
  }
  const at = (offset: number) => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const problems: YamlProblem[] = doc.errors.map((e) => ({
    // the library's words name its own API for this one; a reader needs to know what to change; the
    // others are its first line in English, and in another language our words for its error code
    ...(e.code === 'MULTIPLE_DOCS' ? say('yaml.multiple_docs', {}) : say('yaml.library', { code: e.code, detail: e.message.split('\n')[0]! })),
    ...at(e.pos[0]),
  }));
  const positions: { pointers: string[]; at: number[] } = { pointers: [], at: [] };
  const longNumbers: YamlNumberLiteral[] = [];
  if (problems.length === 0) problems.push(...checkNodes(doc.contents, at, positions, longNumbers));
  if (problems.length > 0) return { ok: false, problems };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 0 });
  } catch (e) {
    return { ok: false, problems: [{ ...notYaml(e), line: 1, column: 1 }] };
  }
  return { ok: true, value, positions: { pointers: positions.pointers, at: Int32Array.from(positions.at) }, longNumbers };
}

/**
 * Walks the document (with its own stack: depth is bounded before, but a walk need not rely on it)
 * and returns what YAML allows but filings and rules must not have: duplicate keys (named by their
 * JSON pointer), keys that are collections, anchors and aliases. Fills `positions` on the way: each
 * map key with its value, each sequence entry (its start is both); and `longNumbers`.
 */
function checkNodes(
  root: unknown,
  at: (offset: number) => { line: number; column: number },
  positions: { pointers: string[]; at: number[] },
  longNumbers: YamlNumberLiteral[],
): YamlProblem[] {
  const problems: YamlProblem[] = [];
  const rangeOf = (node: unknown) => (node as { range?: [number, number, number] } | null)?.range;
  const where = (node: unknown) => at(rangeOf(node)?.[0] ?? 0);
  const place = (pointer: string, key: unknown, value: unknown) => {
    const k = where(key);
    const r = rangeOf(value);
    const v = r ? at(r[0]) : { line: 0, column: 0 };
    positions.pointers.push(pointer);
    positions.at.push(k.line, k.column, v.line, v.column);
  };
  const stack: [unknown, string][] = [[root, '']];
  while (stack.length > 0) {
    const [node, pointer] = stack.pop()!;
    if (isAlias(node)) {
      problems.push({ ...say('yaml.alias', {}), ...where(node), pointer });
      continue;
    }
    // a number is read as the nearest double: one written with more characters than a double's 15
    // digits could hold is kept as written, for whoever must refuse it (a filing's figures, DESIGN §3)
    if (isScalar(node) && typeof node.value === 'number' && typeof node.source === 'string' && node.source.length > 15) {
      longNumbers.push({ pointer, literal: node.source, ...where(node) });
    }
    if ((node as { anchor?: string } | null)?.anchor) {
      problems.push({ ...say('yaml.anchor', {}), ...where(node), pointer });
    }
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        if (!isScalar(pair.key)) {
          // a key that is itself a map or sequence has no JSON form
          problems.push({ ...say('yaml.collection_key', {}), ...where(pair.key), pointer });
          continue;
        }
        if ((pair.key as { anchor?: string }).anchor) {
          problems.push({ ...say('yaml.anchor', {}), ...where(pair.key), pointer });
        }
        const key = String(pair.key.value);
        const child = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        if (seen.has(key)) {
          problems.push({ ...say('yaml.duplicate_key', { key }), ...where(pair.key), pointer: child });
        }
        seen.add(key);
        place(child, pair.key, pair.value);
        stack.push([pair.value, child]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        const child = `${pointer}/${i}`;
        place(child, item, item);
        stack.push([item, child]);
      });
    }
  }
  // in document order, as a reader fixes them
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}

/**
 * The words for a parser that gave up. The depth scan stops deep text before the parser sees it; should
 * the parser still run out of stack, the answer says so in words, never with the engine's message.
 */
function notYaml(e: unknown): { message: string; msg: Message } {
  return e instanceof RangeError ? say('yaml.too_deep', { max: MAX_YAML_DEPTH }) : say('yaml.not_yaml', { detail: (e as Error).message });
}

/** `/a/0/b~1c` → `['a', 0, 'b/c']` (numbers for array indices). */
export function pointerToPath(pointer: string): (string | number)[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^(0|[1-9]\d*)$/.test(s) ? Number(s) : s));
}

/** `['a', 0, 'b/c']` → `/a/0/b~1c`. */
export function pathToPointer(path: readonly (string | number)[]): string {
  return path.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}
