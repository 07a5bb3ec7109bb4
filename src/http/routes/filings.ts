// Filings: check a draft (optionally with a past rule set), submit one (idempotent), read a filing and its report.

import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Judge } from '../../engine/index.js';
import type { Filing } from '../../filing/types.js';
import { validateFiling } from '../../filing/validate.js';
import { canonicalJson } from '../../rules/canonical.js';
import type { Lang } from '../../rules/types.js';
import type { FilingRecord, ReportRecord } from '../../store/types.js';
import { auth, canSee, requireOwnPlatform, visiblePlatforms } from '../auth.js';
import { readFilingBody } from '../body.js';
import type { AppContext } from '../context.js';
import { HttpError } from '../errors.js';
import { requestedLang } from '../lang.js';
import { queryString } from '../query.js';
import { sendJson } from '../send.js';
import { sendReportAs } from '../report-format.js';
import type { Route } from './types.js';
import { reportToJson } from '../../report/json.js';
import { summaryView } from './platforms.js';
import { followStoredFiling } from './orders.js';

/** Reads, parses and validates a filing body, then checks an officer may file for its platform. */
async function receiveFiling(req: Request) {
  const body = await readFilingBody(req);
  const filing = validateFiling(body.value);
  requireOwnPlatform(auth(req), filing.platform.id);
  return { ...body, filing };
}

/**
 * The stored report in the language asked for. Stored reports keep the language they were judged
 * in; another language is judged again with the same rule-set version, which gives the same findings.
 */
async function reportIn(
  ctx: AppContext,
  filing: FilingRecord,
  report: ReportRecord,
  lang: Lang | undefined,
): Promise<string> {
  if (lang === undefined || lang === report.lang) return report.json;
  const judge = await ctx.engines.at(report.rulesetVersion);
  if (!judge) return report.json;
  // the history as stored now (DESIGN §5.1): the same as when judged unless the platform's filings changed since
  const history = await ctx.store.historyRecords(filing.platformId);
  return reportToJson(judge.judge(JSON.parse(filing.parsedJson) as Filing, { lang, history }));
}

/** The canonical path of a platform's filing: ids are unique within a platform only. */
export function filingPath(platformId: string, filingId: string): string {
  return `/v1/platforms/${encodeURIComponent(platformId)}/filings/${encodeURIComponent(filingId)}`;
}

/** A filing as the API shows it: where it stands, what judged it, and the document as parsed. */
function filingView(f: FilingRecord) {
  return {
    ...summaryView(f),
    platformId: f.platformId,
    platformName: f.platformName,
    received: { contentType: f.receivedType, bytes: Buffer.byteLength(f.receivedText) },
    report: `${filingPath(f.platformId, f.filingId)}/report`,
    filing: JSON.parse(f.parsedJson) as unknown,
  };
}

/**
 * The filing a canonical URL names, or 404: also when it is another platform's and the token an
 * officer's, with the same words, so an officer cannot tell "not yours" from "not there".
 */
async function canonicalFiling(ctx: AppContext, req: Request): Promise<FilingRecord> {
  const platform = String(req.params.platform);
  const id = String(req.params.id);
  const f = canSee(auth(req), platform) ? await ctx.store.getFiling(platform, id) : null;
  if (!f) throw new HttpError('filing_not_found', `no filing ${id} of platform ${platform}`);
  return f;
}

/**
 * The filing `/v1/filings/:id` names among the platforms the caller may see: 404 when none uses the
 * id, 409 `ambiguous_filing_id` with the canonical links when several do.
 */
async function shortcutFiling(ctx: AppContext, req: Request): Promise<FilingRecord> {
  const id = String(req.params.id);
  const found = await ctx.store.findFilings(id, visiblePlatforms(auth(req)));
  if (found.length === 0) throw new HttpError('filing_not_found', `no filing ${id}`);
  if (found.length > 1) {
    throw new HttpError(
      'ambiguous_filing_id',
      `${found.length} platforms use filing id ${id}; ask for it by platform`,
      [],
      {},
      {
        filings: found.map((f) => ({
          platformId: f.platformId,
          href: filingPath(f.platformId, f.filingId),
          report: `${filingPath(f.platformId, f.filingId)}/report`,
        })),
      },
    );
  }
  const f = await ctx.store.getFiling(found[0]!.platformId, id);
  if (!f) throw new HttpError('filing_not_found', `no filing ${id}`);
  return f;
}

/** `GET …/filings/:id`: the filing as parsed, or as received with `?as=received`. */
function sendFiling(req: Request, res: Response, f: FilingRecord): void {
  const as = queryString(req, 'as');
  if (as !== undefined && as !== 'received') {
    throw new HttpError('invalid_query', 'as must be received', [
      { code: 'invalid_query', message: 'must be received', pointer: '/as' },
    ]);
  }
  if (as === 'received') {
    res.status(200).type(f.receivedType).send(f.receivedText);
    return;
  }
  sendJson(res, 200, filingView(f));
}

/** `GET …/filings/:id/report`: the stored report, in the language asked for. */
async function sendReport(ctx: AppContext, req: Request, res: Response, f: FilingRecord): Promise<void> {
  const lang = requestedLang(req);
  const report = await ctx.store.getReport(f.platformId, f.filingId);
  if (!report) throw new HttpError('filing_not_found', `no report for filing ${f.filingId}`);
  sendReportAs(req, res, 200, await reportIn(ctx, f, report, lang), f); // JSON, SARIF or HTML by Accept
}

