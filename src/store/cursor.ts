// Opaque pagination cursors: the sort key of the last item of a page, as base64url JSON.

import { ComplianceError } from '../errors.js';
import { say } from '../messages/index.js';

/** Encodes a page's last sort key so that clients cannot depend on its shape. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/**
 * Decodes a cursor made by `encodeCursor`, checking each part's type against `shape`.
 * Throws `usage_error` for anything else, so a tampered cursor is a 400, never a 500.
 */
export function decodeCursor(cursor: string, shape: readonly ('string' | 'number')[]): (string | number)[] {
  const bad = () =>
    new ComplianceError('usage_error', [
      { code: 'usage_error', ...say('store.bad_cursor', {}), pointer: '/cursor' },
    ]);
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!Array.isArray(key) || key.length !== shape.length || key.some((k, i) => typeof k !== shape[i]))
    throw bad();
  return key as (string | number)[];
}
