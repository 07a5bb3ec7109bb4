// JUnit XML: one test suite per filing, one test case per rule, so CI dashboards show compliance.

import type { Report } from './types.js';

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/** Failures are `<failure>`, errors `<error>`, not-applicable `<skipped>`; advisory and waived pass with a note. */
export function formatJunit(reports: readonly Report[]): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const total = reports.reduce((n, r) => n + r.findings.length, 0);
  const failures = reports.reduce((n, r) => n + r.summary.failed, 0);
  const errors = reports.reduce((n, r) => n + r.summary.error, 0);
  const skipped = reports.reduce((n, r) => n + r.summary.notApplicable, 0);
  lines.push(`<testsuites name="compliance" tests="${total}" failures="${failures}" errors="${errors}" skipped="${skipped}">`);
  for (const r of reports) {
    lines.push(
      `  <testsuite name="${esc(r.filingId)}" tests="${r.findings.length}" failures="${r.summary.failed}" errors="${r.summary.error}" skipped="${r.summary.notApplicable}">`,
    );
    lines.push(`    <properties><property name="platformId" value="${esc(r.platformId)}"/><property name="asOf" value="${r.asOf}"/><property name="ruleset" value="${r.ruleset.version}"/></properties>`);
    for (const f of r.findings) {
      const open = `    <testcase classname="${esc(r.platformId)}.${f.family}" name="${esc(`${f.ruleId} ${f.title}`)}"`;
      const detail = esc([f.message, f.remediation, f.evidence ? JSON.stringify(f.evidence) : undefined].filter(Boolean).join('\n'));
      if (f.status === 'fail') lines.push(`${open}><failure type="${f.severity}" message="${esc(f.message ?? f.title)}">${detail}</failure></testcase>`);
      else if (f.status === 'error') lines.push(`${open}><error type="eval_fact_error" message="${esc(f.message ?? '')}"/></testcase>`);
      else if (f.status === 'not-applicable') lines.push(`${open}><skipped message="${esc(f.reason ?? '')}"/></testcase>`);
      else if (f.status === 'advisory' || f.status === 'waived') lines.push(`${open}><system-out>${esc(`${f.status}: ${f.message ?? ''}`)}</system-out></testcase>`);
      else lines.push(`${open}/>`);
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return lines.join('\n') + '\n';
}
