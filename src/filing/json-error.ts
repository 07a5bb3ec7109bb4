// JSON text beyond what JSON.parse says: where it first goes wrong (V8 on Node 20 does not always say), and duplicate keys.

/**
 * The offset of the first character at which `text` stops being valid JSON (text.length when it ends
 * too early), found by a small recursive scanner of the JSON grammar. Only called after JSON.parse failed.
 */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const literal = (word: string) => {
    // a misspelt word is placed at its start, where a reader looks for it
    if (text.startsWith(word, i)) i += word.length;
    else fail();
  };
  const string = () => {
    i++; // opening quote
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return;
      }
      if (c < 32) fail();
      if (c === 92) {
        i++;
        const e = text[i];
        if (e === 'u') {
          for (let k = 1; k <= 4; k++) {
            if (!/[0-9a-fA-F]/.test(text[i + k] ?? '')) {
              i += k;
              fail();
            }
          }
          i += 5;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i++;
        else fail();
      } else i++;
    }
    fail();
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === '' || m[0] === '-') fail();
    i += m![0].length;
  };
  const value = (depth: number): void => {
    if (depth > 10_000) fail();
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        string();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value(depth + 1);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return;
        } else fail();
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value(depth + 1);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return;
        } else fail();
      }
    } else if (c === '"') string();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) number();
    else fail();
  };
  try {
    value(0);
    ws();
    if (i < text.length) fail();
    return text.length;
  } catch (at) {
    if (typeof at === 'number') return Math.min(at, text.length);
    throw at;
  }
}

/** A key that appears twice in one JSON object: where the second one is. */
export interface DuplicateKey {
  /** JSON pointer of the repeated member (`/a/0/b`). */
  pointer: string;
  /** Offset of the repeated key's opening quote. */
  offset: number;
}

/** One open object or array of the scan below. */
interface Frame {
  /** Keys seen so far (objects only). */
  keys: Set<string> | null;
  /** The pointer segment that leads to this container from its parent ('' at the top). */
  segment: string;
  /** The member being read: its key (objects) or index (arrays). */
  at: string;
  index: number;
  expectKey: boolean;
}

/** A number literal of valid JSON text, as written, with its pointer and offset. */
export interface NumberLiteral {
  pointer: string;
  offset: number;
  literal: string;
}

/**
 * The first duplicate key in valid JSON text, or null. JSON.parse keeps the last of two equal keys
 * without a word, so `{"members": …, "members": …}` would be judged on a value the filer may not
 * have meant; YAML bodies refuse duplicates, and JSON ones must too. One pass with its own stack
 * (no recursion), a Set per object: linear in the text. Call it only on text JSON.parse accepted.
 * @example jsonDuplicateKey('{"a": 1, "a": 2}') // → { pointer: '/a', offset: 9 }
 */
export function jsonDuplicateKey(text: string): DuplicateKey | null {
  return scanJsonText(text).duplicate;
}

const isWhite = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

/**
 * At least as many as the keys in valid JSON text: every `"` followed (after white space) by `:`. A
 * key always is; a string value may hold one too, which only makes the count larger. On the way, the
 * longest number literal that follows such a colon (a member's value: every number a filing has).
 */
function keyTokens(text: string): { atLeast: number; longestValueNumber: number } {
  let n = 0;
  let longest = 0;
  for (let i = text.indexOf(':'); i >= 0; i = text.indexOf(':', i + 1)) {
    let j = i - 1;
    while (j >= 0 && isWhite(text.charCodeAt(j))) j--;
    if (j < 0 || text.charCodeAt(j) !== 34) continue;
    n++;
    let k = i + 1;
    while (k < text.length && isWhite(text.charCodeAt(k))) k++;
    const start = k;
    while (k < text.length && isNumberChar(text.charCodeAt(k))) k++;
    if (k - start > longest) longest = k - start;
  }
  return { atLeast: n, longestValueNumber: longest };
}

/** The keys of every object in a parsed value, counted without recursion. */
function parsedKeys(value: unknown): number {
  let n = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      for (const x of v) if (x !== null && typeof x === 'object') stack.push(x);
    } else {
      for (const k in v) {
        n++;
        const x = (v as Record<string, unknown>)[k];
        if (x !== null && typeof x === 'object') stack.push(x);
      }
    }
  }
  return n;
}

/**
 * What the exact scan might find in valid JSON text, given what JSON.parse made of it, at a fraction
 * of its cost: `repeat` when a key may be repeated (JSON.parse keeps one key of each repeated pair, so
 * without repeats the parsed keys number as many as the text's key tokens; a string value holding
 * `":` says maybe too, harmlessly), and `longNumber` when a member's value is a number literal longer
 * than `longerThan` characters (a number inside an array is not looked at: no filing field is one).
 */
export function quickJsonCheck(text: string, parsed: unknown, longerThan: number): { repeat: boolean; longNumber: boolean } {
  const tokens = keyTokens(text);
  return { repeat: tokens.atLeast !== parsedKeys(parsed), longNumber: tokens.longestValueNumber > longerThan };
}


/**
 * One pass over valid JSON text: its first duplicate key, and, when `numbers` picks some, the number
 * literals as written (JSON.parse keeps only the nearest double) with their pointers.
 */
export function scanJsonText(
  text: string,
  numbers?: (literal: string) => boolean,
): { duplicate: DuplicateKey | null; numbers: NumberLiteral[] } {
  const stack: Frame[] = [];
  const found: NumberLiteral[] = [];
  const escape = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
  const here = () => {
    const top = stack[stack.length - 1];
    const own = top ? '/' + (top.keys ? escape(top.at) : String(top.index)) : '';
    return stack.map((f) => f.segment).join('') + own;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (numbers && (c === 45 || (c >= 48 && c <= 57))) {
      // outside a string, a minus sign or a digit starts a number: read it whole
      const start = i;
      while (i + 1 < text.length && isNumberChar(text.charCodeAt(i + 1))) i++;
      const literal = text.slice(start, i + 1);
      if (numbers(literal)) found.push({ pointer: here(), offset: start, literal });
    } else if (c === 34) {
      const start = i;
      let escaped = false;
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 92) {
          escaped = true;
          i++;
        } else if (d === 34) break;
      }
      const top = stack[stack.length - 1];
      if (top?.keys && top.expectKey) {
        const raw = text.slice(start + 1, i);
        const key = escaped ? (JSON.parse(text.slice(start, i + 1)) as string) : raw;
        if (top.keys.has(key)) {
          return {
            duplicate: { pointer: stack.map((f) => f.segment).join('') + '/' + escape(key), offset: start },
            numbers: found,
          };
        }
        top.keys.add(key);
        top.at = key;
        top.expectKey = false;
      }
    } else if (c === 123 || c === 91) {
      const parent = stack[stack.length - 1];
      const segment = parent ? '/' + (parent.keys ? escape(parent.at) : String(parent.index)) : '';
      stack.push({ keys: c === 123 ? new Set() : null, segment, at: '', index: 0, expectKey: c === 123 });
    } else if (c === 125 || c === 93) stack.pop();
    else if (c === 44) {
      const top = stack[stack.length - 1];
      if (top?.keys) top.expectKey = true;
      else if (top) top.index++;
    }
  }
  return { duplicate: null, numbers: found };
}

/** Digits, a decimal point, an exponent and its sign: what a JSON number is written with. */
function isNumberChar(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 46 || c === 101 || c === 69 || c === 43 || c === 45;
}
