// JUnit XML as Jenkins' junit-10.xsd reads it: one test suite per filing, one test case per rule; a FILE
// that is no valid filing is a suite with one errored test case, so CI dashboards show it.

import { isInvalid, type Entry, type InvalidEntry } from './entries.js';
import type { Report } from '../engine/report-model.js';

// XML 1.0 allows neither these control characters nor lone surrogates, even escaped
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const esc = (s: string) =>
  s
    .replace(NOT_XML, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');

function reportSuite(r: Report): string[] {
  const lines = [
    `  <testsuite name="${esc(r.filingId)}" tests="${r.findings.length}" failures="${r.summary.failed}" errors="${r.summary.error}" skipped="${r.summary.notApplicable}">`,
    `    <properties><property name="platformId" value="${esc(r.platformId)}"/><property name="asOf" value="${r.asOf}"/><property name="ruleset" value="${r.ruleset.version}"/></properties>`,
  ];
  for (const f of r.findings) {
    const open = `    <testcase classname="${esc(r.platformId)}.${f.family}" name="${esc(`${f.ruleId} ${f.title}`)}"`;
    const detail = esc(
      [f.message, f.remediation, f.evidence ? JSON.stringify(f.evidence) : undefined]
        .filter(Boolean)
        .join('\n'),
    );
    if (f.status === 'fail')
      lines.push(
        `${open}><failure type="${f.severity}" message="${esc(f.message ?? f.title)}">${detail}</failure></testcase>`,
      );
    else if (f.status === 'error')
      lines.push(`${open}><error type="eval_fact_error" message="${esc(f.message ?? '')}"/></testcase>`);
    else if (f.status === 'not-applicable')
      lines.push(`${open}><skipped message="${esc(f.reason ?? '')}"/></testcase>`);
    else if (f.status === 'advisory' || f.status === 'waived')
      lines.push(`${open}><system-out>${esc(`${f.status}: ${f.message ?? ''}`)}</system-out></testcase>`);
    else lines.push(`${open}/>`);
  }
  lines.push('  </testsuite>');
  return lines;
}

/** Where a problem is: `line:column`, a pointer, or nothing. */
const where = (e: InvalidEntry['errors'][number]) =>
  e.line !== undefined ? `${e.line}:${e.column ?? 1} ` : e.pointer ? `${e.pointer} ` : '';

function invalidSuite(e: InvalidEntry): string[] {
  const first = e.errors[0];
  const message = e.errors.length === 1 && first ? first.message : `${e.errors.length} problems`;
  const detail = esc(e.errors.map((p) => `${where(p)}${p.message} [${p.code}]`).join('\n'));
  return [
    `  <testsuite name="${esc(e.source)}" tests="1" failures="0" errors="1" skipped="0">`,
    `    <testcase classname="invalid" name="${esc(`${e.source} is a valid filing`)}"><error type="${esc(first?.code ?? 'filing_invalid')}" message="${esc(message)}">${detail}</error></testcase>`,
    '  </testsuite>',
  ];
}

/**
 * Failures are `<failure>`, errors `<error>`, not-applicable `<skipped>` (counted per suite: the
 * schema has no `skipped` on `<testsuites>`); advisory and waived pass with a note; an invalid FILE is
 * one errored test case.
 */
export function formatJunit(entries: readonly Entry[]): string {
  let tests = 0;
  let failures = 0;
  let errors = 0;
  const body: string[] = [];
  for (const e of entries) {
    if (isInvalid(e)) {
      tests++;
      errors++;
      body.push(...invalidSuite(e));
    } else {
      tests += e.findings.length;
      failures += e.summary.failed;
      errors += e.summary.error;
      body.push(...reportSuite(e));
    }
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="compliance" tests="${tests}" failures="${failures}" errors="${errors}">`,
    ...body,
    '</testsuites>',
    '',
  ].join('\n');
}
