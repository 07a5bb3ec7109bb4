// Query parameters, checked: one value each, and integers in range.

import type { Request } from 'express';
import { say } from '../messages/index.js';
import { HttpError } from './errors.js';

/** A query parameter given at most once; a repeated one is a 400. */
export function queryString(req: Request, name: string): string | undefined {
  const v: unknown = req.query[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string')
    throw new HttpError('invalid_query', say('http.query_once', { name }), [
      { code: 'invalid_query', ...say('http.query_repeated', {}), pointer: `/${name}` },
    ]);
  return v;
}

/** A page size: an integer from 1 to `max`, `fallback` when absent. */
export function queryLimit(req: Request, fallback = 50, max = 500): number {
  const v = queryString(req, 'limit');
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < 1 || n > max) {
    throw new HttpError('invalid_query', say('http.limit_range', { max }), [
      { code: 'invalid_query', ...say('http.limit_range_item', { max }), pointer: '/limit' },
    ]);
  }
  return n;
}

/** A flag: `true` or `false`, false when absent; anything else is a 400. */
export function queryFlag(req: Request, name: string): boolean {
  const v = queryString(req, name);
  if (v === undefined || v === 'false') return false;
  if (v === 'true') return true;
  throw new HttpError('invalid_query', say('http.flag_invalid', { name }), [
    { code: 'invalid_query', ...say('http.flag_invalid_item', {}), pointer: `/${name}` },
  ]);
}
