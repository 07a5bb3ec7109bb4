// Rule-set versions as HTTP validators: ETag on reads (304 when unchanged), If-Match on changes (428, 412).

import type { Request, Response } from 'express';
import { say } from '../messages/index.js';
import { HttpError } from './errors.js';

/** The ETag of a rule-set version: the version, quoted. */
export function etagOf(version: string): string {
  return `"${version}"`;
}

/** Sets the ETag and answers 304 when the client already has this version; returns true when it did. */
export function notModified(req: Request, res: Response, version: string): boolean {
  res.setHeader('ETag', etagOf(version));
  const given = req.headers['if-none-match'];
  if (given && given.split(',').some((t) => t.trim().replace(/^W\//, '') === etagOf(version))) {
    res.status(304).end();
    return true;
  }
  return false;
}

/**
 * A change must name, in If-Match, the version in force it was made against: missing is 428,
 * another version is 412 (someone published since). `*` is refused because it names no version.
 */
export function requireIfMatch(req: Request, current: string): void {
  const given = req.headers['if-match'];
  if (!given || given.trim() === '*') {
    throw new HttpError(
      'precondition_required',
      say('http.if_match_missing', { etag: etagOf(current) }),
    );
  }
  const tags = given.split(',').map((t) => t.trim().replace(/^"(.*)"$/, '$1'));
  if (!tags.includes(current)) {
    throw new HttpError(
      'precondition_failed',
      say('http.if_match_stale', { etag: etagOf(current), given: given.trim() }),
      [],
      {
        ETag: etagOf(current),
      },
    );
  }
}
