// Changing rules: preview a change against stored filings, publish rules/parameters/waivers, delete, roll back.

import type { Request, Response } from 'express';
import { Judge } from '../../engine/index.js';
import { previewChange, type PreviewResult } from '../../engine/preview.js';
import type { Filing } from '../../filing/types.js';
import { parseRuleSet } from '../../rules/parse.js';
import type { RuleSetSources } from '../../rules/types.js';
import type { AuditAction } from '../../store/types.js';
import { auth } from '../auth.js';
import type { AppContext } from '../context.js';
import type { EngineState } from '../engines.js';
import { etagOf, requireIfMatch } from '../etag.js';
import { HttpError } from '../errors.js';
import { applyChange, type Change } from '../proposal.js';
import { readBody } from '../requests.js';
import { sendJson } from '../send.js';
import type { Route } from './types.js';

/** Filings judged per round of a preview: the store is read a page at a time. */
const CHUNK = 500;

interface Publication {
  base: EngineState;
  sources: RuleSetSources;
  action: AuditAction;
  target: string | null;
  note: string;
  /** 201 instead of 200 (a rule id new to the set). */
  created?: boolean;
}

/**
 * Lints the new rule set, stores it if the version in force is still the one the change was based
 * on (else 412), records the audit entry in the same transaction, and swaps the engine.
 */
async function publish(ctx: AppContext, req: Request, res: Response, p: Publication): Promise<void> {
  const ruleSet = parseRuleSet(p.sources);
  const previous = { version: p.base.version, label: p.base.label };
  if (ruleSet.version === p.base.version) {
    res.setHeader('ETag', etagOf(p.base.version));
    sendJson(res, 200, {
      changed: false,
      version: p.base.version,
      label: p.base.label,
      previous,
      rules: ruleSet.rules.length,
    });
    return;
  }
  const out = await ctx.store.publishRuleSet({
    expected: p.base.version,
    version: ruleSet.version,
    sources: ruleSet.sources,
    rules: ruleSet.rules.length,
    author: auth(req).name,
    note: p.note,
    action: p.action,
    target: p.target,
  });
  if (out.kind === 'stale') {
    const now = out.current?.version ?? 'none';
    throw new HttpError(
      'precondition_failed',
      `the rule set changed while this change was being made: ${etagOf(now)} is in force now`,
      [],
      { ETag: etagOf(now) },
    );
  }
  const inForce = ctx.engines.install(out.record, ruleSet);
  ctx.metrics.ruleSetInForce(inForce.version, inForce.label);
  req.log.info(
    {
      action: p.action,
      target: p.target,
      before: p.base.version,
      after: ruleSet.version,
      label: out.record.label,
    },
    'rule set published',
  );
  res.setHeader('ETag', etagOf(out.record.version));
  sendJson(res, p.created ? 201 : 200, {
    changed: true,
    version: out.record.version,
    label: out.record.label,
    previous,
    rules: out.record.rules,
    audit: out.audit.id,
  });
}

