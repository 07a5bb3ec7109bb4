// `compliance check`, run in-process: exit codes, formats, --explain, --lang, invalid input named on stderr
// and kept in its place in json, ndjson and junit (DESIGN §7).

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { Report } from '../../src/engine/report-model.js';
import { lines, runHere as runCli } from '../support/cli.js';
import { makeDocument, makeFiling } from '../support/filing-factory.js';
import { fixtureFiling, fixturePath } from '../support/fixtures.js';
import { expectValidReport } from '../support/report-schema.js';
import { copyRules, edit, positionOf, removeTempDirs, tempDir } from '../support/rule-sets.js';

let dir: string;
const file = (
  name: string,
  doc: unknown,
  format: 'yaml' | 'json' | 'text' = name.endsWith('.json') ? 'json' : 'yaml',
) => {
  const path = join(dir, name);
  writeFileSync(
    path,
    format === 'text' ? String(doc) : format === 'json' ? JSON.stringify(doc, null, 2) : stringify(doc),
  );
  return path;
};
let BASE: string;
let XHB: string;
let MINOR: string;

beforeAll(() => {
  dir = tempDir('compliance-cli-');
  BASE = file('base.yaml', makeFiling());
  XHB = fixturePath('xhb-2021-12b.yaml');
  // only LIC-002 (minor) fails: the licence expires 30 days after period.end
  MINOR = file('minor.json', makeFiling({ '/filingId': 'minor-1', '/licenses/0/validUntil': '2021-07-30' }));
});
afterAll(removeTempDirs);

