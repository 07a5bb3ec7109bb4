// Output formats by name (conftest's `output.Get`): the one list that `check`, `scan` and the HTTP
// report routes consult. Each format says its media type, whether a scan streams it, what it needs
// besides the reports, and how it writes them; adding a format is a file and an entry here.

import type { Report } from '../engine/report-model.js';
import type { Family, Lang, RuleSet } from '../rules/types.js';
import { formatEntriesJson, formatEntriesNdjson, type EntryError, type InvalidEntry } from './entries.js';
import { formatExplain } from './explain.js';
import { formatHtml, formatScanHtml } from './html.js';
import { formatJunit } from './junit.js';
import { formatSarif, SarifScanWriter } from './sarif.js';
import { formatScanSummary, type ScanSummaryView } from './scan-table.js';
import { formatRulesetLine, rulesetLine, type ScanLine, type ScanLines } from './scan-line.js';
import { formatTable } from './table.js';

/**
 * One judged filing as a format receives it: its report and, when known, the file it was read from,
 * and, when the format needs them, that file's text (SARIF's regions) and its parsed document (the
 * values HTML shows).
 */
export interface ReportInput {
  report: Report;
  file?: string;
  text?: string;
  filing?: unknown;
}

/** What `check` hands a format for each FILE, in its place: a judged filing, or the entry of an invalid one. */
export type FormatEntry = ReportInput | InvalidEntry;

export interface FormatOptions {
  lang: Lang;
  /** table: list passing and not-applicable rules too. */
  verbose?: boolean;
  /** table: add each condition's result after the reports (`--explain`). */
  explain?: boolean;
}

/** What a scan says of each item besides its line (src/scan's ItemMeta): a report's platform and codes, or an invalid item. */
export type ScanItemView =
  | { platformId: string; /** the verdict's code, then each rule's status code in rule-set order (src/report/scan-line.ts) */ codes: string }
  | { source: string; errors: readonly EntryError[] };

/** A scan written in a format, told each batch in input order. */
export interface ScanWriter {
  /** What the scan writes for each filing: the bulk scan line, the whole report, or nothing. */
  readonly lines: ScanLines;
  /** What comes before the first item (written once the first batch is judged). */
  start(): string;
  /** What to write for one batch: its lines as the scan wrote them (UTF-8), and each item's meta. */
  batch(out: Uint8Array, metas: readonly ScanItemView[]): string | Uint8Array;
  /** What closes the output: the summary, in the format's way (a section the scan adds to it, such as the watchlist, comes with it). */
  end(summary: ScanSummaryView): string;
}

export interface ScanContext {
  ruleSet: RuleSet;
  lang: Lang;
  /** `--full` / `?full=true`: whole reports per line instead of the bulk scan line. */
  full: boolean;
}

export interface OutputFormat {
  readonly name: string;
  /** What it is, for `--help`. */
  readonly description: string;
  /** The media type a client asks for (Accept) … */
  readonly mediaType: string;
  /** … and the Content-Type it is sent with. */
  readonly contentType: string;
  /** True when a scan writes it as the filings are judged (memory stays flat); else it is made at the end. */
  readonly streams: boolean;
  readonly needs: {
    /** Every FILE in its place, an invalid one as its entry; else only judged filings are given (and nothing is written when there are none). */
    readonly entries: boolean;
    /** Each filing's source text (SARIF's regions). */
    readonly text: boolean;
    /** Each filing's parsed document (the values HTML shows). */
    readonly filing: boolean;
  };
  /** The reports of `check` (or of a report route), whole. */
  reports(entries: readonly FormatEntry[], opts: FormatOptions): string;
  /** Offered by the HTTP report routes by Accept: with these headers; `asStored` sends the report's stored JSON as it is. */
  readonly route?: { readonly asStored?: boolean; readonly headers?: Readonly<Record<string, string>> };
  /** Offered by `compliance scan` (and, for ndjson, HTTP scans); `full` when it takes `--full`; `carriesInvalid` when invalid lines are part of its output (else they go to stderr). */
  readonly scan?: { readonly full: boolean; readonly carriesInvalid: boolean; writer(ctx: ScanContext): ScanWriter };
}

const isReportInput = (e: FormatEntry): e is ReportInput => Object.hasOwn(e, 'report');
const reportsOf = (entries: readonly FormatEntry[]): Report[] => entries.filter(isReportInput).map((e) => e.report);
const machineEntries = (entries: readonly FormatEntry[]) => entries.map((e) => (isReportInput(e) ? e.report : e));
const utf8 = new TextDecoder();

/** The ndjson scan: the ruleset line and bulk scan lines (or whole reports with `full`), then the summary line. */
function ndjsonScan(ctx: ScanContext): ScanWriter {
  return {
    lines: ctx.full ? 'full' : 'scan',
    start: () => (ctx.full ? '' : formatRulesetLine(ctx.ruleSet, ctx.lang)),
    batch: (out) => out,
    end: (summary) => JSON.stringify(summary) + '\n',
  };
}

/** The HTML scan page keeps only what it prints: failed findings per platform and rule family. */
function htmlScan(ctx: ScanContext): ScanWriter {
  const families = ctx.ruleSet.rules.map((r) => r.family);
  const failedByFamily: Record<string, Partial<Record<Family, number>>> = {};
  return {
    lines: 'none',
    start: () => '',
    batch: (_out, metas) => {
      for (const m of metas) {
        if (!('codes' in m)) continue;
        const row = (failedByFamily[m.platformId] ??= {});
        for (let i = 1; i < m.codes.length; i++) if (m.codes[i] === 'F') row[families[i - 1]!] = (row[families[i - 1]!] ?? 0) + 1;
      }
      return '';
    },
    end: (summary) => formatScanHtml({ ...summary, failedByFamily, families: [...new Set(families)] }, ctx.lang),
  };
}

