// Filings over HTTP: check a draft (optionally with a past rule set), submit one (idempotent) — both in
// src/app/filings.ts — and read a filing and its report.

import type { Request, Response } from 'express';
import { checkFiling, judgeFor, reportIn, submitFiling } from '../../app/filings.js';
import { ComplianceError } from '../../errors.js';
import { validateFiling } from '../../filing/validate.js';
import { reportToJson } from '../../report/json.js';
import type { FilingRecord } from '../../store/types.js';
import { auth, canSee, requireOwnPlatform, visiblePlatforms } from '../auth.js';
import { readFilingBody } from '../body.js';
import type { AppContext } from '../context.js';
import { HttpError } from '../errors.js';
import { say } from '../../messages/index.js';
import { requestedLang } from '../lang.js';
import { queryString } from '../query.js';
import { sendReportAs } from '../report-format.js';
import { sendJson } from '../send.js';
import { summaryView } from './platforms.js';
import type { Route } from './types.js';

/** Reads, parses and validates a filing body, then checks an officer may file for its platform. */
async function receiveFiling(req: Request) {
  const body = await readFilingBody(req);
  let filing;
  try {
    filing = validateFiling(body.value);
  } catch (e) {
    // a YAML body's problems get their line and column, as the CLI gives them for a file
    const position = body.position;
    if (e instanceof ComplianceError && position) {
      throw new ComplianceError(e.code, e.problems.map((p) => (p.pointer !== undefined && p.line === undefined ? { ...p, ...position(p.pointer, { key: p.message.startsWith('unknown field') }) } : p)));
    }
    throw e;
  }
  requireOwnPlatform(auth(req), filing.platform.id);
  return { ...body, filing };
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
  if (!f) throw new HttpError('filing_not_found', say('http.no_filing_of', { id, platform }));
  return f;
}

/**
 * The filing `/v1/filings/:id` names among the platforms the caller may see: 404 when none uses the
 * id, 409 `ambiguous_filing_id` with the canonical links when several do.
 */
async function shortcutFiling(ctx: AppContext, req: Request): Promise<FilingRecord> {
  const id = String(req.params.id);
  const found = await ctx.store.findFilings(id, visiblePlatforms(auth(req)));
  if (found.length === 0) throw new HttpError('filing_not_found', say('http.no_filing', { id }));
  if (found.length > 1) {
    throw new HttpError(
      'ambiguous_filing_id',
      say('http.ambiguous_filing', { count: found.length, id }),
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
  if (!f) throw new HttpError('filing_not_found', say('http.no_filing', { id }));
  return f;
}

/** `GET …/filings/:id`: the filing as parsed, or as received with `?as=received`. */
function sendFiling(req: Request, res: Response, f: FilingRecord): void {
  const as = queryString(req, 'as');
  if (as !== undefined && as !== 'received') {
    throw new HttpError('invalid_query', say('http.as_received', {}), [
      { code: 'invalid_query', ...say('http.as_received_item', {}), pointer: '/as' },
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
  if (!report) throw new HttpError('filing_not_found', say('http.no_report', { id: f.filingId }));
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
        const lang = requestedLang(req) ?? 'en';
        const judge = await judgeFor(ctx, version); // an unknown version is 404 before the body is read
        const { filing, text, type, value } = await receiveFiling(req);
        const report = await checkFiling(ctx, { filing, lang, judge });
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
        const lang = requestedLang(req);
        const received = await receiveFiling(req);
        const out = await submitFiling(ctx, { ...received, lang, by: auth(req).name });
        if (out.kind === 'created') ctx.metrics.filingJudged(out.report.verdict, 'submit');
        res.setHeader('Location', filingPath(out.filing.platformId, out.filing.filingId));
        sendJson(res, out.kind === 'created' ? 201 : 200, out.json);
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
