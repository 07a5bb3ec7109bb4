// JSON and NDJSON output: the report exactly as the schema defines it.

import type { Finding, Report } from '../engine/report-model.js';

/** One report, or an array when several files were judged, pretty-printed. */
export function formatJson(reports: readonly Report[], asArray = reports.length !== 1): string {
  return JSON.stringify(asArray ? reports : reports[0], null, 2) + '\n';
}

// Most of a finding's text is the rule's own (title, remediation, citation): the same string or object
// in every report. Its JSON is made once and reused; only the message and evidence are new each time.
const fragments = new WeakMap<object, string>();
const stringJson = new Map<string, string>();
/** Finding fields whose values are the rule's own text, the same in every report. */
export const RULE_TEXT: ReadonlySet<string> = new Set(['ruleId', 'status', 'severity', 'family', 'mode', 'title', 'remediation', 'reasonCode', 'reason']);

function objectJson(o: object): string {
  let text = fragments.get(o);
  if (text === undefined) {
    text = JSON.stringify(o);
    fragments.set(o, text);
  }
  return text;
}

function textJson(v: unknown): string {
  if (typeof v !== 'string') return JSON.stringify(v);
  let text = stringJson.get(v);
  if (text === undefined) {
    text = JSON.stringify(v);
    if (stringJson.size > 10_000) stringJson.clear();
    stringJson.set(v, text);
  }
  return text;
}

/** Exactly `JSON.stringify(finding)`, with the rule's constant parts serialised once. */
export function findingToJson(f: Finding): string {
  if (Object.isFrozen(f)) return objectJson(f);
  let out = '{';
  for (const key in f) {
    const v = (f as unknown as Record<string, unknown>)[key];
    if (v === undefined) continue;
    const vj = key === 'citation' ? objectJson(v as object) : RULE_TEXT.has(key) ? textJson(v) : JSON.stringify(v);
    out += `${out.length > 1 ? ',' : ''}${textJson(key)}:${vj}`;
  }
  return out + '}';
}

/** Exactly `JSON.stringify(report)`, faster in bulk (see findingToJson). */
export function reportToJson(report: Report): string {
  const { findings, ...head } = report;
  const parts: string[] = [];
  for (const f of findings) parts.push(findingToJson(f));
  const headText = JSON.stringify(head);
  return `${headText.slice(0, -1)}${headText.length > 2 ? ',' : ''}"findings":[${parts.join(',')}]}`;
}

/** One report per line. */
export function formatNdjson(reports: readonly Report[]): string {
  return reports.map((r) => reportToJson(r) + '\n').join('');
}
