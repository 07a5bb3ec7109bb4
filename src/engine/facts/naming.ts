// Restricted terms in names and marketing texts (DESIGN §4 text matching), with the evidence of the first occurrence not excused.

import { defineFact, type EvidenceItem } from './types.js';
import { searchTerms, type TermSearch } from './text.js';

interface TermParams {
  terms: string[];
  allow?: string[];
  negations?: string[];
}
const phrases = { type: 'array', items: { type: 'string', minLength: 1 } };
const termParams = {
  type: 'object',
  additionalProperties: false,
  required: ['terms'],
  properties: {
    terms: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
    allow: phrases,
    /** Words that void an allowed phrase they immediately precede (并非 before 不承诺赔付). */
    negations: phrases,
  },
};

/** The evidence of a match (the first term not excused, every such term, that occurrence as written), or null. */
function matched(
  r: TermSearch,
): { term: string; terms: string[]; found: string; at: number; until: number } | null {
  return r.first === null
    ? null
    : { term: r.first.term, terms: r.terms, found: r.first.found, at: r.first.at, until: r.first.until };
}

export const restrictedNameTerms = defineFact<TermParams>({
  id: 'restrictedNameTerms',
  description:
    "The platform's and products' names in which a term occurs outside every allowed phrase that no negation precedes (text matching, docs/facts.md). `term`: the first such term, as the rule writes it; `terms`: every such term, in the rule's order; `found`: that first occurrence as the name writes it (hidden characters and variant forms included); `at`: where it starts in the name (UTF-16 units).",
  returns: 'items',
  params: termParams,
  fields: ['pointer', 'name', 'term', 'terms', 'found', 'at'],
  compute: (filing, p) => {
    const out: EvidenceItem[] = [];
    const test = (pointer: string, name: string) => {
      const m = matched(searchTerms(name, p.terms, p.allow, p.negations));
      if (m !== null) out.push({ pointer, name, term: m.term, terms: m.terms, found: m.found, at: m.at });
    };
    test('/platform/name', filing.platform.name);
    filing.products.forEach((prod, i) => test(`/products/${i}/name`, prod.name));
    return out;
  },
});

/** The marketing items of one channel and one publishedAt, in filing order: one ad (DESIGN §4). */
function ads(marketing: readonly { channel: string; publishedAt: string }[]): number[][] {
  const byAd = new Map<string, number[]>();
  marketing.forEach((m, i) => {
    const key = `${m.channel}\u0000${m.publishedAt}`;
    const items = byAd.get(key);
    if (items === undefined) byAd.set(key, [i]);
    else items.push(i);
  });
  return [...byAd.values()];
}

export const restrictedMarketingTerms = defineFact<TermParams>({
  id: 'restrictedMarketingTerms',
  description:
    "The marketing texts in which a term occurs outside every allowed phrase that no negation precedes (text matching, docs/facts.md); the texts of one channel and one publishedAt are joined, in filing order, into one text (an ad split over two items is one ad). `pointer`: the first item the occurrence touches; `pointers`: every item it touches; `text`: their texts joined; `term`: the first such term, as the rule writes it; `terms`: every such term, in the rule's order; `found`: that first occurrence as the text writes it; `at`: where it starts in `text` (UTF-16 units).",
  returns: 'items',
  params: termParams,
  fields: ['pointer', 'pointers', 'channel', 'publishedAt', 'text', 'term', 'terms', 'found', 'at'],
  compute: (filing, p) => {
    const marketing = filing.marketing ?? [];
    const out: EvidenceItem[] = [];
    for (const items of ads(marketing)) {
      const texts = items.map((i) => marketing[i]?.text ?? '');
      const hit = matched(searchTerms(texts.join(''), p.terms, p.allow, p.negations));
      if (hit === null) continue;
      // the items whose text the occurrence [at, until) overlaps, and where the first of them starts
      const touched: number[] = [];
      let first = 0;
      for (let k = 0, offset = 0; k < items.length; offset += texts[k]?.length ?? 0, k++) {
        const end = offset + (texts[k]?.length ?? 0);
        if (end <= hit.at || offset >= hit.until) continue;
        if (touched.length === 0) first = offset;
        touched.push(k);
      }
      const m = marketing[items[touched[0] ?? 0] ?? 0];
      out.push({
        pointer: `/marketing/${items[touched[0] ?? 0]}/text`,
        pointers: touched.map((k) => `/marketing/${items[k]}/text`),
        channel: m?.channel,
        publishedAt: m?.publishedAt,
        text: touched.map((k) => texts[k]).join(''),
        term: hit.term,
        terms: hit.terms,
        found: hit.found,
        at: hit.at - first,
      });
    }
    return out;
  },
});
