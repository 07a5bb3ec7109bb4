// The report formats' facade: the registry (src/report/formats.ts) is the only list the CLI and HTTP consult.

import { FORMAT_NAMES, outputFormat } from './formats.js';
import type { Report } from '../engine/report-model.js';

export type { Report, Finding, Status, Verdict, Summary, ConditionTrace } from '../engine/report-model.js';
export { FORMAT_NAMES, SCAN_FORMAT_NAMES, ROUTE_FORMATS, outputFormat, routeFormat } from './formats.js';
export type { FormatEntry, OutputFormat, ReportInput, ScanWriter } from './formats.js';

/** Every format's name. */
export const FORMATS: readonly string[] = FORMAT_NAMES;
export type Format = string;

/** Formats reports (nothing but the reports: no source text, no parsed filing) in the format named `format`. */
export function formatReports(reports: readonly Report[], format: Format, opts: { verbose?: boolean } = {}): string {
  return outputFormat(format).reports(
    reports.map((report) => ({ report })),
    { lang: reports[0]?.lang ?? 'en', ...opts },
  );
}
