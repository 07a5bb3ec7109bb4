// Restricted terms in names and marketing texts (DESIGN §4 text matching), with the evidence of the first occurrence not excused.

import { defineFact, type EvidenceItem } from './types.js';
import { searchTerms, type TermSearch } from './text.js';

interface TermParams {
  terms: string[];
  allow?: string[];
}
const termParams = {
  type: 'object',
  additionalProperties: false,
  required: ['terms'],
  properties: {
    terms: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
    allow: { type: 'array', items: { type: 'string', minLength: 1 } },
  },
};

/** The evidence of a match (the first term not excused, every such term, that occurrence as written), or null. */
function matched(r: TermSearch): { term: string; terms: string[]; found: string; at: number } | null {
  return r.first === null
    ? null
    : { term: r.first.term, terms: r.terms, found: r.first.found, at: r.first.at };
}

export const restrictedNameTerms = defineFact<TermParams>({
  id: 'restrictedNameTerms',
  description:
    "The platform's and products' names in which a term occurs outside every allowed phrase (text matching, docs/facts.md). `term`: the first such term, as the rule writes it; `terms`: every such term, in the rule's order; `found`: that first occurrence as the name writes it (hidden characters and variant forms included); `at`: where it starts in the name (UTF-16 units).",
  returns: 'items',
  params: termParams,
  fields: ['pointer', 'name', 'term', 'terms', 'found', 'at'],
  compute: (filing, p) => {
    const out: EvidenceItem[] = [];
    const test = (pointer: string, name: string) => {
      const m = matched(searchTerms(name, p.terms, p.allow));
      if (m !== null) out.push({ pointer, name, ...m });
    };
    test('/platform/name', filing.platform.name);
    filing.products.forEach((prod, i) => test(`/products/${i}/name`, prod.name));
    return out;
  },
});

export const restrictedMarketingTerms = defineFact<TermParams>({
  id: 'restrictedMarketingTerms',
  description:
    "The marketing texts in which a term occurs outside every allowed phrase (text matching, docs/facts.md). `term`: the first such term, as the rule writes it; `terms`: every such term, in the rule's order; `found`: that first occurrence as the text writes it; `at`: where it starts in the text (UTF-16 units).",
  returns: 'items',
  params: termParams,
  fields: ['pointer', 'channel', 'publishedAt', 'text', 'term', 'terms', 'found', 'at'],
  compute: (filing, p) => {
    const out: EvidenceItem[] = [];
    (filing.marketing ?? []).forEach((m, i) => {
      const hit = matched(searchTerms(m.text, p.terms, p.allow));
      if (hit !== null) {
        out.push({
          pointer: `/marketing/${i}/text`,
          channel: m.channel,
          publishedAt: m.publishedAt,
          text: m.text,
          ...hit,
        });
      }
    });
    return out;
  },
});
