// Operations routes, no token needed: liveness, readiness, Prometheus metrics (with the supervisor's figures
// they read from the store), the OpenAPI document.

import { ORDER_STATES, type OrderState } from '../../app/orders/machine.js';
import { listOrders } from '../../app/orders/service.js';
import { watchlist } from '../../app/watchlist.js';
import type { AppContext } from '../context.js';
import { HttpError } from '../errors.js';
import { say } from '../../messages/index.js';
import type { BusinessFigures } from '../metrics.js';
import { openApiDocument } from '../openapi.js';
import { sendJson } from '../send.js';
import { orderDeps } from './orders.js';
import type { Route } from './types.js';

/**
 * What /metrics says a supervisor's alerts need, from the store: the watchlist's length (every platform's
 * latest current filing judged with its history, as GET /v1/watchlist does) and every order's state today.
 */
export async function businessFigures(ctx: AppContext): Promise<BusinessFigures> {
  const listed = await watchlist({ store: ctx.store, judge: ctx.engines.current.judge });
  const orders = Object.fromEntries(ORDER_STATES.map((s) => [s, 0])) as Record<OrderState, number>;
  for (const o of await listOrders(orderDeps(ctx), { visible: null })) orders[o.state]++;
  return { watchlist: listed.length, orders };
}

/**
 * `/healthz`, `/readyz` (503 once `draining()`), `/metrics`, `/openapi.json` (generated from `routes()`, the
 * app's table). /metrics reads the business figures at most once a minute of the app's clock: the watchlist
 * judges every platform's latest filing again with its history (0.2 s for 300 platforms on a test machine,
 * so seconds for thousands), too much for every scrape of every Prometheus server; a minute is finer than
 * anything the figures alert on (a platform's filings, an order's deadline day).
 */
export function opsRoutes(ctx: AppContext, draining: () => boolean, routes: () => readonly Route[] = () => []): Route[] {
  ctx.metrics.watchBusiness(
    () => businessFigures(ctx),
    () => ctx.now().getTime(),
  );
  return [
    {
      method: 'get',
      path: '/healthz',
      access: 'public',
      handler: (_req, res) => sendJson(res, 200, { status: 'ok' }),
    },
    {
      method: 'get',
      path: '/readyz',
      access: 'public',
      async handler(_req, res) {
        if (draining()) throw new HttpError('shutting_down', say('http.shutting_down', {}));
        // a query proves the store answers; the engine is loaded before the app exists
        await ctx.store.currentRuleSet();
        const { version, label } = ctx.engines.current;
        sendJson(res, 200, { status: 'ready', ruleset: { version, label } });
      },
    },
    {
      method: 'get',
      path: '/metrics',
      access: 'public',
      async handler(_req, res) {
        res
          .status(200)
          .type(ctx.metrics.registry.contentType)
          .send(await ctx.metrics.registry.metrics());
      },
    },
    {
      method: 'get',
      path: '/openapi.json',
      access: 'public',
      handler: (_req, res) => sendJson(res, 200, openApiDocument(routes())),
    },
  ];
}
