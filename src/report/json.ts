// JSON and NDJSON output: the report exactly as the schema defines it.

import type { Finding, Report } from './types.js';

/** One report, or an array when several files were judged, pretty-printed. */
export function formatJson(reports: readonly Report[], asArray = reports.length !== 1): string {
  return JSON.stringify(asArray ? reports : reports[0], null, 2) + '\n';
}

// JSON text of findings shared between reports (frozen pass and not-applicable findings), made once.
const fragments = new WeakMap<Finding, string>();

/**
 * Exactly `JSON.stringify(report)`, faster in bulk: a frozen (shared) finding is serialised once and
 * its text reused by every report that holds it.
 */
export function reportToJson(report: Report): string {
  const { findings, ...head } = report;
  const parts: string[] = [];
  for (const f of findings) {
    if (!Object.isFrozen(f)) {
      parts.push(JSON.stringify(f));
      continue;
    }
    let text = fragments.get(f);
    if (text === undefined) {
      text = JSON.stringify(f);
      fragments.set(f, text);
    }
    parts.push(text);
  }
  const headText = JSON.stringify(head);
  return `${headText.slice(0, -1)}${headText.length > 2 ? ',' : ''}"findings":[${parts.join(',')}]}`;
}

/** One report per line. */
export function formatNdjson(reports: readonly Report[]): string {
  return reports.map((r) => reportToJson(r) + '\n').join('');
}
