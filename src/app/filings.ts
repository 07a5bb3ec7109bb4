// Filings as the application handles them: check a draft (with the rule set in force or a published one),
// submit one (judged, then stored with its outcome and report, idempotent), and a stored report in another
// language (its outcome rendered again, never judged again).
// The API calls these; the CLI and queue workers can too.

import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { Judge } from '../engine/index.js';
import type { Filing } from '../filing/types.js';
import { say, type Said } from '../messages/index.js';
import { reportToJson } from '../report/json.js';
import { judgeReport, outcomeOfReport, renderReport } from '../report/render.js';
import type { Outcome, Report } from '../engine/report-model.js';
import { canonicalJson } from '../rules/canonical.js';
import type { Lang } from '../rules/types.js';
import type { FilingMediaType, FilingRecord, ReportRecord, Store, SubmitOutcome } from '../store/types.js';
import { AppError } from './errors.js';
import { historyOf } from './history.js';
import { syncPlatformOrders } from './orders/service.js';
import type { Engines } from './ruleset.js';

/** What checking and submitting need: the store, the rule set in force, and for orders the clock and zone. */
export interface FilingDeps {
  store: Store;
  engines: Engines;
  now: () => Date;
  /** IANA zone whose calendar day is "today" for rectification orders. */
  timeZone: string;
  logger: Pick<Logger, 'error'>;
}

/** A filing as received: validated, with the parsed value and the text and media type it came in. */
export interface ReceivedFiling {
  filing: Filing;
  value: unknown;
  text: string;
  type: FilingMediaType;
}

/** What a submit did: stored it now (`created`), or found the same document stored (`duplicate`). */
export interface Submitted {
  kind: 'created' | 'duplicate';
  filing: FilingRecord;
  report: ReportRecord;
  /** The report as JSON in the language asked for (a duplicate's stored outcome, rendered again in another language). */
  json: string;
}

/**
 * The judge of the rule set in force now (read from the store, so a publish made on any instance
 * holds), or of a published `version`, to reproduce a past report (`version_not_found`).
 */
export async function judgeFor(deps: Pick<FilingDeps, 'engines'>, version?: string): Promise<Judge> {
  if (version === undefined) return (await deps.engines.refresh()).judge;
  const judge = await deps.engines.at(version);
  if (!judge) throw new AppError('version_not_found', say('app.version_not_found', { version }));
  return judge;
}

/** Judges a filing without storing it, with the platform's stored history (DESIGN §5.1). */
export async function checkFiling(deps: Pick<FilingDeps, 'store'>, req: { filing: Filing; lang: Lang; judge: Judge }): Promise<Report> {
  return judgeReport(req.judge, req.filing, { lang: req.lang, history: await historyOf(deps.store, req.filing.platform.id) });
}

/** The outcome a stored report was rendered from: stored with it, or (stored before outcomes were) read from its JSON. */
export function storedOutcome(filing: FilingRecord, report: ReportRecord): Outcome {
  if (report.outcome !== null) return JSON.parse(report.outcome) as Outcome;
  return outcomeOfReport(JSON.parse(report.json) as Report, filing.platformName);
}

/**
 * The stored report in the language asked for. Another language is the stored outcome rendered
 * again with the texts of the rule-set version that judged it (DESIGN §6 revision 3): the same
 * statuses, evidence and figures, whatever has been stored since. Nothing is judged.
 */
export async function reportIn(
  deps: Pick<FilingDeps, 'engines'>,
  filing: FilingRecord,
  report: ReportRecord,
  lang: Lang | undefined,
): Promise<string> {
  if (lang === undefined || lang === report.lang) return report.json;
  const judge = await deps.engines.at(report.rulesetVersion);
  // the texts of a version no longer stored cannot be had: the report stays in its own language
  if (!judge) return report.json;
  return reportToJson(renderReport(storedOutcome(filing, report), judge.ruleSet, lang));
}

