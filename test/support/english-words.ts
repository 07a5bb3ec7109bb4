// What a Chinese answer must not hold: English words. Codes, JSON pointers, quoted values (the document's own
// names and values) and the names of formats are taken out first; what is left may hold no word of 3 letters.

/** Format and standard names a Chinese sentence writes as they are. */
const NAMES = ['NDJSON', 'JSON', 'YAML', 'UTF', 'RFC'];

/**
 * The English words left in `text` once `codes`, JSON pointers, quoted values (“…”, "…", '…', 「…」) and
 * format names are removed (`[A-Za-z]{3,}`): an empty list for a sentence a Chinese reader can sign.
 * @example englishWords('“feesOverCap” 的参数 /cap 必须是数值', []) // → []
 */
export function englishWords(text: string, codes: readonly string[] = []): string[] {
  let t = text;
  for (const c of codes) t = t.split(c).join(' ');
  t = t
    .replace(/“[^”]*”/g, ' ')
    .replace(/「[^」]*」/g, ' ')
    .replace(/"[^"]*"/g, ' ')
    .replace(/'[^']*'/g, ' ')
    .replace(/(^|[\s(（：:，,、])\/[^\s，。；：）)、]*/g, '$1 ');
  for (const n of NAMES) t = t.split(n).join(' ');
  return t.match(/[A-Za-z]{3,}/g) ?? [];
}

/** The texts for people in a problem document or a list answer: title, detail, each message and label. */
export function peopleTexts(body: unknown): string[] {
  const out: string[] = [];
  const visit = (v: unknown, key: string) => {
    if (typeof v === 'string') {
      if (['title', 'detail', 'message', 'actionLabel'].includes(key)) out.push(v);
    } else if (Array.isArray(v)) v.forEach((x) => visit(x, key));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) visit(x, k);
  };
  visit(body, '');
  return out;
}

/** Every English word in the texts for people of `body`, each with the text it was found in. */
export function englishInAnswer(body: unknown): { word: string; text: string }[] {
  const codes = new Set<string>();
  const collect = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(collect);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if ((k === 'code' || k === 'action') && typeof x === 'string') codes.add(x);
        else collect(x);
      }
    }
  };
  collect(body);
  return peopleTexts(body).flatMap((text) => englishWords(text, [...codes]).map((word) => ({ word, text })));
}
