// JUnit output against Jenkins' junit-10.xsd (test/fixtures/junit/), checked by xmllint: reports, and FILEs
// that are no valid filing as errored test cases; no `skipped` on <testsuites>, which that schema lacks.

import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Judge } from '../../src/engine/index.js';
import type { Entry } from '../../src/report/entries.js';
import { formatJunit } from '../../src/report/junit.js';
import { fixtureFiling, FIXTURES_DIR } from '../support/fixtures.js';
import { makeFiling } from '../support/filing-factory.js';
import { bundledRuleSet, removeTempDirs, tempDir } from '../support/rule-sets.js';
import { tool } from '../support/tools.js';
import { judgeReport } from '../../src/report/render.js';

const XSD = join(FIXTURES_DIR, 'junit', 'junit-10.xsd');
const xmllint = tool('xmllint', 'COMPLIANCE_REQUIRE_XMLLINT', 'Debian: apt-get install libxml2-utils');
afterAll(removeTempDirs);

function entries(): Entry[] {
  const judge = new Judge(bundledRuleSet());
  return [
    judgeReport(judge, fixtureFiling('xhb-2021-12b.yaml')),
    {
      type: 'invalid',
      source: 'empty.yaml',
      errors: [{ code: 'filing_parse_error', message: 'the file is empty' }],
    },
    // what XML cannot carry: markup characters, a control character, a lone surrogate
    judgeReport(judge, 
      makeFiling({ '/filingId': 'odd-<&>"\'-1', '/platform/name': '相互保 \u0001 \ud800' }) as never,
    ),
    {
      type: 'invalid',
      source: 'bad <1>.json',
      errors: [
        { code: 'filing_invalid', message: 'required field missing', pointer: '/period' },
        { code: 'filing_parse_error', message: 'not valid JSON', line: 3, column: 4 },
      ],
    },
  ];
}

function validate(xml: string): { status: number | null; output: string } {
  const file = join(tempDir('compliance-junit-'), 'out.xml');
  writeFileSync(file, xml);
  const r = spawnSync('xmllint', ['--noout', '--schema', XSD, file], { encoding: 'utf8' });
  return { status: r.status, output: r.stdout + r.stderr };
}

describe('JUnit output and junit-10.xsd', () => {
  it('counts every FILE, and an invalid FILE is a suite with one errored test case naming each problem', () => {
    const xml = formatJunit(entries());
    expect(xml).toMatch(/^<testsuites name="compliance" tests="\d+" failures="\d+" errors="\d+">$/m);
    expect(xml).not.toMatch(/<testsuites[^>]*skipped=/);
    expect(xml).toContain('<testsuite name="empty.yaml" tests="1" failures="0" errors="1" skipped="0">');
    expect(xml).toMatch(
      /<testcase classname="invalid" name="bad &lt;1&gt;.json is a valid filing"><error type="filing_invalid" message="2 problems">\/period required field missing \[filing_invalid\]\n3:4 not valid JSON \[filing_parse_error\]<\/error><\/testcase>/,
    );
    const errors = Number(/<testsuites [^>]*errors="(\d+)"/.exec(xml)![1]);
    expect(errors).toBeGreaterThanOrEqual(2);
  });

  it.runIf(xmllint.available)('validates against the Jenkins schema', () => {
    xmllint.require();
    const result = validate(formatJunit(entries()));
    expect(result.output).toContain('validates');
    expect(result.status).toBe(0);
  });

  it.runIf(xmllint.available)('the schema really is checked: a testsuites with skipped is refused', () => {
    xmllint.require();
    const bad = formatJunit(entries()).replace(
      '<testsuites name="compliance"',
      '<testsuites skipped="1" name="compliance"',
    );
    const result = validate(bad);
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/skipped/);
  });
});