/** A document's identity for idempotence: the sha256 of its canonical JSON (equal as parsed JSON, equal digest). */
function digestOf(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

/**
 * Judges a filing with the rule set in force (read from the store now, so a publish that returned on
 * any instance holds) and stores it with its report; the same document again is `duplicate`, another
 * under a taken id `filing_id_taken`, a period already filed `period_taken`, a bad `supersedes`
 * `supersedes_invalid` — decided by the store's constraints, so it holds across instances. A stored
 * filing then moves its platform's rectification orders (DESIGN §11).
 */
export async function submitFiling(deps: FilingDeps, req: ReceivedFiling & { lang: Lang | undefined; by: string }): Promise<Submitted> {
  const { filing } = req;
  const platformId = filing.platform.id;
  const digest = digestOf(req.value);
  // ids are looked up within the filing's own platform: another platform's ids are never seen
  const existing = await deps.store.getFiling(platformId, filing.filingId);
  if (existing && existing.digest !== digest) {
    // X supersedes Y where the stored Y supersedes X: a loop, named as such (DESIGN §3), not just a taken id
    const target = filing.supersedes ? await deps.store.getFiling(platformId, filing.supersedes) : null;
    if (target && target.supersedes === filing.filingId) {
      const said = say('filing.supersedes_cycle', { platformId, chain: `${filing.filingId} ${target.filingId} ${filing.filingId}` });
      throw new AppError('supersedes_cycle', said, [{ code: 'supersedes_cycle', ...said, pointer: '/supersedes' }]);
    }
    throw taken(filing.filingId);
  }
  let outcome: SubmitOutcome;
  if (existing) {
    outcome = { kind: 'duplicate', filing: existing, report: (await deps.store.getReport(platformId, filing.filingId))! };
  } else {
    const engine = await deps.engines.refresh();
    // judge outside the transaction: the store only compares and writes
    const judged = engine.judge.outcome(filing, { history: await historyOf(deps.store, platformId) });
    const report = renderReport(judged, engine.ruleSet, req.lang ?? 'en');
    outcome = await deps.store.submitFiling({
      filingId: filing.filingId,
      platformId,
      platformName: filing.platform.name,
      period: { start: filing.period.start, end: filing.period.end },
      supersedes: filing.supersedes ?? null,
      receivedType: req.type,
      receivedText: req.text,
      parsedJson: JSON.stringify(req.value),
      digest,
      submittedBy: req.by,
      report: { rulesetVersion: engine.version, rulesetLabel: engine.label, lang: req.lang ?? 'en', verdict: report.verdict, json: reportToJson(report), outcome: JSON.stringify(judged) },
    });
  }
  if (outcome.kind === 'conflict') {
    const said = conflictSaid(outcome, filing);
    throw new AppError(outcome.reason, said, [{ code: outcome.reason, ...said, pointer: outcome.pointer }]);
  }
  await followStoredFiling(deps, platformId, filing.filingId);
  const json = outcome.kind === 'created' ? outcome.report.json : await reportIn(deps, outcome.filing, outcome.report, req.lang);
  return { kind: outcome.kind, filing: outcome.filing, report: outcome.report, json };
}

/**
 * The store's refusal with its key and values, for the caller's language: the English stays the
 * store's words; the values are the filing's, and the two the store alone knows (which filing holds
 * the period, whether `supersedes` names a filing at all) are read from those words, which both
 * stores write alike.
 */
function conflictSaid(outcome: Extract<SubmitOutcome, { kind: 'conflict' }>, filing: Filing): Said {
  const platform = filing.platform.id;
  const keyed = (() => {
    switch (outcome.reason) {
      case 'filing_id_taken':
        return say('store.filing_id_taken', { id: filing.filingId });
      case 'period_taken': {
        const current = / as (.+); name it in supersedes/.exec(outcome.message)?.[1] ?? '';
        return say('store.period_taken', { platform, period: `${filing.period.start}..${filing.period.end}`, current });
      }
      case 'supersedes_invalid':
        return say('store.supersedes_invalid', { platform, supersedes: filing.supersedes ?? '', superseded: outcome.message.endsWith('already superseded') });
    }
  })();
  return { message: outcome.message, msg: keyed.msg };
}

function taken(filingId: string): AppError {
  return AppError.at(
    'filing_id_taken',
    say('app.filing_id_taken', { id: filingId }),
    '/filingId',
    say('app.filing_id_taken_item', {}),
  );
}

/**
 * Brings the platform's rectification orders up to date after one of its filings is stored. A failure
 * here must not turn a stored filing into an error answer: the order views are computed from the
 * stored filings regardless, so it is logged and the next stored filing catches up.
 */
async function followStoredFiling(deps: FilingDeps, platformId: string, filingId: string): Promise<void> {
  try {
    await syncPlatformOrders(
      { store: deps.store, timeZone: deps.timeZone, now: deps.now, parameters: () => deps.engines.current.ruleSet.parameters },
      platformId,
      filingId,
    );
  } catch (err) {
    deps.logger.error({ err, platformId }, 'rectification orders not brought up to date');
  }
}
