// The audit log: every publication, rollback, token change and rectification order's move, newest first, each
// action with its label in the caller's language.

import { auditActionLabel } from '../../messages/index.js';
import type { AppContext } from '../context.js';
import { requestedLang } from '../lang.js';
import { queryLimit, queryString } from '../query.js';
import { sendJson } from '../send.js';
import type { Route } from './types.js';

const RULESET_ACTIONS: ReadonlySet<string> = new Set(['seed', 'publish-rule', 'delete-rule', 'publish-parameters', 'publish-waivers', 'rollback']);

/** `GET /v1/audit`. */
export function auditRoutes(ctx: AppContext): Route[] {
  return [
    {
      method: 'get',
      path: '/v1/audit',
      access: ['supervisor', 'auditor'],
      async handler(req, res) {
        const lang = requestedLang(req) ?? 'en';
        const page = await ctx.store.listAudit({
          limit: queryLimit(req, 100),
          cursor: queryString(req, 'cursor') ?? null,
        });
        // each entry names what it changed in its own field (DESIGN §8): a rule-set change its
        // `version` (the one it put in force), an order its `orderId`, a token its `target`; `action`
        // stays the code, `actionLabel` is what a person reads (DESIGN §8, in the caller's language)
        const items = page.items.map((e) => ({
          ...e,
          actionLabel: auditActionLabel(e.action, lang),
          version: RULESET_ACTIONS.has(e.action) ? e.after : null,
        }));
        sendJson(res, 200, { ...page, items });
      },
    },
  ];
}
