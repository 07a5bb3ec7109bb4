// Changing rules over HTTP: preview a change against stored filings, publish rules/parameters/waivers, delete,
// roll back. Each route reads If-Match and the body, calls the application (src/app/publish.ts, preview.ts), answers.

import type { Request, Response } from 'express';
import { previewStored } from '../../app/preview.js';
import {
  deleteRule,
  publishParameters,
  publishRule,
  publishWaivers,
  requireRule,
  rollback,
  type PublishRequest,
  type Published,
} from '../../app/publish.js';
import { auth } from '../auth.js';
import type { AppContext } from '../context.js';
import { etagOf, requireIfMatch } from '../etag.js';
import { readBody } from '../requests.js';
import { sendJson } from '../send.js';
import type { Route } from './types.js';
import { preparseYaml } from '../../yaml-worker-pool.js';

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
}

/** The version in force, which If-Match must name (428 missing, 412 stale): what the change is based on. */
function basedOn(ctx: AppContext, req: Request): Omit<PublishRequest, 'note'> {
  const base = ctx.engines.current;
  requireIfMatch(req, base.version);
  return { base, author: auth(req).name };
}

/** Answers a publish: 201 for a rule id new to the set, the new version as ETag, and logs it. */
function answer(ctx: AppContext, req: Request, res: Response, p: Published): void {
  if (p.changed) {
    ctx.metrics.ruleSetInForce(ctx.engines.current.version, ctx.engines.current.label);
    req.log.info({ action: p.action, target: p.target, before: p.previous.version, after: p.version, label: p.label }, 'rule set published');
  }
  res.setHeader('ETag', etagOf(p.version));
  const { version, label, previous, rules, audit } = p;
  sendJson(res, p.changed && p.created ? 201 : 200, { changed: p.changed, version, label, previous, rules, ...(audit === undefined ? {} : { audit }) });
}

/** Preview, publish (rules, parameters, waivers), delete and roll back. */
export function ruleChangeRoutes(ctx: AppContext): Route[] {
  return [
    {
      method: 'post',
      path: '/v1/rules/preview',
      access: ['supervisor', 'auditor'],
      async handler(req, res) {
        const base = ctx.engines.current;
        const body = await readBody(req, 'Preview');
        // large proposed texts are parsed on the YAML worker thread, never on the event loop (DESIGN §8)
        await preparseYaml([...Object.values(body.rules ?? {}), body.parameters, body.waivers]);
        sendJson(res, 200, await previewStored(ctx, base, body, body.all ?? false));
      },
    },
    {
      method: 'put',
      path: '/v1/rules/:id',
      access: ['supervisor'],
      async handler(req, res) {
        const from = basedOn(ctx, req);
        const body = await readBody(req, 'PublishRule');
        await preparseYaml([body.yaml]);
        answer(ctx, req, res, await publishRule(ctx, { ...from, id: String(req.params.id), yaml: body.yaml, note: body.note }));
      },
    },
    {
      method: 'delete',
      path: '/v1/rules/:id',
      access: ['supervisor'],
      async handler(req, res) {
        const id = String(req.params.id);
        requireRule(ctx.engines.current, id); // 404 before the precondition (DESIGN §8's order)
        const from = basedOn(ctx, req);
        const body = hasBody(req) ? await readBody(req, 'DeleteRule') : {};
        answer(ctx, req, res, await deleteRule(ctx, { ...from, id, note: body.note ?? '' }));
      },
    },
    {
      method: 'put',
      path: '/v1/parameters',
      access: ['supervisor'],
      async handler(req, res) {
        const from = basedOn(ctx, req);
        const body = await readBody(req, 'PublishParameters');
        answer(ctx, req, res, await publishParameters(ctx, { ...from, parameters: body.parameters, note: body.note }));
      },
    },
    {
      method: 'put',
      path: '/v1/waivers',
      access: ['supervisor'],
      async handler(req, res) {
        const from = basedOn(ctx, req);
        const body = await readBody(req, 'PublishWaivers');
        answer(ctx, req, res, await publishWaivers(ctx, { ...from, waivers: body.waivers, note: body.note }));
      },
    },
    {
      method: 'post',
      path: '/v1/rules/rollback',
      access: ['supervisor'],
      async handler(req, res) {
        const from = basedOn(ctx, req);
        const body = await readBody(req, 'Rollback');
        answer(ctx, req, res, await rollback(ctx, { ...from, version: body.version, note: body.note }));
      },
    },
  ];
}
