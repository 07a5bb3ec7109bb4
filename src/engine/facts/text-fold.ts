// Variant folding for text matching: traditional and Japanese forms of a Han character to its simplified form, from OpenCC's tables.

import * as OpenCC from 'opencc-js';

const t2cn = OpenCC.Converter({ from: 't', to: 'cn' });
const hk2cn = OpenCC.Converter({ from: 'hk', to: 'cn' });
const tw2cn = OpenCC.Converter({ from: 'tw', to: 'cn' });
const jp2t = OpenCC.Converter({ from: 'jp', to: 't' });
const jp2cn = (s: string): string => t2cn(jp2t(s));

const HAN = /^\p{Script=Han}$/u;

let gb2312: Set<string> | null | undefined;

/**
 * The 6,763 hanzi of GB 2312, mainland China's basic character set, decoded from the standard's own
 * code table. A character in it is in everyday simplified use, so only OpenCC's traditional →
 * simplified table may change it: the regional and Japanese tables would fold 沪 into 滤, 欠 into 缺,
 * 予 into 豫 and 著 into 着, which in Chinese text are different characters.
 */
function inGb2312(c: string): boolean {
  if (gb2312 === undefined) {
    const bytes: number[] = [];
    for (let row = 0xb0; row <= 0xf7; row++) {
      for (let cell = 0xa1; cell <= 0xfe; cell++) if (row !== 0xd7 || cell <= 0xf9) bytes.push(row, cell);
    }
    try {
      gb2312 = new Set(new TextDecoder('gbk').decode(new Uint8Array(bytes)));
    } catch {
      gb2312 = null; // a Node built without full ICU: keep to the traditional table alone
    }
  }
  return gb2312 === null || gb2312.has(c);
}

/** One folding step: OpenCC's traditional table, then (outside GB 2312) Hong Kong, Taiwan and Japanese forms. */
function step(c: string): string {
  const s = t2cn(c);
  if (s !== c || inGb2312(c)) return s;
  for (const convert of [hk2cn, tw2cn, jp2cn]) {
    const r = convert(c);
    if (r !== c) return r;
  }
  return c;
}

// At most one entry per Han code point (about 100,000), so the memo is bounded whatever the input.
const memo = new Map<string, string>();

/**
 * The simplified form of one code point (itself when it is not a Han character or has no other form).
 * Folding is repeated until it is stable, so folding a folded character changes nothing
 * (戱 → 戯 → 戏).
 * @example foldChar('險') // → '险'; foldChar('険') // → '险'; foldChar('沪') // → '沪'
 */
export function foldChar(c: string): string {
  const hit = memo.get(c);
  if (hit !== undefined) return hit;
  if (!HAN.test(c)) return c;
  let out = c;
  for (let i = 0; i < 4; i++) {
    const next = Array.from(out, step).join('');
    if (next === out) break;
    out = next;
  }
  memo.set(c, out);
  return out;
}
