// What YAML text would cost a parser, found in one pass over its characters before any parser runs: how deep it
// nests collections, how many nodes it has and how many aliases.

/** A block collection still open: the column its entries start at, and whether it is a sequence. */
interface Open {
  column: number;
  seq: boolean;
}

/** Most nodes (keys, values and collection entries) accepted in any YAML text: about what 1 MiB of JSON holds. */
export const MAX_YAML_NODES = 100_000;
/** Most aliases (`*name`) accepted in any YAML text before the parser sees it (filings and rules then refuse every one). */
export const MAX_YAML_ALIASES = 1_000;

/** Where a scan stops: as soon as one of these is passed. */
export interface YamlLimits {
  depth?: number;
  nodes?: number;
  aliases?: number;
}

/** What a scan found: the depth, nodes and aliases up to where it stopped, and which limit stopped it (and where). */
export interface YamlShape {
  depth: number;
  nodes: number;
  aliases: number;
  /** The limit passed, or null when the text was read to its end within every limit. */
  over: 'depth' | 'nodes' | 'aliases' | null;
  /** The character offset at which the count passed its limit (-1 when none was passed, or for depth). */
  at: number;
}

const SPACE = 32;
const NL = 10;
const CR = 13;
const TAB = 9;

/**
 * The nesting depth of YAML text (a scalar is 0, a map or sequence one more than its deepest
 * member), or the first depth over `stopAbove` as soon as it is reached. One pass, no recursion, no
 * allocation per character: what a body may cost before a parser (which recurses, and whose
 * duplicate-key check is quadratic) sees it. Block nesting is read from indentation and the `- `,
 * `? ` and `key:` indicators, flow nesting from brackets outside quotes and comments. For text the
 * YAML parser accepts it is exact for the layouts people and the `yaml` library write, and never
 * below the truth otherwise (a multi-line plain scalar may count one level too many).
 * @example yamlDepth('a:\n  - [1, {b: 2}]') // → 4
 */
export function yamlDepth(text: string, stopAbove = Infinity): number {
  return yamlShape(text, { depth: stopAbove }).depth;
}

/**
 * The depth (as {@link yamlDepth}), the nodes and the aliases of YAML text, read in the same one pass,
 * which stops as soon as one passes its limit (`at` then says where). Nodes are what the `yaml` library
 * builds: each scalar (a key, a value, an empty value), each collection and each alias, counted where a
 * node's place opens (a `- ` entry, a `key:` and its value, `? ` or `: `, a flow scalar, a nested
 * bracket) and one per document. For every layout the library writes the count equals what it builds;
 * for other text it accepts it is never below, and a little above for rare layouts (a `: ` value line
 * counts an empty key with it, a `---` before the first document one more root). Aliases are `*name`
 * where a node starts, outside quotes, comments and block scalars.
 * @example yamlShape('a: [1, 2]\nb: *x') // → { depth: 2, nodes: 7, aliases: 1, over: null, at: -1 }
 */
