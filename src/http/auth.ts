// Access: bearer tokens looked up per request (401), the per-token rate limit (429), the role table (403) and scope.

import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { hashToken, tokenRefusal } from '../store/tokens.js';
import type { Role, Store, TokenRecord } from '../store/types.js';
import { HttpError } from './errors.js';
import { say } from '../messages/index.js';
import type { Limiter } from './limits.js';

/** Who may call a route: anyone, or the roles listed. */
export type Access = 'public' | readonly Role[];

const BEARER = /^Bearer\s+(\S+)\s*$/i;
const challenge = { 'WWW-Authenticate': 'Bearer realm="compliance"' };

/**
 * Authenticates the bearer token. The token is looked up in the store on every request, so a token
 * created or revoked with the CLI takes effect at once, also for a service already running.
 */
export function authenticate(
  store: Store,
  limiter: Limiter,
  now: () => Date,
  failures: FailedAuthentications | null = null,
): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    // what a token reads is its own: no shared cache may keep it (refusals included)
    res.setHeader('Cache-Control', 'no-store');
    const m = BEARER.exec(req.headers.authorization ?? '');
    if (!m)
      throw new HttpError(
        'token_missing',
        say('http.token_missing', {}),
        [],
        challenge,
      );
    const address = req.socket.remoteAddress ?? 'unknown';
    // an address past its failures is refused before its token is looked at, so a guesser cannot
    // tell a right token from a wrong one while limited
    failures?.refuseIfBlocked(address, now().getTime());
    const token = await store.findToken(hashToken(m[1]!));
    if (!token) {
      await failures?.failed(address, now().getTime());
      throw new HttpError('token_invalid', say('http.token_invalid', {}), [], challenge);
    }
    const refusal = tokenRefusal(token, now());
    if (refusal === 'token_revoked')
      throw new HttpError('token_revoked', say('http.token_revoked', {}), [], challenge);
    if (refusal === 'token_expired')
      throw new HttpError('token_expired', say('http.token_expired', { at: String(token.expiresAt) }), [], challenge);
    const take = await limiter.take(token.id); // shared by every instance on PostgreSQL
    if (!take.ok) {
      throw new HttpError(
        'rate_limited',
        say('http.rate_limited', { perMinute: limiter.perMinute, retryAfter: take.retryAfter }),
        [],
        {
          'Retry-After': String(take.retryAfter),
        },
      );
    }
    req.auth = token;
    next();
  };
}

/**
 * Failed authentications (unknown tokens) per client address. The allowance is the shared limiter's
 * (in the database on PostgreSQL); once it is spent, this process remembers the address as blocked
 * until the allowance refills, and refuses it before looking its token up.
 */
export class FailedAuthentications {
  private readonly blocked = new Map<string, number>();

  constructor(private readonly limiter: Limiter) {}

  /** Throws 429 when `address` is blocked at `nowMs`. */
  refuseIfBlocked(address: string, nowMs: number): void {
    const until = this.blocked.get(address);
    if (until === undefined) return;
    if (until <= nowMs) {
      this.blocked.delete(address);
      return;
    }
    throw this.refusal(Math.max(1, Math.ceil((until - nowMs) / 1000)));
  }

  /** Counts one failure of `address`; throws 429 when that spends its allowance. */
  async failed(address: string, nowMs: number): Promise<void> {
    if (this.limiter.perMinute <= 0) return;
    const take = await this.limiter.take(address);
    if (take.ok) return;
    this.blocked.set(address, nowMs + take.retryAfter * 1000);
    if (this.blocked.size > 100_000) this.prune(nowMs);
    throw this.refusal(take.retryAfter);
  }

  private refusal(retryAfter: number): HttpError {
    return new HttpError(
      'rate_limited',
      say('http.auth_failures', { perMinute: this.limiter.perMinute, retryAfter }),
      [],
      { 'Retry-After': String(retryAfter) },
    );
  }

  private prune(nowMs: number): void {
    for (const [k, until] of this.blocked) if (until <= nowMs) this.blocked.delete(k);
  }
}

/** Refuses (403) a token whose role is not among `roles`. */
export function allow(roles: readonly Role[]): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    const role = req.auth?.role;
    if (!role || !roles.includes(role)) {
      throw new HttpError(
        'forbidden_role',
        say('http.forbidden_role', { role: role ?? 'anonymous', allowed: roles }),
      );
    }
    next();
  };
}

/** The authenticated token (routes behind `authenticate` only). */
export function auth(req: Request): TokenRecord {
  if (!req.auth) throw new Error('route is not behind authenticate()');
  return req.auth;
}

/** True when the token may see this platform's filings: officers only their own, others every one. */
export function canSee(token: TokenRecord, platformId: string): boolean {
  return token.role !== 'officer' || token.platforms.includes(platformId);
}

/** The platforms a token is limited to (null: every platform). */
export function visiblePlatforms(token: TokenRecord): readonly string[] | null {
  return token.role === 'officer' ? token.platforms : null;
}

/** The last check of a checked or submitted filing: an officer may only send their own platforms' (403). */
export function requireOwnPlatform(token: TokenRecord, platformId: string): void {
  if (!canSee(token, platformId)) {
    throw new HttpError('forbidden_platform', say('http.forbidden_platform', { platform: platformId }), [
      {
        code: 'forbidden_platform',
        ...say('http.not_own_platform', { platforms: token.platforms }),
        pointer: '/platform/id',
      },
    ]);
  }
}