/**
 * `POST /v1/check`, `POST /v1/filings`, the canonical `GET /v1/platforms/:platform/filings/:id`
 * (and `/report`), and the `GET /v1/filings/:id` (and `/report`) shortcut.
 */
export function filingRoutes(ctx: AppContext): Route[] {
  return [
    {
      method: 'post',
      path: '/v1/check',
      access: ['officer', 'supervisor'],
      async handler(req, res) {
        const version = queryString(req, 'version');
        let judge: Judge = ctx.engines.current.judge;
        if (version !== undefined) {
          const past = await ctx.engines.at(version);
          if (!past)
            throw new HttpError(
              'version_not_found',
              `no published rule-set version ${version} (GET /v1/rules/versions lists them)`,
            );
          judge = past;
        }
        const lang = requestedLang(req) ?? 'en';
        const { filing, text, type, value } = await receiveFiling(req);
        // the history: the platform's current stored filings at the moment of judging (DESIGN §5.1)
        const report = judge.judge(filing, { lang, history: await ctx.store.historyRecords(filing.platform.id) });
        ctx.metrics.filingJudged(report.verdict, 'check');
        // JSON, or SARIF / HTML by Accept (report-format.ts)
        sendReportAs(req, res, 200, reportToJson(report), { filingId: filing.filingId, receivedText: text, receivedType: type, parsedJson: JSON.stringify(value) });
      },
    },
    {
      method: 'post',
      path: '/v1/filings',
      access: ['officer', 'supervisor'],
      async handler(req, res) {
        // the rule set in force when the request arrived judges it, even if a publish lands meanwhile
        const engine = ctx.engines.current;
        const lang = requestedLang(req);
        const { filing, value, text, type } = await receiveFiling(req);
        const digest = createHash('sha256').update(canonicalJson(value)).digest('hex');
        const location = filingPath(filing.platform.id, filing.filingId);
        // ids are looked up within the filing's own platform: another platform's ids are never seen
        const existing = await ctx.store.getFiling(filing.platform.id, filing.filingId);
        if (existing && existing.digest !== digest) {
          throw new HttpError('filing_id_taken', `filingId ${filing.filingId} is taken by another document`, [
            {
              code: 'filing_id_taken',
              message:
                'another document is stored under this id; a correction needs a new filingId and supersedes',
              pointer: '/filingId',
            },
          ]);
        }
        // judge outside the transaction: the store only compares and writes
        const report = existing ? null : engine.judge.judge(filing, { lang: lang ?? 'en', history: await ctx.store.historyRecords(filing.platform.id) });
        const outcome = report
          ? await ctx.store.submitFiling({
              filingId: filing.filingId,
              platformId: filing.platform.id,
              platformName: filing.platform.name,
              period: { start: filing.period.start, end: filing.period.end },
              supersedes: filing.supersedes ?? null,
              receivedType: type,
              receivedText: text,
              parsedJson: JSON.stringify(value),
              digest,
              submittedBy: auth(req).name,
              report: {
                rulesetVersion: engine.version,
                rulesetLabel: engine.label,
                lang: lang ?? 'en',
                verdict: report.verdict,
                json: reportToJson(report),
              },
            })
          : {
              kind: 'duplicate' as const,
              filing: existing!,
              report: (await ctx.store.getReport(filing.platform.id, filing.filingId))!,
            };
        // a stored filing moves its platform's rectification orders (DESIGN §11), before the answer
        if (outcome.kind !== 'conflict') await followStoredFiling(ctx, filing.platform.id);
        res.setHeader('Location', location);
        switch (outcome.kind) {
          case 'created':
            ctx.metrics.filingJudged(outcome.report.verdict, 'submit');
            sendJson(res, 201, outcome.report.json);
            return;
          case 'duplicate':
            sendJson(res, 200, await reportIn(ctx, outcome.filing, outcome.report, lang));
            return;
          case 'conflict':
            res.removeHeader('Location');
            throw new HttpError(outcome.reason, outcome.message, [
              { code: outcome.reason, message: outcome.message, pointer: outcome.pointer },
            ]);
        }
      },
    },
    {
      method: 'get',
      path: '/v1/platforms/:platform/filings/:id',
      access: ['officer', 'supervisor', 'auditor'],
      async handler(req, res) {
        sendFiling(req, res, await canonicalFiling(ctx, req));
      },
    },
    {
      method: 'get',
      path: '/v1/platforms/:platform/filings/:id/report',
      access: ['officer', 'supervisor', 'auditor'],
      async handler(req, res) {
        await sendReport(ctx, req, res, await canonicalFiling(ctx, req));
      },
    },
    {
      method: 'get',
      path: '/v1/filings/:id',
      access: ['officer', 'supervisor', 'auditor'],
      async handler(req, res) {
        sendFiling(req, res, await shortcutFiling(ctx, req));
      },
    },
    {
      method: 'get',
      path: '/v1/filings/:id/report',
      access: ['officer', 'supervisor', 'auditor'],
      async handler(req, res) {
        await sendReport(ctx, req, res, await shortcutFiling(ctx, req));
      },
    },
  ];
}