export function yamlShape(text: string, limits: YamlLimits = {}): YamlShape {
  const stopAbove = limits.depth ?? Infinity;
  const maxNodes = limits.nodes ?? Infinity;
  const maxAliases = limits.aliases ?? Infinity;
  const n = text.length;
  const blocks: Open[] = [];
  /** Open flow collections: 0 a map, 1 a sequence, 2 a sequence whose entry is a `key: value` pair (a map one deeper). */
  const flows: number[] = [];
  let pairs = 0;
  let deepest = 0;
  /** 0: not in a quoted scalar; else the quote character's code, carried across lines. */
  let quote = 0;
  /** In a block scalar (`|`, `>`): lines indented more than this column are its text. */
  let scalarAbove: number | null = null;
  let i = 0;
  /** One node for the first document's root; each further one is counted at its marker. */
  let nodes = 1;
  let aliases = 0;
  let over: YamlShape['over'] = null;
  let at = -1;

  const shape = (): YamlShape => ({ depth: deepest, nodes, aliases, over, at });
  const reach = (): boolean => {
    const d = blocks.length + flows.length + pairs;
    if (d > deepest) deepest = d;
    if (deepest > stopAbove) over = 'depth';
    return deepest > stopAbove;
  };
  /** Counts `k` nodes whose place opens at `j`; true once over the limit. */
  const count = (k: number, j: number): boolean => {
    nodes += k;
    if (nodes <= maxNodes) return false;
    over = 'nodes';
    at = j;
    return true;
  };
  /** Counts an alias at `j`; true once over the limit. */
  const alias = (j: number): boolean => {
    aliases++;
    if (aliases <= maxAliases) return false;
    over = 'aliases';
    at = j;
    return true;
  };
  /** Opens (or continues) a block collection whose entries start at `column`. */
  const open = (column: number, seq: boolean): boolean => {
    while (blocks.length > 0 && blocks[blocks.length - 1]!.column > column) blocks.pop();
    const top = blocks[blocks.length - 1];
    if (top && top.column === column) {
      if (top.seq === seq) return false;
      // a sequence may sit at its parent key's column; a key at a sequence's column ends the sequence
      if (!seq) {
        blocks.pop();
        const parent = blocks[blocks.length - 1];
        if (parent && parent.column === column && !parent.seq) return false;
      }
    }
    blocks.push({ column, seq });
    return reach();
  };
  /** Index after the quoted scalar whose opening quote is at `j` (or whose text continues at `j`), or -1 at the line's end. */
  const quoted = (j: number, end: number, q: number): number => {
    for (; j < end; j++) {
      const c = text.charCodeAt(j);
      if (q === 34 && c === 92) j++;
      else if (c === q) {
        if (q === 39 && text.charCodeAt(j + 1) === 39) j++;
        else return j + 1;
      }
    }
    return -1;
  };
  /** In flow: true where a node may start (after `[`, `{`, `,` or `:`), false inside a plain scalar. */
  let atNode = true;
  /** In flow: the last node was quoted or a collection, after which `:` needs no space (`{"a":1}`). */
  let jsonLike = false;
  /**
   * In flow: the next node's place is already counted (the value after `:`, the key after `?`, or the
   * outermost collection, whose place is a block entry's, a key's value or the document).
   */
  let placed = false;
  /** A node starts at `j` in flow: counted unless its place was. */
  const flowNode = (j: number): boolean => {
    if (placed) {
      placed = false;
      return false;
    }
    return count(1, j);
  };
  /** Scans flow content from `j` to the line's end; returns where block content resumes (or `end`). */
  const flowScan = (j: number, end: number): number | 'stop' => {
    if (flows.length === 0) placed = true;
    for (; j < end; j++) {
      const c = text.charCodeAt(j);
      if (isSpace(c) || c === CR) continue;
      if (c === 35 && (j === 0 || isBlank(text.charCodeAt(j - 1)))) return end;
      if (c === 91 || c === 123) {
        if (flowNode(j)) return 'stop';
        flows.push(c === 91 ? 1 : 0);
        atNode = true;
        jsonLike = false;
        if (reach()) return 'stop';
      } else if (c === 93 || c === 125) {
        atNode = false;
        jsonLike = true;
        placed = false;
        if (flows.pop() === 2) pairs--;
        if (flows.length === 0) return j + 1;
      } else if (c === 44) {
        atNode = true;
        jsonLike = false;
        placed = false;
        if (flows[flows.length - 1] === 2) {
          flows[flows.length - 1] = 1;
          pairs--;
        }
      } else if (
        (c === 58 && (jsonLike || j + 1 >= end || endsPlain(text.charCodeAt(j + 1)))) ||
        (c === 63 && atNode && (j + 1 >= end || endsPlain(text.charCodeAt(j + 1))))
      ) {
        // a `:` where a node would start has an empty key before it (unless `?` counted one)
        if (c === 58 && atNode && !placed && count(1, j)) return 'stop';
        // `key: value` or `? key` as a sequence's entry is a map of one pair, one level deeper
        if (flows[flows.length - 1] === 1) {
          flows[flows.length - 1] = 2;
          pairs++;
          if (reach() || count(1, j)) return 'stop';
        }
        // the value (or explicit key) has its place, empty or not: `{a: }` holds a null
        placed = false;
        if (count(1, j)) return 'stop';
        placed = true;
        atNode = true;
        jsonLike = false;
      } else if ((c === 34 || c === 39) && atNode) {
        // a quote opens a quoted scalar only where a node starts (`k"q` and `a "b` are plain scalars)
        if (flowNode(j)) return 'stop';
        const after = quoted(j + 1, end, c);
        if (after < 0) {
          quote = c;
          return end;
        }
        j = after - 1;
        atNode = false;
        jsonLike = true;
      } else {
        // a plain scalar, an alias (or the tag or anchor before a node) starts where a node may
        if (atNode && ((c === 42 && alias(j)) || flowNode(j))) return 'stop';
        atNode = false;
        jsonLike = false;
      }
    }
    return end;
  };

  /** The value after a key's `:` at `j`, on its line: where a flow value ends, or `end`. */
  const valueAfter = (j: number, end: number, column: number): number | 'stop' => {
    let v: number;
    for (;;) {
      while (j < end && isSpace(text.charCodeAt(j))) j++;
      if (j >= end || text.charCodeAt(j) === 35) return end;
      j = skipProperties(text, j, end);
      if (j >= end) return end;
      v = text.charCodeAt(j);
      // `*a: : *b`: an alias's name may end in `:`, so the pair's `:` can come after it
      if (v !== 58 || !endsToken(text, j + 1, end)) break;
      j++;
    }
    if (v === 42 && alias(j)) return 'stop';
    if (v === 91 || v === 123) return flowScan(j, end);
    if (v === 124 || v === 62) scalarAbove = column;
    else if ((v === 34 || v === 39) && quoted(j + 1, end, v) < 0) quote = v;
    return end;
  };
  /**
   * After a flow collection that ended at `r`: when a `:` follows, the collection was a key (`[a, b]: value`,
   * rare), and its map's key and value are two more nodes, the value read as any key's.
   */
  const afterFlow = (r: number | 'stop', end: number, column: number, from: number): number | 'stop' => {
    for (;;) {
      if (r === 'stop' || r >= end) return r;
      const colon = flowKeyColon(text, r, end);
      if (colon < 0) return r;
      if (open(column, false) || count(2, from)) return 'stop';
      r = valueAfter(colon + 1, end, column);
    }
  };

  while (i < n) {
    const lineStart = i;
    let end = text.indexOf('\n', i);
    if (end < 0) end = n;
    const next = end + 1;
    while (i < end && text.charCodeAt(i) === SPACE) i++;
    const indent = i - lineStart;
    // tabs may separate, never indent: skip them without counting them as indentation
    while (i < end && isSpace(text.charCodeAt(i))) i++;
    const blank = i === end || text.charCodeAt(i) === CR || (text.charCodeAt(i) === 35 && quote === 0);

    if (scalarAbove !== null) {
      if (blank || indent > scalarAbove) {
        i = next;
        continue;
      }
      scalarAbove = null;
    }
    if (quote !== 0) {
      const after = quoted(i, end, quote);
      if (after < 0) {
        i = next;
        continue;
      }
      quote = 0;
      i = after;
      atNode = false;
      jsonLike = true;
      if (flows.length === 0) {
        i = next; // the rest of a line after a multi-line scalar is at most a comment
        continue;
      }
    }
    if (flows.length > 0) {
      if (flowScan(i, end) === 'stop') return shape();
      i = next;
      continue;
    }
    if (blank) {
      i = next;
      continue;
    }
    // a document marker ends every block collection; content may follow it on the line
    if (indent === 0 && isMarker(text, i, end)) {
      // another document, another root (a first `---` counts one too many)
      if (count(1, i)) return shape();
      blocks.length = 0;
      i += 3;
      while (i < end && isSpace(text.charCodeAt(i))) i++;
      if (i >= end) {
        i = next;
        continue;
      }
    } else {
      while (blocks.length > 0 && blocks[blocks.length - 1]!.column > indent) blocks.pop();
    }

    // the line's nodes, left to right: compact entries, then a key or a value
    let valueOf: number | null = null; // column of the entry a value belongs to
    for (;;) {
      const c = text.charCodeAt(i);
      const after = i + 1 < end ? text.charCodeAt(i + 1) : NL;
      if ((c === 45 || c === 63 || c === 58) && (isSpace(after) || after === NL || after === CR)) {
        // `- ` opens a sequence entry, `? ` an explicit key, at this column; an explicit value `: `
        // is counted as a map one column in (YAML parsers may nest what follows it), which can
        // count one level too many for explicit keys, never too few
        if (c === 58 && open(i - lineStart, false)) return shape(); // or an empty key
        const column = i - lineStart + (c === 58 ? 1 : 0);
        if (open(column, c === 45)) return shape();
        // the entry's node, the explicit key, or the value (with its key, should it be empty)
        if (count(c === 58 ? 2 : 1, i)) return shape();
        valueOf = column;
        i++;
        while (i < end && isSpace(text.charCodeAt(i))) i++;
        if (i >= end) break;
        continue;
      }
      // a key's map starts where the key does, its tag or anchor included
      const column = i - lineStart;
      const start = i;
      i = skipProperties(text, i, end);
      if (i >= end) break;
      const k = text.charCodeAt(i);
      // an indicator after a tag or anchor (`? &a ? b`): read it as one
      if (i > start && (k === 45 || k === 63 || k === 58) && endsToken(text, i + 1, end)) continue;
      if (k === 42 && alias(i)) return shape();
      if (k === 91 || k === 123) {
        if (afterFlow(flowScan(i, end), end, column, i) === 'stop') return shape();
        break;
      }
      if (k === 124 || k === 62) {
        // a block scalar: its text is every following line indented past its entry
        scalarAbove = valueOf ?? -1;
        break;
      }
      let keyEnd: number;
      if (k === 34 || k === 39) {
        const q = quoted(i + 1, end, k);
        if (q < 0) {
          quote = k;
          break;
        }
        keyEnd = q;
        while (keyEnd < end && isSpace(text.charCodeAt(keyEnd))) keyEnd++;
        if (text.charCodeAt(keyEnd) !== 58 || !endsToken(text, keyEnd + 1, end)) break;
      } else {
        keyEnd = plainKeyColon(text, i, end);
        if (keyEnd < 0) break;
      }
      // `key:`: a map at the key's column; its value follows on the line, or on the next lines
      if (open(column, false)) return shape();
      // the key and its value (a scalar, empty, or a collection whose own nodes are counted as they come)
      if (count(2, i)) return shape();
      if (afterFlow(valueAfter(keyEnd + 1, end, column), end, column, i) === 'stop') return shape();
      break;
    }
    i = next;
  }
  return shape();
}

