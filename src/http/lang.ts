// The report language a request asks for: `?lang=` first, then Accept-Language.

import type { Request } from 'express';
import { LANGS, type Lang } from '../rules/types.js';
import { HttpError } from './errors.js';
import { queryString } from './query.js';

/** `?lang=en|zh`, else the best of Accept-Language that we speak, else undefined (nothing asked). */
export function requestedLang(req: Request): Lang | undefined {
  const q = queryString(req, 'lang');
  if (q !== undefined) {
    if (!(LANGS as readonly string[]).includes(q)) {
      throw new HttpError('invalid_query', `lang must be one of ${LANGS.join(', ')}`, [
        { code: 'invalid_query', message: `not a language we speak: ${q}`, pointer: '/lang' },
      ]);
    }
    return q as Lang;
  }
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
