// Reading the rule set in force (ETag = its version) and the list of published versions.

import type { AppContext } from '../context.js';
import { notModified } from '../etag.js';
import { HttpError } from '../errors.js';
import { say } from '../../messages/index.js';
import { sendJson } from '../send.js';
import type { Route } from './types.js';

const everyone = ['officer', 'supervisor', 'auditor'] as const;

/** `GET /v1/rules`, `/v1/rules/versions`, `/v1/rules/:id`, `/v1/parameters`, `/v1/waivers`. */
export function ruleReadRoutes(ctx: AppContext): Route[] {
  return [
    {
      method: 'get',
      path: '/v1/rules',
      access: everyone,
      handler(req, res) {
        const { ruleSet, version, label } = ctx.engines.current;
        if (notModified(req, res, version)) return;
        sendJson(res, 200, { version, label, rules: ruleSet.rules });
      },
    },
    {
      method: 'get',
      path: '/v1/rules/versions',
      access: everyone,
      async handler(_req, res) {
        const { version } = ctx.engines.current;
        const versions = await ctx.store.listRuleSets();
        res.setHeader('ETag', `"${version}"`);
        sendJson(res, 200, {
          current: version,
          // §8 names each { version, label, at, note, token }; author and createdAt stay for older clients
          versions: versions.map((v) => ({
            ...v,
            at: v.createdAt,
            token: v.author,
            current: v.version === version && v.label === versions[0]?.label,
          })),
        });
      },
    },
    {
      method: 'get',
      path: '/v1/rules/:id',
      access: everyone,
      handler(req, res) {
        const { ruleSet, version, label } = ctx.engines.current;
        const id = String(req.params.id);
        const rule = ruleSet.rules.find((r) => r.id === id);
        if (!rule) throw new HttpError('rule_not_found', say('http.no_rule', { id }));
        if (notModified(req, res, version)) return;
        const yaml = ruleSet.sources.rules.find((f) => f.file === rule.file)?.text ?? null;
        sendJson(res, 200, { id: rule.id, version, label, rule, yaml });
      },
    },
    {
      method: 'get',
      path: '/v1/parameters',
      access: everyone,
      handler(req, res) {
        const { ruleSet, version, label } = ctx.engines.current;
        if (notModified(req, res, version)) return;
        sendJson(res, 200, {
          version,
          label,
          parameters: ruleSet.parameters,
          yaml: ruleSet.sources.parameters?.text ?? null,
        });
      },
    },
    {
      method: 'get',
      path: '/v1/waivers',
      access: everyone,
      handler(req, res) {
        const { ruleSet, version, label } = ctx.engines.current;
        if (notModified(req, res, version)) return;
        sendJson(res, 200, {
          version,
          label,
          waivers: ruleSet.waivers,
          yaml: ruleSet.sources.waivers?.text ?? null,
        });
      },
    },
  ];
}
