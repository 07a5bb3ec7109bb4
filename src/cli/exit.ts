// Exit codes, the same for every command: 2 bad usage or input; 1 a failure at or above --fail-on, or an error; else 0.

import type { Report } from '../engine/report-model.js';
import { SEVERITIES, type Severity } from '../rules/types.js';

export type FailOn = Severity | 'none';
export const FAIL_ON: readonly FailOn[] = [...SEVERITIES, 'none'];

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_INVALID = 2;

/** True when a severity is at or above the threshold (critical > major > minor > info). */
export function atOrAbove(severity: Severity, threshold: FailOn): boolean {
  return threshold !== 'none' && SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(threshold);
}

/** 1 when a finding at or above `failOn` fails or any finding is `error`; else 0. */
export function exitCodeFor(reports: Iterable<Report>, failOn: FailOn): number {
  for (const r of reports) {
    for (const f of r.findings) {
      if (f.status === 'error') return EXIT_FINDINGS;
      if (f.status === 'fail' && atOrAbove(f.severity, failOn)) return EXIT_FINDINGS;
    }
  }
  return EXIT_OK;
}
