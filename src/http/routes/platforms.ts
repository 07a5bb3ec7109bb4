// Platforms: each with its latest filing and verdict, and one platform's filings page by page.

import type { FilingSummary } from '../../store/types.js';
import { auth, canSee, visiblePlatforms } from '../auth.js';
import type { AppContext } from '../context.js';
import { HttpError } from '../errors.js';
import { say } from '../../messages/index.js';
import { queryLimit, queryString } from '../query.js';
import { sendJson } from '../send.js';
import { filingFiguresOf, openOrdersByPlatform, reportCounts } from '../platform-views.js';
import type { Route } from './types.js';

/** A filing in a list: no document, its verdict and the rule set that judged it. */
export function summaryView(f: FilingSummary) {
  return {
    filingId: f.filingId,
    period: f.period,
    supersedes: f.supersedes,
    supersededBy: f.supersededBy,
    current: f.current,
    submittedBy: f.submittedBy,
    storedAt: f.storedAt,
    verdict: f.verdict,
    ruleset: { version: f.rulesetVersion, label: f.rulesetLabel },
  };
}

/** `GET /v1/platforms`, `GET /v1/platforms/:id/filings`. */
export function platformRoutes(ctx: AppContext): Route[] {
  return [
    {
      method: 'get',
      path: '/v1/platforms',
      access: ['officer', 'supervisor', 'auditor'],
      async handler(req, res) {
        const visible = visiblePlatforms(auth(req));
        const platforms = await ctx.store.listPlatforms(visible ?? undefined);
        const open = await openOrdersByPlatform(ctx.store, visible);
        const items = [];
        for (const p of platforms) {
          const counts = reportCounts(await ctx.store.getReport(p.platformId, p.latest.filingId));
          items.push({
            platformId: p.platformId,
            name: p.platformName,
            platformName: p.platformName,
            filings: p.filings,
            latest: { ...summaryView(p.latest), ...counts },
            openOrders: open.get(p.platformId) ?? 0,
          });
        }
        sendJson(res, 200, { platforms: items });
      },
    },
    {
      method: 'get',
      path: '/v1/platforms/:id/filings',
      access: ['officer', 'supervisor', 'auditor'],
      async handler(req, res) {
        const id = String(req.params.id);
        const token = auth(req);
        // an officer's own platform may have no filing yet; any other unknown platform is not found
        if (!canSee(token, id) || (token.role !== 'officer' && !(await ctx.store.hasPlatform(id)))) {
          throw new HttpError('platform_not_found', say('http.no_platform', { id }));
        }
        const limit = queryLimit(req);
        const page = await ctx.store.listFilings(id, { limit, cursor: queryString(req, 'cursor') ?? null });
        const items = [];
        for (const f of page.items) {
          const extra = filingFiguresOf(await ctx.store.getFiling(id, f.filingId), await ctx.store.getReport(id, f.filingId));
          items.push({ ...summaryView(f), ...extra, submittedAt: extra.submittedAt ?? f.storedAt, superseded: f.supersededBy !== null });
        }
        sendJson(res, 200, { platformId: id, items, nextCursor: page.nextCursor });
      },
    },
  ];
}
