// Safe YAML reading shared by filings and rules: duplicate keys, aliases and anchors are refused, positions kept.

import { LineCounter, parseDocument, isAlias, isMap, isScalar, isSeq, visit, type Document } from 'yaml';

/** A YAML syntax problem with its 1-based line and column. */
export interface YamlProblem {
  message: string;
  line: number;
  column: number;
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
  const lineCounter = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  } catch (e) {
    return { ok: false, problems: [{ message: `not YAML: ${(e as Error).message}`, line: 1, column: 1 }] };
  }
  const at = (offset: number) => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const problems: YamlProblem[] = doc.errors.map((e) => ({
    message: e.message.split('\n')[0]!,
    ...at(e.pos[0]),
  }));
  if (problems.length === 0) {
    visit(doc, {
      Alias(_key, node) {
        problems.push({ message: 'aliases are not allowed', ...at(node.range?.[0] ?? 0) });
      },
      Node(_key, node) {
        if (!isAlias(node) && node.anchor) {
          problems.push({ message: 'anchors are not allowed', ...at(node.range?.[0] ?? 0) });
        }
      },
    });
  }
  if (problems.length > 0) return { ok: false, problems };
  const value: unknown = doc.toJS({ maxAliasCount: 0 });
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