/** SARIF of a scan: the results of each bulk scan line as it comes, the rules once in tool.driver. */
function sarifScan(ctx: ScanContext): ScanWriter {
  const writer = new SarifScanWriter(rulesetLine(ctx.ruleSet, ctx.lang));
  return {
    lines: 'scan',
    start: () => writer.start(),
    batch: (out, metas) => {
      const text = utf8.decode(out).split('\n');
      let results = '';
      metas.forEach((m, i) => {
        if ('codes' in m) results += writer.line(JSON.parse(text[i]!) as ScanLine);
      });
      return results;
    },
    end: (summary) => writer.end(summary),
  };
}

const FORMAT_LIST: readonly OutputFormat[] = [
  {
    name: 'table',
    description: 'check: each report as a table; scan: the summary per platform and per rule',
    mediaType: 'text/plain',
    contentType: 'text/plain; charset=utf-8',
    streams: false,
    needs: { entries: false, text: false, filing: false },
    reports: (entries, opts) => {
      const reports = reportsOf(entries);
      return formatTable(reports, { verbose: opts.verbose ?? false }) + (opts.explain ? '\n' + formatExplain(reports) : '');
    },
    scan: {
      full: false,
      carriesInvalid: false,
      writer: (ctx) => ({ lines: 'none', start: () => '', batch: () => '', end: (summary) => formatScanSummary(summary, ctx.lang) }),
    },
  },
  {
    name: 'json',
    description: 'one report for one FILE, an array when several are given',
    mediaType: 'application/json',
    contentType: 'application/json',
    streams: false,
    needs: { entries: true, text: false, filing: false },
    reports: (entries) => formatEntriesJson(machineEntries(entries)),
    route: { asStored: true },
  },
  {
    name: 'ndjson',
    description: 'check: one whole report per line; scan: the ruleset line, one scan line per filing (--full: whole reports), then the summary line',
    mediaType: 'application/x-ndjson',
    contentType: 'application/x-ndjson',
    streams: true,
    needs: { entries: true, text: false, filing: false },
    reports: (entries) => formatEntriesNdjson(machineEntries(entries)),
    scan: { full: true, carriesInvalid: true, writer: ndjsonScan },
  },
  {
    name: 'junit',
    description: 'JUnit XML: one test suite per filing, one test case per rule',
    mediaType: 'application/xml',
    contentType: 'application/xml; charset=utf-8',
    streams: false,
    needs: { entries: true, text: false, filing: false },
    reports: (entries) => formatJunit(machineEntries(entries)),
  },
  {
    name: 'sarif',
    description: 'SARIF 2.1.0: one result per finding that is not pass or not-applicable',
    mediaType: 'application/sarif+json',
    contentType: 'application/sarif+json',
    streams: true,
    needs: { entries: false, text: true, filing: false },
    reports: (entries) =>
      formatSarif(entries.filter(isReportInput).map((e) => ({ report: e.report, ...(e.file !== undefined && e.text !== undefined ? { source: { uri: e.file, text: e.text } } : {}) }))),
    route: {},
    scan: { full: false, carriesInvalid: false, writer: sarifScan },
  },
  {
    name: 'html',
    description: 'one self-contained page (check: the reports; scan: the summary, platforms × rule families)',
    mediaType: 'text/html',
    contentType: 'text/html; charset=utf-8',
    streams: false,
    needs: { entries: false, text: false, filing: true },
    reports: (entries, opts) =>
      formatHtml(
        entries.filter(isReportInput).map((e) => ({ report: e.report, ...(e.filing !== undefined ? { filing: e.filing } : {}), ...(e.file !== undefined ? { source: e.file } : {}) })),
        opts.lang,
      ),
    // the page has inline CSS only; this CSP lets it show when opened straight from the API
    route: { headers: { 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'" } },
    scan: { full: false, carriesInvalid: false, writer: htmlScan },
  },
];

const BY_NAME: ReadonlyMap<string, OutputFormat> = new Map(FORMAT_LIST.map((f) => [f.name, f]));

/** Every format's name, in the registry's order. */
export const FORMAT_NAMES: readonly string[] = FORMAT_LIST.map((f) => f.name);

/** The format named `name` (a name from the command line: looked up in the registry's own map). */
export function outputFormat(name: string): OutputFormat {
  const f = BY_NAME.get(name);
  if (!f) throw new Error(`no output format ${name} (one of ${FORMAT_NAMES.join(', ')})`);
  return f;
}

/** The names `compliance scan --format` takes. */
export const SCAN_FORMAT_NAMES: readonly string[] = FORMAT_LIST.filter((f) => f.scan).map((f) => f.name);

/** The formats a report route answers in, the first the default (`*\/*` or no Accept). */
export const ROUTE_FORMATS: readonly OutputFormat[] = FORMAT_LIST.filter((f) => f.route).sort((a, b) => Number(b.route!.asStored ?? false) - Number(a.route!.asStored ?? false));

/** The route format of a media type from ROUTE_FORMATS (as Accept negotiation picked it). */
export function routeFormat(mediaType: string | false): OutputFormat {
  return ROUTE_FORMATS.find((f) => f.mediaType === mediaType) ?? ROUTE_FORMATS[0]!;
}
