// Scan items (text from a file or an NDJSON line) → output lines plus the little the summary needs.

import { Judge, type HistoryDigest } from '../engine/index.js';
import { ComplianceError } from '../errors.js';
import { readFiling } from '../filing/validate.js';
import type { FilingFormat } from '../filing/parse.js';
import type { Filing } from '../filing/types.js';
import { ByteWriter, writeReportLine, writeScanLine } from '../report/ndjson-bytes.js';
import type { Outcome } from '../engine/report-model.js';
import type { Lang } from '../rules/types.js';
import { batchLines } from '../ndjson.js';
import { renderReport } from '../report/render.js';
import { renderScanLine, STATUS_CODE, VERDICT_CODE, type ScanLines } from '../report/scan-line.js';
import { emptyDigest, historyRecord } from '../engine/history.js';
import { trendOf, watchEntry, type WatchEntry } from '../engine/watchlist.js';

export { CODE_STATUS, CODE_VERDICT, STATUS_CODE, VERDICT_CODE, type ScanLines } from '../report/scan-line.js';

export interface ScanItem {
  /** The file, or `file:line` / `stdin:line` for NDJSON. */
  source: string;
  text: string;
  format: FilingFormat;
  /** The filing's history digest, when the scan gives histories (DESIGN §5.1): made in the main thread from its index. */
  history?: HistoryDigest;
  /** True when the history's first pass read this text as a valid filing: it is judged without being validated again. */
  validated?: true;
  /** Why the input is no filing before any parsing (empty, not UTF-8, a line too long): its `invalid` line says so. */
  refused?: ItemError;
}

export interface ItemError {
  code: string;
  pointer?: string;
  line?: number;
  column?: number;
  message: string;
}

/**
 * What the summary needs of one item, compact so a worker sends it cheaply: for a report the
 * platform and one character for the verdict then one per rule (in rule-set order); for an invalid
 * item its source and errors.
 */
export type ItemMeta =
  | {
      platformId: string;
      codes: string;
      /** Its period.end and id: which of a platform's filings is its latest, for the watchlist. */
      asOf: string;
      filingId: string;
      /** Its watchlist entry, when it fails or is advisory on an early-warning rule (DESIGN §5.1). */
      watch?: WatchEntry;
    }
  | { source: string; errors: ItemError[] };

/** A judged batch: its output lines (each ending in a newline) and each item's meta, in input order. */
export interface BatchResult {
  /** The lines as UTF-8: what a scan writes, made in the thread that judged them. */
  out: Uint8Array;
  metas: ItemMeta[];
}

const withoutBom = (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

/** The verdict's code, then each finding's status code in rule-set order. */
function codesOf(outcome: Outcome): string {
  let codes = VERDICT_CODE[outcome.verdict];
  for (const f of outcome.findings) codes += STATUS_CODE[f.status];
  return codes;
}

/**
 * Parses, validates and judges one item, writing its line — the bulk scan line, the whole report, or
 * nothing (`lines`); an invalid one becomes an `invalid` line, never an exception. Text is rendered
 * only for what the line shows.
 */
export function judgeItem(judge: Judge, item: ScanItem, lang: Lang, w: ByteWriter, lines: ScanLines = 'full'): ItemMeta {
  if (item.refused) {
    w.text(JSON.stringify({ type: 'invalid', source: item.source, errors: [item.refused] }) + '\n');
    return { source: item.source, errors: [item.refused] };
  }
  try {
    // a filing the history's first pass found valid (this very text) is only parsed again, not re-checked
    const filing = item.validated && item.format === 'json' ? (JSON.parse(withoutBom(item.text)) as Filing) : readFiling(item.text, item.source, item.format);
    const outcome = judge.outcome(filing, item.history ? { lang, historyDigest: item.history } : { lang });
    if (lines === 'scan') writeScanLine(w, renderScanLine(outcome, judge.ruleSet, lang));
    else if (lines === 'full') writeReportLine(w, renderReport(outcome, judge.ruleSet, lang));
    const meta: ItemMeta = { platformId: outcome.platformId, codes: codesOf(outcome), asOf: outcome.asOf, filingId: outcome.filingId };
    // the trend is read only for a filing the watchlist takes: most are not on it
    const watch = watchEntry(outcome, () => trendOf(historyRecord(filing), item.history ?? emptyDigest(), judge.ruleSet.parameters));
    if (watch) meta.watch = watch;
    return meta;
  } catch (e) {
    const errors: ItemError[] =
      e instanceof ComplianceError
        ? e.problems.map((p) => ({
            code: p.code,
            ...(p.pointer !== undefined ? { pointer: p.pointer } : {}),
            ...(p.line !== undefined ? { line: p.line, column: p.column ?? 1 } : {}),
            message: p.message,
          }))
        : [{ code: 'eval_fact_error', message: `could not be judged: ${(e as Error).message}` }];
    w.text(JSON.stringify({ type: 'invalid', source: item.source, errors }) + '\n');
    return { source: item.source, errors };
  }
}

/** Judges a batch of items in order, each written as `lines` says. */
export function judgeBatch(judge: Judge, items: readonly ScanItem[], lang: Lang, lines: ScanLines = 'full'): { out: Uint8Array; metas: ItemMeta[] } {
  const w = new ByteWriter();
  const metas = items.map((item) => judgeItem(judge, item, lang, w, lines));
  return { out: w.result(), metas };
}

/** A line the splitter refused (scans set no length limit: only text that is not UTF-8). */
export const NOT_UTF8_LINE: ItemError = { code: 'filing_parse_error', message: 'this line is not UTF-8 text' };

/**
 * The items of a batch of NDJSON bytes whose first line is line `firstLine` of `name` (split by
 * src/ndjson.ts); blank lines skipped. `histories`, when given, holds each line's history digest (by line of the batch).
 */
export function ndjsonBatchItems(
  bytes: Uint8Array,
  name: string,
  firstLine: number,
  histories?: readonly (HistoryDigest | null)[],
  validated?: true,
  refusals?: readonly (ItemError | null)[],
): ScanItem[] {
  return batchLines(bytes, firstLine).map((l): ScanItem => {
    const source = `${name}:${l.line}`;
    if ('refused' in l) return { source, text: '', format: 'json', refused: NOT_UTF8_LINE };
    const refused = refusals?.[l.line - firstLine];
    if (refused) return { source, text: l.text, format: 'json', refused };
    const history = histories?.[l.line - firstLine];
    return history ? { source, text: l.text, format: 'json', history, ...(validated ? { validated } : {}) } : { source, text: l.text, format: 'json' };
  });
}
