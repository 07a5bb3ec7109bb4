// Operations routes, no token needed: liveness, readiness, Prometheus metrics, the OpenAPI document.

import type { AppContext } from '../context.js';
import { HttpError } from '../errors.js';
import { openApiDocument } from '../openapi.js';
import { sendJson } from '../send.js';
import type { Route } from './types.js';

/** `/healthz`, `/readyz` (503 once `draining()`), `/metrics`, `/openapi.json` (generated from `routes()`, the app's table). */
export function opsRoutes(ctx: AppContext, draining: () => boolean, routes: () => readonly Route[] = () => []): Route[] {
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
        if (draining()) throw new HttpError('shutting_down', 'the service is shutting down');
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
