// The language a request asks for, for its report and for every text it gets back: `?lang=` first, then
// Accept-Language (DESIGN §8, "In the caller's language").

import type { Request } from 'express';
import { say } from '../messages/index.js';
import { LANGS, type Lang } from '../rules/types.js';
import { HttpError } from './errors.js';
import { queryString } from './query.js';

/** `?lang=en|zh`, else the best of Accept-Language that we speak, else undefined (nothing asked). */
export function requestedLang(req: Request): Lang | undefined {
  const q = queryString(req, 'lang');
  if (q !== undefined) {
    if (!(LANGS as readonly string[]).includes(q)) {
      throw new HttpError('invalid_query', say('http.lang_invalid', { langs: LANGS }), [
        { code: 'invalid_query', ...say('http.lang_unknown', { value: q }), pointer: '/lang' },
      ]);
    }
    return q as Lang;
  }
  return acceptedLang(req);
}

/**
 * The language to answer a problem in: as `requestedLang`, but never refusing (a `?lang=` we do not
 * speak, or given twice, falls back to Accept-Language), and English when nothing is asked.
 */
export function answerLang(req: Request): Lang {
  let q: unknown;
  try {
    q = req.query?.lang;
  } catch {
    // a query that cannot be read: Accept-Language decides
  }
  if (typeof q === 'string' && (LANGS as readonly string[]).includes(q)) return q as Lang;
  return acceptedLang(req) ?? 'en';
}

/** The best of Accept-Language that we speak, else undefined. */
function acceptedLang(req: Request): Lang | undefined {
  const header = req.headers['accept-language'];
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { primary: tag.trim().toLowerCase().split('-')[0] ?? '', q: q === undefined ? 1 : Number(q), i };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return ranked.map((x) => x.primary).find((p): p is Lang => (LANGS as readonly string[]).includes(p));
}
