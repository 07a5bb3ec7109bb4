// Report output formats by name: the only list the CLI and HTTP consult.

import { formatJson, formatNdjson } from './json.js';
import { formatJunit } from './junit.js';
import { formatTable } from './table.js';
import type { Report } from '../engine/report-model.js';

export type { Report, Finding, Status, Verdict, Summary, ConditionTrace } from '../engine/report-model.js';

export const FORMATS = ['table', 'json', 'ndjson', 'junit'] as const;
export type Format = (typeof FORMATS)[number];

/** Formats reports in one of FORMATS. */
export function formatReports(reports: readonly Report[], format: Format, opts: { verbose?: boolean } = {}): string {
  switch (format) {
    case 'json':
      return formatJson(reports);
    case 'ndjson':
      return formatNdjson(reports);
    case 'junit':
      return formatJunit(reports);
    case 'table':
      return formatTable(reports, opts);
  }
}
