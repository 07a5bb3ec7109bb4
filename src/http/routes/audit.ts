// The audit log: every publication, rollback and token change, newest first.

import type { AppContext } from '../context.js';
import { queryLimit, queryString } from '../query.js';
import { sendJson } from '../send.js';
import type { Route } from './types.js';

/** `GET /v1/audit`. */
export function auditRoutes(ctx: AppContext): Route[] {
  return [
    {
      method: 'get',
      path: '/v1/audit',
      access: ['supervisor', 'auditor'],
      async handler(req, res) {
        const page = await ctx.store.listAudit({
          limit: queryLimit(req, 100),
          cursor: queryString(req, 'cursor') ?? null,
        });
        sendJson(res, 200, page);
      },
    },
  ];
}
