// Safe YAML reading shared by filings and rules: duplicate keys, aliases and anchors are refused, positions kept.

import { LineCounter, parseDocument, isAlias, isMap, isScalar, isSeq, type Document } from 'yaml';
import { yamlDepth } from './yaml-depth.js';

/** Deepest nesting of maps and sequences accepted in any YAML text (filings, rules, parameters, waivers). */
export const MAX_YAML_DEPTH = 64;

/** A YAML syntax problem with its 1-based line and column (and JSON pointer, when it is about a key or node). */
export interface YamlProblem {
  message: string;
  line: number;
  column: number;
  pointer?: string;
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
 * Parses YAML text safely. Aliases are refused outright (a rule or filing never needs one, and
 * refusing them removes the "billion laughs" class of attack); duplicate keys are errors.
 */
export function parseYaml(text: string): { ok: true; doc: ParsedYaml } | { ok: false; problems: YamlProblem[] } {
  // the parser recurses once per level: deeper text is refused before it gets there
  if (yamlDepth(text, MAX_YAML_DEPTH) > MAX_YAML_DEPTH) {
    return {
      ok: false,
      problems: [{ message: `nested deeper than ${MAX_YAML_DEPTH} levels`, line: 1, column: 1 }],
    };
  }
  const lineCounter = new LineCounter();
  let doc: Document.Parsed;
  try {
    // uniqueKeys off: the library compares every key with every other (quadratic: a minute for a
    // 1 MiB map); checkNodes finds duplicates with one Set per map instead
    doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false, strict: true });
  } catch (e) {
    return { ok: false, problems: [{ message: notYaml(e), line: 1, column: 1 }] };
  }
  const at = (offset: number) => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const problems: YamlProblem[] = doc.errors.map((e) => ({
    // the library's words name its own API for this one; a reader needs to know what to change
    message: e.code === 'MULTIPLE_DOCS' ? 'more than one YAML document (a second --- line): give one document per file or body' : e.message.split('\n')[0]!,
    ...at(e.pos[0]),
  }));
  if (problems.length === 0) problems.push(...checkNodes(doc.contents, at));
  if (problems.length > 0) return { ok: false, problems };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 0 });
  } catch (e) {
    return { ok: false, problems: [{ message: notYaml(e), line: 1, column: 1 }] };
  }
  return {
    ok: true,
    doc: {
      value,
      position(pointer: string, opts: { key?: boolean } = {}) {
        let node: unknown = doc.contents;
        let best: { line: number; column: number } = { line: 1, column: 1 };
        const path = pointerToPath(pointer);
        for (const [n, seg] of path.entries()) {
          if (isMap(node)) {
            const pair = node.items.find((it) => isScalar(it.key) && String(it.key.value) === String(seg));
            if (!pair) break;
            const key = pair.key as { range?: [number, number, number] };
            const value = pair.value as { range?: [number, number, number] } | null;
            const last = n === path.length - 1;
            if (last && !opts.key && value?.range) best = at(value.range[0]);
            else if (key.range) best = at(key.range[0]);
            node = pair.value;
          } else if (isSeq(node) && typeof seg === 'number' && node.items[seg] !== undefined) {
            node = node.items[seg];
            const r = (node as { range?: [number, number, number] }).range;
            if (r) best = at(r[0]);
          } else break;
        }
        return best;
      },
    },
  };
}

/**
 * Walks the document (with its own stack: depth is bounded before, but a walk need not rely on it)
 * and returns what YAML allows but filings and rules must not have: duplicate keys (named by their
 * JSON pointer), keys that are collections, anchors and aliases.
 */
function checkNodes(root: unknown, at: (offset: number) => { line: number; column: number }): YamlProblem[] {
  const problems: YamlProblem[] = [];
  const where = (node: unknown) => at((node as { range?: [number, number, number] } | null)?.range?.[0] ?? 0);
  const stack: [unknown, string][] = [[root, '']];
  while (stack.length > 0) {
    const [node, pointer] = stack.pop()!;
    if (isAlias(node)) {
      problems.push({ message: 'aliases are not allowed', ...where(node), pointer });
      continue;
    }
    if ((node as { anchor?: string } | null)?.anchor) {
      problems.push({ message: 'anchors are not allowed', ...where(node), pointer });
    }
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        if (!isScalar(pair.key)) {
          // a key that is itself a map or sequence has no JSON form
          problems.push({ message: 'a key must be a plain value, not a map or sequence', ...where(pair.key), pointer });
          continue;
        }
        if ((pair.key as { anchor?: string }).anchor) {
          problems.push({ message: 'anchors are not allowed', ...where(pair.key), pointer });
        }
        const key = String(pair.key.value);
        const child = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        if (seen.has(key)) {
          problems.push({ message: `duplicate key ${JSON.stringify(key)}`, ...where(pair.key), pointer: child });
        }
        seen.add(key);
        stack.push([pair.value, child]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => stack.push([item, `${pointer}/${i}`]));
    }
  }
  // in document order, as a reader fixes them
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}

/**
 * The words for a parser that gave up. The depth scan stops deep text before the parser sees it; should
 * the parser still run out of stack, the answer says so in words, never with the engine's message.
 */
function notYaml(e: unknown): string {
  return e instanceof RangeError ? `nested deeper than ${MAX_YAML_DEPTH} levels` : `not YAML: ${(e as Error).message}`;
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
