// One scan item (text from a file or an NDJSON line) → an output line plus what the summary needs.

import { Judge } from '../engine/index.js';
import { ComplianceError } from '../errors.js';
import { readFiling } from '../filing/validate.js';
import type { FilingFormat } from '../filing/parse.js';
import { reportToJson } from '../report/json.js';
import type { Lang } from '../rules/types.js';
import type { JudgedMeta } from './summary.js';

export interface ScanItem {
  /** The file, or `file:line` / `stdin:line` for NDJSON. */
  source: string;
  text: string;
  format: FilingFormat;
}

export interface ItemError {
  code: string;
  pointer?: string;
  line?: number;
  column?: number;
  message: string;
}

export type ItemResult =
  | { kind: 'report'; line: string; meta: JudgedMeta }
  | { kind: 'invalid'; line: string; source: string; errors: ItemError[] };

/** Parses, validates and judges one item; an invalid one becomes an `invalid` line, never an exception. */
export function judgeItem(judge: Judge, item: ScanItem, lang: Lang): ItemResult {
  try {
    const filing = readFiling(item.text, item.source, item.format);
    const report = judge.judge(filing, { lang });
    return {
      kind: 'report',
      line: reportToJson(report),
      meta: { platformId: report.platformId, verdict: report.verdict, statuses: report.findings.map((f) => [f.ruleId, f.status]) },
    };
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
    return { kind: 'invalid', source: item.source, errors, line: JSON.stringify({ type: 'invalid', source: item.source, errors }) };
  }
}
