// Safe YAML reading shared by filings and rules: duplicate keys, aliases and anchors are refused, positions kept.

import { LineCounter, parseDocument, isAlias, visit, type Document } from 'yaml';

/** A YAML syntax problem with its 1-based line and column. */
export interface YamlProblem {
  message: string;
  line: number;
  column: number;
}

/** A parsed YAML document with a way back from a JSON pointer to a source position. */
export interface ParsedYaml {
  value: unknown;
  /** Line and column of the node a JSON pointer names, or of its nearest existing ancestor. */
  position(pointer: string): { line: number; column: number };
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
      position(pointer: string) {
        const path = pointerToPath(pointer);
        for (let n = path.length; n >= 0; n--) {
          const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
          if (node && typeof node === 'object' && node.range) return at(node.range[0]);
          // a key's position is more useful than nothing when its value is missing
        }
        return { line: 1, column: 1 };
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