/** Adds one round's preview into the running total. */
function merge(total: PreviewResult, part: PreviewResult): void {
  total.filings += part.filings;
  total.verdictChanges += part.verdictChanges;
  total.changes.push(...part.changes);
  for (const [rule, impact] of Object.entries(part.byRule)) {
    const t = (total.byRule[rule] ??= { appeared: 0, disappeared: 0, changed: 0 });
    t.appeared += impact.appeared;
    t.disappeared += impact.disappeared;
    t.changed += impact.changed;
  }
}

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
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
        const body = await readBody<Change & { all?: boolean }>(req, 'Preview');
        const proposed = new Judge(parseRuleSet(applyChange(base.ruleSet, body)));
        const scope = body.all ? 'all' : 'latest';
        const total: PreviewResult = {
          current: base.version,
          proposed: proposed.ruleSet.version,
          filings: 0,
          verdictChanges: 0,
          changes: [],
          byRule: {},
        };
        let chunk: Filing[] = [];
        const judgeChunk = () => {
          merge(total, previewChange(base.judge, proposed, chunk));
          chunk = [];
        };
        for await (const doc of ctx.store.documents(scope)) {
          chunk.push(JSON.parse(doc.parsedJson) as Filing);
          if (chunk.length >= CHUNK) judgeChunk();
        }
        judgeChunk();
        total.byRule = Object.fromEntries(Object.entries(total.byRule).sort(([a], [b]) => (a < b ? -1 : 1)));
        sendJson(res, 200, { scope, ...total });
      },
    },
    {
      method: 'put',
      path: '/v1/rules/:id',
      access: ['supervisor'],
      async handler(req, res) {
        const base = ctx.engines.current;
        const id = String(req.params.id);
        requireIfMatch(req, base.version);
        const body = await readBody<{ yaml: string; note: string }>(req, 'PublishRule');
        const created = !base.ruleSet.rules.some((r) => r.id === id);
        if (!/^[A-Z]{2,8}-[0-9]{3}$/.test(id)) {
          throw new HttpError('rule_id_mismatch', `${id} is not a rule id (like NAME-001)`, [
            { code: 'rule_id_mismatch', message: 'not a rule id', pointer: '/yaml' },
          ]);
        }
        const sources = applyChange(base.ruleSet, { rules: { [id]: body.yaml } }, () => '/yaml');
        await publish(ctx, req, res, {
          base,
          sources,
          action: 'publish-rule',
          target: id,
          note: body.note,
          created,
        });
      },
    },
    {
      method: 'delete',
      path: '/v1/rules/:id',
      access: ['supervisor'],
      async handler(req, res) {
        const base = ctx.engines.current;
        const id = String(req.params.id);
        if (!base.ruleSet.rules.some((r) => r.id === id))
          throw new HttpError('rule_not_found', `no rule ${id} in the rule set in force`);
        requireIfMatch(req, base.version);
        const body = hasBody(req) ? await readBody<{ note?: string }>(req, 'DeleteRule') : {};
        const sources = applyChange(base.ruleSet, { rules: { [id]: null } });
        await publish(ctx, req, res, {
          base,
          sources,
          action: 'delete-rule',
          target: id,
          note: body.note ?? '',
        });
      },
    },
    {
      method: 'put',
      path: '/v1/parameters',
      access: ['supervisor'],
      async handler(req, res) {
        const base = ctx.engines.current;
        requireIfMatch(req, base.version);
        const body = await readBody<{ parameters: unknown; note: string }>(req, 'PublishParameters');
        const sources = applyChange(base.ruleSet, { parameters: body.parameters });
        await publish(ctx, req, res, {
          base,
          sources,
          action: 'publish-parameters',
          target: null,
          note: body.note,
        });
      },
    },
    {
      method: 'put',
      path: '/v1/waivers',
      access: ['supervisor'],
      async handler(req, res) {
        const base = ctx.engines.current;
        requireIfMatch(req, base.version);
        const body = await readBody<{ waivers: unknown; note: string }>(req, 'PublishWaivers');
        const sources = applyChange(base.ruleSet, { waivers: body.waivers });
        await publish(ctx, req, res, {
          base,
          sources,
          action: 'publish-waivers',
          target: null,
          note: body.note,
        });
      },
    },
    {
      method: 'post',
      path: '/v1/rules/rollback',
      access: ['supervisor'],
      async handler(req, res) {
        const base = ctx.engines.current;
        requireIfMatch(req, base.version);
        const body = await readBody<{ version: string; note: string }>(req, 'Rollback');
        const target = await ctx.store.getRuleSet(body.version);
        if (!target) {
          throw new HttpError('unknown_version', `no published version ${body.version}`, [
            {
              code: 'unknown_version',
              message: 'not a published version (GET /v1/rules/versions lists them)',
              pointer: '/version',
            },
          ]);
        }
        await publish(ctx, req, res, {
          base,
          sources: target.sources,
          action: 'rollback',
          target: body.version,
          note: body.note,
        });
      },
    },
  ];
}
