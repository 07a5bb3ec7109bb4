// Rectification orders over HTTP (DESIGN §8, §11): open, list, read, close; and one platform with its latest filing and open orders.

import type { Request } from 'express';
import type { Report } from '../../engine/report-model.js';
import type { ReportRecord } from '../../store/types.js';
import { OrderError } from '../../app/orders/errors.js';
import { asOfFilter, closeOrderRequest, openOrderRequest, stateFilter } from '../../app/orders/requests.js';
import {
  closeOrder,
  findOrder,
  listOrders,
  openOrder,
  openOrdersOf,
  showOrder,
  type OrderDeps,
} from '../../app/orders/service.js';
import { auth, canSee, visiblePlatforms } from '../auth.js';
import { readJson } from '../body.js';
import type { AppContext } from '../context.js';
import { HttpError } from '../errors.js';
import { say } from '../../messages/index.js';
import { queryString } from '../query.js';
import { sendJson } from '../send.js';
import { summaryView } from './platforms.js';
import type { Route } from './types.js';

/** The service's time zone when none is configured (the supervisor's: China Standard Time). */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** What order handling needs from the app: its store, clock and zone, and the parameters in force. */
export function orderDeps(ctx: AppContext): OrderDeps {
  return {
    store: ctx.store,
    timeZone: ctx.timeZone,
    now: ctx.now,
    parameters: () => ctx.engines.current.ruleSet.parameters,
  };
}

/** Runs an order action, answering its refusals as problem+json with the same codes. */
async function answer<T>(action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (e) {
    if (e instanceof OrderError) {
      throw new HttpError(
        e.code,
        e.said,
        e.problems.map((p) => ({ code: e.code, message: p.message, msg: p.msg, pointer: p.pointer })),
      );
    }
    throw e;
  }
}

const location = (id: string) => `/v1/orders/${encodeURIComponent(id)}`;

/** A stored report's failures by severity and by rule family (what the platform's page shows of its latest filing). */
function failures(report: ReportRecord | null) {
  if (!report) return { bySeverity: null, failedByFamily: {} };
  const r = JSON.parse(report.json) as Report;
  const failedByFamily: Record<string, number> = {};
  for (const f of r.findings)
    if (f.status === 'fail') failedByFamily[f.family] = (failedByFamily[f.family] ?? 0) + 1;
  return { bySeverity: r.summary.bySeverity, failedByFamily };
}

/** The platform named in the URL, if the caller may see it and it is known; else 404 (so it does not leak). */
async function visiblePlatform(ctx: AppContext, req: Request, id: string): Promise<void> {
  const token = auth(req);
  if (!canSee(token, id) || (token.role !== 'officer' && !(await ctx.store.hasPlatform(id)))) {
    throw new HttpError('platform_not_found', say('http.no_platform', { id }));
  }
}

/** `POST /v1/orders`, `GET /v1/orders`, `GET /v1/orders/:id`, `POST /v1/orders/:id/close`, `GET /v1/platforms/:platform`. */
export function orderRoutes(ctx: AppContext): Route[] {
  const deps = orderDeps(ctx);
  return [
    {
      method: 'post',
      path: '/v1/orders',
      access: ['supervisor'],
      async handler(req, res) {
        const body = await readJson(req);
        const order = await answer(async () => openOrder(deps, openOrderRequest(body), auth(req).name));
        res.setHeader('Location', location(order.id));
        sendJson(res, 201, order);
      },
    },
    {
      method: 'get',
      path: '/v1/orders',
      access: ['officer', 'supervisor', 'auditor'],
      async handler(req, res) {
        const platform = queryString(req, 'platform');
        const state = queryString(req, 'state');
        const asOfText = queryString(req, 'asOf');
        if (platform !== undefined) await visiblePlatform(ctx, req, platform);
        const orders = await answer(async () => {
          const asOf = asOfFilter(asOfText);
          return listOrders(deps, {
            visible: visiblePlatforms(auth(req)),
            ...(platform !== undefined ? { platform } : {}),
            ...(state !== undefined ? { state: stateFilter(state) } : {}),
            ...(asOf !== undefined ? { asOf } : {}),
          });
        });
        sendJson(res, 200, { orders });
      },
    },
    {
      method: 'get',
      path: '/v1/orders/:id',
      access: ['officer', 'supervisor', 'auditor'],
      async handler(req, res) {
        const view = await answer(async () => {
          const order = await findOrder(deps, String(req.params.id), visiblePlatforms(auth(req)));
          return showOrder(deps, order, asOfFilter(queryString(req, 'asOf')));
        });
        sendJson(res, 200, view);
      },
    },
    {
      method: 'post',
      path: '/v1/orders/:id/close',
      access: ['supervisor'],
      async handler(req, res) {
        const id = String(req.params.id);
        // the order's existence before the body (DESIGN §8's order of checks)
        await answer(() => findOrder(deps, id, null));
        const body = await readJson(req);
        const view = await answer(async () =>
          closeOrder(deps, id, closeOrderRequest(body), auth(req).name, null),
        );
        sendJson(res, 200, view);
      },
    },
    {
      method: 'get',
      path: '/v1/platforms/:platform',
      access: ['officer', 'supervisor', 'auditor'],
      async handler(req, res) {
        const id = String(req.params.platform);
        await visiblePlatform(ctx, req, id);
        const [platform] = await ctx.store.listPlatforms([id]);
        const latest = platform
          ? {
              ...summaryView(platform.latest),
              ...failures(await ctx.store.getReport(id, platform.latest.filingId)),
            }
          : null;
        const open = await openOrdersOf(deps, id);
        sendJson(res, 200, {
          platformId: id,
          name: platform?.platformName ?? null,
          platformName: platform?.platformName ?? null,
          filings: platform?.filings ?? 0,
          latest,
          openOrders: open,
        });
      },
    },
  ];
}
