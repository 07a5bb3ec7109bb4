// JSON and NDJSON output: the report exactly as the schema defines it.

import type { Report } from './types.js';

/** One report, or an array when several files were judged, pretty-printed. */
export function formatJson(reports: readonly Report[], asArray = reports.length !== 1): string {
  return JSON.stringify(asArray ? reports : reports[0], null, 2) + '\n';
}

/** One report per line. */
export function formatNdjson(reports: readonly Report[]): string {
  return reports.map((r) => JSON.stringify(r) + '\n').join('');
}