describe.concurrent('compliance check: exit codes', () => {
  it.each<[string, number, () => string[]]>([
    ['a compliant filing', 0, () => [BASE]],
    ['the DESIGN example (critical and major failures)', 1, () => [XHB]],
    ['the DESIGN example with --fail-on none', 0, () => [XHB, '--fail-on', 'none']],
    ['the DESIGN example with --fail-on critical', 1, () => [XHB, '--fail-on', 'critical']],
    ['a minor failure (default --fail-on minor)', 1, () => [MINOR]],
    ['a minor failure with --fail-on major', 0, () => [MINOR, '--fail-on', 'major']],
    ['a minor failure with --fail-on info', 1, () => [MINOR, '--fail-on', 'info']],
    ['two files, one failing', 1, () => [BASE, XHB]],
  ])('%s → %i', async (_name, code, args) => {
    const r = await runCli(['check', ...args()]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(code);
    expect(r.stdout).toMatch(/(PASS|FAIL)/);
  });

  it.each<[string, string[]]>([
    ['an unknown option', ['check', '--bogus', 'x.yaml']],
    ['an unknown command', ['inspect', 'x.yaml']],
    ['an unknown format', ['check', '--format', 'xml', 'x.yaml']],
    ['an unknown --fail-on', ['check', '--fail-on', 'severe', 'x.yaml']],
    ['an unknown --lang', ['check', '--lang', 'fr', 'x.yaml']],
    ['no file at all', ['check']],
  ])('%s is a usage error → 2', async (_name, args) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });

  it('a missing file → 2, naming it', async () => {
    const missing = join(dir, 'nope.yaml');
    const r = await runCli(['check', missing]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(missing);
  });
});

describe.concurrent('compliance check: invalid filings', () => {
  it.each(['1.7976931348623157e308', '1194001.989999999999999999'])('refuses a figure written as %s: exit 2 naming its pointer, no library text', async (literal) => {
    const doc = makeFiling() as unknown as { disclosures: Record<string, unknown>[] };
    doc.disclosures[0]!.perMemberShareCny = '@@';
    const bad = file(`huge-${literal.length}.json`, JSON.stringify(doc).replace('"@@"', literal), 'text');
    const r = await runCli(['check', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\/disclosures\/0\/perMemberShareCny.*number_too_precise/);
    expect(r.stdout + r.stderr).not.toMatch(/DecimalError|TypeError|Invalid argument|NaN/);
  });

  it('exits 2 with one stderr line per problem, each naming the file and the pointer, and no stack trace', async () => {
    const bad = file(
      'bad.yaml',
      makeDocument({
        '/products/0/managmentFeeRate': 0.08,
        '/products/0/waitingPeriodDays': -5,
        '/period': { start: '2021-07-01', end: '2021-06-30' },
        '/platform/operator/uscc': '91330100MA27Y5LH97',
      }),
    );
    const r = await runCli(['check', bad]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const errs = lines(r.stderr);
    const pointers = [
      '/products/0/managmentFeeRate',
      '/products/0/waitingPeriodDays',
      '/period/start',
      '/platform/operator/uscc',
    ];
    expect(errs).toHaveLength(pointers.length);
    for (const p of pointers)
      expect(errs.filter((l) => l.includes(bad) && l.includes(`${p}:`))).toHaveLength(1);
    expect(r.stderr).not.toContain('    at ');
  });

  it('names a JSON syntax error by file, line and column', async () => {
    const broken = file('broken.json', '{\n  "schemaVersion": 1\n  "filingId": "x"\n}\n', 'text');
    const r = await runCli(['check', broken]);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual([expect.stringContaining(`${broken}:3:3`)]);
    expect(r.stderr).not.toContain('    at ');
  });

  it('names a YAML syntax error by file, line and column', async () => {
    const broken = file('broken.yaml', 'schemaVersion: 1\nfilingId: x\nfilingId: y\n', 'text');
    const r = await runCli(['check', broken]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${broken}:3:1`);
    expect(r.stderr).not.toContain('    at ');
  });

  it('several FILEs in json: always an array, an invalid filing an element in its place; exit 2', async () => {
    const bad = file('bad2.json', makeDocument({ '/members/active': -1 }));
    const r = await runCli(['check', BASE, bad, '--format', 'json']);
    expect(r.code).toBe(2);
    const out = JSON.parse(r.stdout) as [Report, Record<string, unknown>];
    expect(out).toHaveLength(2);
    expect(out[0].filingId).toBe('base-2021-06b');
    expect(out[1]).toEqual({
      type: 'invalid',
      source: bad,
      errors: [expect.objectContaining({ code: 'filing_invalid', pointer: '/members/active' })],
    });
    expect(lines(r.stderr)).toEqual([expect.stringContaining(`${bad} /members/active`)]);
  });

  it('several FILEs in ndjson: one line each in order, an invalid one as its invalid line', async () => {
    const bad = file('bad3.json', makeDocument({ '/members/active': -1 }));
    const r = await runCli(['check', bad, BASE, '--format', 'ndjson']);
    expect(r.code).toBe(2);
    const out = lines(r.stdout).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out.map((o) => o.type ?? o.filingId)).toEqual(['invalid', 'base-2021-06b']);
    expect(out[0]).toMatchObject({ source: bad });
  });

  it('several FILEs in junit: an invalid one is a test case with an <error>', async () => {
    const bad = file('bad4.json', makeDocument({ '/members/active': -1 }));
    const r = await runCli(['check', BASE, bad, '--format', 'junit']);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain(`<testsuite name="${bad}" tests="1" failures="0" errors="1"`);
    expect(r.stdout).toMatch(
      /<testcase classname="invalid" name="[^"]+bad4.json is a valid filing"><error type="filing_invalid"/,
    );
    expect(r.stdout).toContain('<testsuite name="base-2021-06b"');
  });

  it('reads the period order the right way round', async () => {
    const bad = file('order.yaml', makeDocument({ '/period': { start: '2021-07-01', end: '2021-06-30' } }));
    const r = await runCli(['check', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      '/period/start: period.start must not be after period.end: 2021-07-01 is after 2021-06-30',
    );
  });
});

describe.concurrent('compliance check: formats', () => {
  it('--format json prints one report that validates against the report schema', async () => {
    const r = await runCli(['check', XHB, '--format', 'json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as Report;
    expectValidReport(report);
    expect(report).toMatchObject({ filingId: 'xhb-2021-12b', verdict: 'fail', lang: 'en' });
  });

  it('--format json prints an array for several files, and --lang zh writes Chinese', async () => {
    const r = await runCli(['check', XHB, BASE, '--format', 'json', '--lang', 'zh']);
    const reports = JSON.parse(r.stdout) as Report[];
    expect(reports.map((x) => x.filingId)).toEqual(['xhb-2021-12b', 'base-2021-06b']);
    reports.forEach(expectValidReport);
    expect(reports[0]!.lang).toBe('zh');
    expect(reports[0]!.findings.find((f) => f.status === 'fail')!.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('--format ndjson prints one report per line', async () => {
    const r = await runCli(['check', XHB, BASE, '--format', 'ndjson']);
    const ls = lines(r.stdout).map((l) => JSON.parse(l) as Report);
    expect(ls.map((x) => x.filingId)).toEqual(['xhb-2021-12b', 'base-2021-06b']);
    ls.forEach(expectValidReport);
  });

  it('--format junit prints JUnit XML with a failure per failed rule', async () => {
    const r = await runCli(['check', XHB, '--format', 'junit']);
    expect(r.stdout.startsWith('<?xml')).toBe(true);
    expect((r.stdout.match(/<failure /g) ?? []).length).toBe(2);
    expect(r.stdout).toContain('<testsuite name="xhb-2021-12b"');
  });

  it('the table names the failing rules with their basis and remediation', async () => {
    const r = await runCli(['check', XHB]);
    expect(r.stdout).toMatch(/^xhb-2021-12b \(xianghubao\) as of 2021-12-15: FAIL/);
    expect(r.stdout).toMatch(/LIC-001\s+FAIL\s+critical/);
    expect(r.stdout).toMatch(/PROD-001\s+FAIL\s+major/);
    expect(r.stdout).toContain('Basis and remediation:');
  });

  it('--explain adds every condition with its fact value and result', async () => {
    const r = await runCli(['check', XHB, '--format', 'json', '--explain']);
    const report = JSON.parse(r.stdout) as Report;
    expectValidReport(report);
    const lic = report.findings.find((f) => f.ruleId === 'LIC-001')!;
    expect(JSON.stringify(lic.explain?.when)).toContain('"fact":"validLicences"');
    expect(lic.explain?.when).toMatchObject({ result: true });
    const leaves = JSON.stringify(report.findings.map((f) => f.explain));
    expect(leaves).toContain('"factValue"');
    expect(leaves).toContain('"operator"');
    expect(report.summary).toMatchObject({ failed: 2 });
  });

  it('--explain with the table shows the conditions too', async () => {
    const r = await runCli(['check', XHB, '--explain']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('LIC-001');
    expect(r.stdout).toContain('validLicences');
    expect(r.stdout).toMatch(/violated when:\n/);
    expect(r.stdout).toContain('value: ');
    const zh = await runCli(['check', XHB, '--explain', '--lang', 'zh']);
    expect(zh.stdout).toContain('违规条件：');
    expect(zh.stdout).toContain('实际值：');
  });

  it('reads a filing from standard input with -', async () => {
    const r = await runCli(['check', '-', '--format', 'json'], { input: stringify(makeFiling()) });
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as Report).filingId).toBe('base-2021-06b');
  });

  it('judges the same filing as YAML and as JSON to the same report', async () => {
    const jsonPath = file('xhb-copy.json', fixtureFiling('xhb-2021-12b.yaml'));
    const [fromYaml, fromJson] = await Promise.all([
      runCli(['check', XHB, '--format', 'json']),
      runCli(['check', jsonPath, '--format', 'json']),
    ]);
    expect(fromJson.stdout).toBe(fromYaml.stdout);
    expect(fromJson.code).toBe(1);
  });

  it('--rules with a broken rule folder → 2, naming file:line:column', async () => {
    const rules = copyRules();
    const text = edit(join(rules, 'name-001.yaml'), 'fact: namesWithoutCover', 'fact: namesWithoutCovr');
    const { line, column } = positionOf(text, 'namesWithoutCovr');
    const r = await runCli(['check', BASE, '--rules', rules]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${join(rules, 'name-001.yaml')}:${line}:${column}`);
    expect(r.stderr).not.toContain('    at ');
  });
});

describe.concurrent('compliance check: input that is no filing is named as such (exit 2)', () => {
  const bytes = (name: string, content: Buffer | string) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };

  it.each<[string, () => string, RegExp]>([
    [
      'an empty file',
      () => bytes('empty.yaml', ''),
      /: the file is empty: a filing is one JSON or YAML document \[filing_parse_error\]$/,
    ],
    ['a file of blank lines', () => bytes('blank.json', '\n  \n'), /: the file is empty/],
    [
      'a binary file',
      () => bytes('binary.json', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00])),
      /: not text \(a NUL byte at offset 6\)/,
    ],
    [
      'a file that is not UTF-8',
      () => bytes('latin1.yaml', Buffer.from('name: caf\xe9\n', 'latin1')),
      /: not UTF-8 text/,
    ],
    [
      'a path that does not exist',
      () => join(dir, 'nope.yaml'),
      /nope\.yaml: no such file or folder \[usage_error\]$/,
    ],
    [
      'a folder',
      () => dir,
      /: is a folder: give a filing file here \(compliance scan judges a folder\) \[usage_error\]$/,
    ],
  ])('%s', async (_name, path, message) => {
    const p = path();
    const r = await runCli(['check', p]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const errs = lines(r.stderr);
    expect(errs).toHaveLength(1);
    expect(errs[0]!.startsWith(p)).toBe(true);
    expect(errs[0]).toMatch(message);
    expect(r.stderr).not.toMatch(/must be object|ENOENT|EISDIR| {4}at /);
  });

  it('reads a missing path among others in place, with the others judged', async () => {
    const r = await runCli(['check', BASE, join(dir, 'gone.yaml'), '--format', 'json']);
    expect(r.code).toBe(2);
    const out = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(out[1]).toEqual({
      type: 'invalid',
      source: join(dir, 'gone.yaml'),
      errors: [{ code: 'usage_error', message: 'no such file or folder' }],
    });
  });

  it.each<[string, () => string, string]>([
    ['an empty rules folder', () => tempDir('compliance-no-rules-'), 'not a rule folder: no rule files'],
    ['a rules path that is a file', () => BASE, 'not a rule folder: is a file'],
    ['a rules folder that does not exist', () => join(dir, 'no-rules'), 'not a rule folder: no such folder'],
  ])('--rules with %s', async (_name, rules, message) => {
    const r = await runCli(['check', BASE, '--rules', rules()]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
  });
});
