// Restricted terms in names and marketing texts, after Chinese normalisation and allowed phrases removed.

import { defineFact, type EvidenceItem } from './types.js';
import { findTerms, mainTerm } from './text.js';

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

export const restrictedNameTerms = defineFact<TermParams>({
  id: 'restrictedNameTerms',
  description: "The platform's and products' names that contain a term, once normalised and with allowed phrases removed.",
  returns: 'items',
  params: termParams,
  fields: ['pointer', 'name', 'term', 'terms'],
  compute: (filing, p) => {
    const out: EvidenceItem[] = [];
    const test = (pointer: string, name: string) => {
      const found = findTerms(name, p.terms, p.allow);
      if (found.length > 0) out.push({ pointer, name, term: mainTerm(found), terms: found });
    };
    test('/platform/name', filing.platform.name);
    filing.products.forEach((prod, i) => test(`/products/${i}/name`, prod.name));
    return out;
  },
});

export const restrictedMarketingTerms = defineFact<TermParams>({
  id: 'restrictedMarketingTerms',
  description: 'The marketing texts that contain a term, once normalised and with allowed phrases removed.',
  returns: 'items',
  params: termParams,
  fields: ['pointer', 'channel', 'publishedAt', 'text', 'term', 'terms'],
  compute: (filing, p) => {
    const out: EvidenceItem[] = [];
    (filing.marketing ?? []).forEach((m, i) => {
      const found = findTerms(m.text, p.terms, p.allow);
      if (found.length > 0) {
        out.push({ pointer: `/marketing/${i}/text`, channel: m.channel, publishedAt: m.publishedAt, text: m.text, term: mainTerm(found), terms: found });
      }
    });
    return out;
  },
});
