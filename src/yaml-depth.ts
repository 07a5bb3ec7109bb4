// How deep YAML text nests collections, found in one pass over its characters, before any parser recurses.

/** A block collection still open: the column its entries start at, and whether it is a sequence. */
interface Open {
  column: number;
  seq: boolean;
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

  const reach = (): boolean => {
    const d = blocks.length + flows.length + pairs;
    if (d > deepest) deepest = d;
    return deepest > stopAbove;
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
  /** Scans flow content from `j` to the line's end; returns where block content resumes (or `end`). */
  const flowScan = (j: number, end: number): number | 'deep' => {
    for (; j < end; j++) {
      const c = text.charCodeAt(j);
      if (isSpace(c) || c === CR) continue;
      if (c === 35 && (j === 0 || isBlank(text.charCodeAt(j - 1)))) return end;
      if (c === 91 || c === 123) {
        flows.push(c === 91 ? 1 : 0);
        atNode = true;
        jsonLike = false;
        if (reach()) return 'deep';
      } else if (c === 93 || c === 125) {
        atNode = false;
        jsonLike = true;
        if (flows.pop() === 2) pairs--;
        if (flows.length === 0) return j + 1;
      } else if (c === 44) {
        atNode = true;
        jsonLike = false;
        if (flows[flows.length - 1] === 2) {
          flows[flows.length - 1] = 1;
          pairs--;
        }
      } else if (
        (c === 58 && (jsonLike || j + 1 >= end || endsPlain(text.charCodeAt(j + 1)))) ||
        (c === 63 && atNode && (j + 1 >= end || endsPlain(text.charCodeAt(j + 1))))
      ) {
        // `key: value` or `? key` as a sequence's entry is a map of one pair, one level deeper
        if (flows[flows.length - 1] === 1) {
          flows[flows.length - 1] = 2;
          pairs++;
          if (reach()) return 'deep';
        }
        atNode = true;
        jsonLike = false;
      } else if ((c === 34 || c === 39) && atNode) {
        // a quote opens a quoted scalar only where a node starts (`k"q` and `a "b` are plain scalars)
        const after = quoted(j + 1, end, c);
        if (after < 0) {
          quote = c;
          return end;
        }
        j = after - 1;
        atNode = false;
        jsonLike = true;
      } else {
        atNode = false;
        jsonLike = false;
      }
    }
    return end;
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
      const r = flowScan(i, end);
      if (r === 'deep') return deepest;
      i = next;
      continue;
    }
    if (blank) {
      i = next;
      continue;
    }
    // a document marker ends every block collection; content may follow it on the line
    if (indent === 0 && isMarker(text, i, end)) {
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
        if (c === 58 && open(i - lineStart, false)) return deepest; // or an empty key
        const column = i - lineStart + (c === 58 ? 1 : 0);
        if (open(column, c === 45)) return deepest;
        valueOf = column;
        i++;
        while (i < end && isSpace(text.charCodeAt(i))) i++;
        if (i >= end) break;
        continue;
      }
      // a key's map starts where the key does, its tag or anchor included
      const column = i - lineStart;
      i = skipProperties(text, i, end);
      if (i >= end) break;
      const k = text.charCodeAt(i);
      if (k === 91 || k === 123) {
        const r = flowScan(i, end);
        if (r === 'deep') return deepest;
        // `[a, b]: value` (a flow key) is rare; whatever follows is a value on this line
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
      if (open(column, false)) return deepest;
      i = keyEnd + 1;
      while (i < end && isSpace(text.charCodeAt(i))) i++;
      if (i >= end || text.charCodeAt(i) === 35) break;
      i = skipProperties(text, i, end);
      if (i >= end) break;
      const v = text.charCodeAt(i);
      if (v === 91 || v === 123) {
        if (flowScan(i, end) === 'deep') return deepest;
      } else if (v === 124 || v === 62) scalarAbove = column;
      else if ((v === 34 || v === 39) && quoted(i + 1, end, v) < 0) quote = v;
      break;
    }
    i = next;
  }
  return deepest;
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