function isSpace(c: number): boolean {
  return c === SPACE || c === TAB;
}

/** What makes a `:` in flow an indicator when it follows: a blank or a flow indicator. */
function endsPlain(c: number): boolean {
  return isBlank(c) || c === 44 || c === 91 || c === 93 || c === 123 || c === 125;
}

/** A space, a tab or a line break: what a comment's `#` must follow. */
function isBlank(c: number): boolean {
  return isSpace(c) || c === NL || c === CR;
}

/** True when the character at `j` ends a token: a space, the line's end. */
function endsToken(text: string, j: number, end: number): boolean {
  return j >= end || isSpace(text.charCodeAt(j)) || text.charCodeAt(j) === CR;
}

/** `---` or `...` at the start of a line, followed by a space or the line's end. */
function isMarker(text: string, i: number, end: number): boolean {
  const c = text.charCodeAt(i);
  return (
    (c === 45 || c === 46) &&
    text.charCodeAt(i + 1) === c &&
    text.charCodeAt(i + 2) === c &&
    endsToken(text, i + 3, end)
  );
}

/** The `:` that makes a flow collection ending at `j` a key (a `:` on the line, then a space or the end), or -1. */
function flowKeyColon(text: string, j: number, end: number): number {
  while (j < end && isSpace(text.charCodeAt(j))) j++;
  return text.charCodeAt(j) === 58 && endsToken(text, j + 1, end) ? j : -1;
}

/** Skips a node's tag (`!x`) and anchor (`&a`) and the spaces after them. */
function skipProperties(text: string, i: number, end: number): number {
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c !== 33 && c !== 38) return i;
    while (i < end && !isSpace(text.charCodeAt(i))) i++;
    while (i < end && isSpace(text.charCodeAt(i))) i++;
  }
  return i;
}

/** The index of the `:` that makes a plain scalar at `i` a key (`key: ` or `key:` at the line's end), or -1. */
function plainKeyColon(text: string, i: number, end: number): number {
  for (let j = i; j < end; j++) {
    const c = text.charCodeAt(j);
    if (c === 58 && endsToken(text, j + 1, end)) return j;
    if (c === 35 && j > i && isSpace(text.charCodeAt(j - 1))) return -1;
  }
  return -1;
}
