// Bearer token secrets: how they are made, hashed for storage, and issued into a store.

import { createHash, randomBytes } from 'node:crypto';
import type { Role, Store, TokenRecord } from './types.js';

/** The sha256 (hex) of a token secret: the only form a store keeps. */
export function hashToken(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** What to issue: a name, a role, an officer's platforms, and an optional expiry (RFC 3339). */
export interface TokenRequest {
  name: string;
  role: Role;
  platforms?: readonly string[];
  expiresAt?: string | null;
}

/**
 * Makes a new secret (`cmp_` + 256 random bits), stores its hash with the token's record, and
 * returns the secret: the only time it exists outside the holder's hands.
 * @example const { secret } = await issueToken(store, { name: 'alice', role: 'supervisor' }, 'cli');
 */
export async function issueToken(
  store: Store,
  req: TokenRequest,
  actor: string,
): Promise<{ secret: string; record: TokenRecord }> {
  const secret = `cmp_${randomBytes(32).toString('base64url')}`;
  const id = `tok_${randomBytes(6).toString('hex')}`;
  const record = await store.createToken(
    {
      id,
      hash: hashToken(secret),
      name: req.name,
      role: req.role,
      platforms: [...(req.platforms ?? [])],
      expiresAt: req.expiresAt ?? null,
    },
    actor,
  );
  return { secret, record };
}

/**
 * Reads an expiry: a calendar date (the token stops working at 00:00 UTC that day) or an RFC 3339
 * timestamp. Returns the instant as an ISO string, or null when the text is neither.
 */
export function parseExpiry(text: string): string | null {
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (date) {
    const d = new Date(`${text}T00:00:00Z`);
    return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== text ? null : d.toISOString();
  }
  if (!/^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:\d{2})$/.test(text)) return null;
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** Why a token is refused at `now`, or null when it may be used. */
export function tokenRefusal(t: TokenRecord, now: Date): 'token_revoked' | 'token_expired' | null {
  if (t.revokedAt !== null) return 'token_revoked';
  if (t.expiresAt !== null && now.getTime() >= Date.parse(t.expiresAt)) return 'token_expired';
  return null;
}
