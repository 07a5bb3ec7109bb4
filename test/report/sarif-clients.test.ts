// SARIF as code scanning reads it (issue 18): valid against the OASIS schema for check and scan,
// fingerprints stable across runs and distinct per finding, security-severity, the tool's version, rule
// names, and a region for every result whose filing file has its pointer. With SARIF_MULTITOOL set to
// the Sarif.Multitool binary (npm @microsoft/sarif-multitool), its `validate` must report nothing.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseYaml } from '../../src/yaml.js';
import type { Report } from '../../src/engine/report-model.js';
import {
  FINGERPRINT_KEY,
  SECURITY_SEVERITY,
  TOOL_VERSION,
  formatSarif,
  resultPointers,
  ruleName,
  sourceLocator,
} from '../../src/report/sarif.js';
import { runHere } from '../support/cli.js';
import { sarifErrors } from './sarif-validate.js';

interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}
interface Result {
  ruleId: string;
  kind: string;
  level: string;
  partialFingerprints: Record<string, string>;
  suppressions?: unknown[];
  properties: { filingId: string; status: string };
  locations: {
    physicalLocation?: { artifactLocation: { uri: string }; region?: Region };
    logicalLocations: { fullyQualifiedName: string }[];
  }[];
}
interface Log {
  runs: {
    tool: {
      driver: {
        name: string;
        version?: string;
        rules: { id: string; name: string; properties: Record<string, unknown> }[];
      };
    };
    results: Result[];
  }[];
}

const DIR = 'examples/filings';
const FILES = readdirSync(DIR)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => `${DIR}/${f}`);
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  version: string;
  homepage?: string;
  repository?: unknown;
};

/** A hand-built report with a waived, an error, an advisory and an unplaceable finding. */
const handBuilt = (lang: 'en' | 'zh' = 'en'): Report =>
  ({
    filingId: 'kangai-2019-06b',
    platformId: 'kangai-gongshe',
    asOf: '2019-06-30',
    lang,
    ruleset: { version: 'sha256:0', rules: 4 },
    history: null,
    verdict: 'fail',
    summary: {
      failed: 0,
      passed: 0,
      notApplicable: 0,
      advisory: 1,
      waived: 1,
      error: 1,
      bySeverity: { critical: 0, major: 0, minor: 0, info: 0 },
    },
    findings: [
      {
        ruleId: 'FUND-001',
        status: 'waived',
        severity: 'critical',
        family: 'funds',
        title: "Members' money must be held in a segregated account at a bank",
        message: 'No custody account',
        evidence: { custodyAccount: { bank: null } },
        citation: { source: 'guideline' },
        waiver: { reason: 'bank chosen', reference: 'W-1', until: '2019-12-31' },
      },
      {
        ruleId: 'EXIT-001',
        status: 'error',
        severity: 'critical',
        family: 'exit',
        title: 'Notice of a shutdown',
        error: { code: 'eval_fact_error', fact: 'shutdownNoticeDays', message: 'calendar unavailable' },
        citation: { source: 'observed' },
      },
      {
        ruleId: 'NAME-001',
        status: 'advisory',
        severity: 'minor',
        family: 'naming',
        mode: 'audit',
        title: 'Name',
        message: 'uses 保',
        evidence: { pointer: '/platform/name' },
        citation: { source: 'notice' },
      },
      {
        ruleId: 'X-001',
        status: 'fail',
        severity: 'info',
        family: 'members',
        title: 'An unknown fact',
        message: 'something',
        evidence: { someNewFact: { x: 1 } },
        citation: { source: 'observed' },
      },
    ],
  }) as Report;

const run0 = (text: string) => (JSON.parse(text) as Log).runs[0]!;
const fingerprint = (r: Result) => r.partialFingerprints[FINGERPRINT_KEY]!;

afterEach(() => {
  vi.useRealTimers();
});

describe('SARIF for code scanning', () => {
  it('check of every example and scan of the folder are valid against the OASIS schema', async () => {
    const check = await runHere(['check', ...FILES, '--format', 'sarif']);
    const checkZh = await runHere(['check', ...FILES, '--format', 'sarif', '--lang', 'zh']);
    const scan = await runHere(['scan', DIR, '--format', 'sarif', '--workers', '0']);
    for (const out of [check.stdout, checkZh.stdout, scan.stdout]) {
      expect(sarifErrors(JSON.parse(out))).toEqual([]);
      expect(run0(out).results.length).toBeGreaterThan(20);
    }
    const fund = readFileSync(`${DIR}/fund-pool.yaml`, 'utf8');
    const hand = formatSarif([
      { report: handBuilt(), source: { uri: 'fund-pool.yaml', text: fund } },
      { report: handBuilt('zh') },
    ]);
    expect(sarifErrors(JSON.parse(hand))).toEqual([]);
  });

  it('every result has a fingerprint, the same in two runs at other times, and another for another finding', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2030-01-01T00:00:00Z'));
    const a = run0((await runHere(['check', ...FILES, '--format', 'sarif'])).stdout);
    vi.setSystemTime(new Date('2031-06-15T12:34:56Z'));
    const b = run0((await runHere(['check', ...FILES, '--format', 'sarif'])).stdout);
    const zh = run0((await runHere(['check', ...FILES, '--format', 'sarif', '--lang', 'zh'])).stdout);
    const scan = run0((await runHere(['scan', DIR, '--format', 'sarif', '--workers', '0'])).stdout);
    const fa = a.results.map(fingerprint);
    expect(fa.every((f) => /^[0-9a-f]{64}$/.test(f))).toBe(true);
    expect(b.results.map(fingerprint)).toEqual(fa);
    // the language and the command do not change it either
    expect(zh.results.map(fingerprint)).toEqual(fa);
    expect(new Set(scan.results.map(fingerprint))).toEqual(new Set(fa));
    expect(new Set(fa).size).toBe(fa.length);
  });

  it('a fingerprint does not move with the lines of the file', () => {
    const text = readFileSync(`${DIR}/fund-pool.yaml`, 'utf8');
    const report = handBuilt();
    const one = run0(formatSarif([{ report, source: { uri: 'f.yaml', text } }]));
    const two = run0(formatSarif([{ report, source: { uri: 'f.yaml', text: '# moved\n# down\n' + text } }]));
    expect(two.results.map(fingerprint)).toEqual(one.results.map(fingerprint));
    const line = (r: Result) => r.locations[0]!.physicalLocation!.region!.startLine;
    const pointed = (r: Result) => r.locations[0]!.logicalLocations[0]!.fullyQualifiedName.startsWith('/');
    expect(two.results.filter(pointed).map(line)).toEqual(
      one.results.filter(pointed).map((r) => line(r) + 2),
    );
    expect(two.results.filter(pointed).length).toBe(2);
  });

  it('every result of check has a region where its file has the pointer (FUND-001 included)', async () => {
    const jsonDir = mkdtempSync(join(tmpdir(), 'sarif-json-'));
    const parsed = parseYaml(readFileSync(`${DIR}/fund-pool.yaml`, 'utf8'));
    if (!parsed.ok) throw new Error('fund-pool.yaml is not YAML');
    const jsonFile = join(jsonDir, 'fund-pool.json');
    writeFileSync(jsonFile, JSON.stringify(parsed.doc.value, null, 2));
    const files = [...FILES, jsonFile];
    const run = run0((await runHere(['check', ...files, '--format', 'sarif'])).stdout);
    const texts = new Map(files.map((f) => [f, readFileSync(f, 'utf8')]));
    let located = 0;
    for (const r of run.results) {
      for (const l of r.locations) {
        const uri = l.physicalLocation?.artifactLocation.uri;
        const file = [...texts.keys()].find(
          (f) =>
            uri === (f.startsWith('/') ? 'file://' : '') + f.split('/').map(encodeURIComponent).join('/'),
        );
        expect(file, `${r.ruleId} ${r.properties.filingId}`).toBeDefined();
        const pointer = l.logicalLocations[0]!.fullyQualifiedName;
        const expected = sourceLocator(texts.get(file!)!)!(pointer.startsWith('/') ? pointer : '');
        if (expected === null) continue;
        const region = l.physicalLocation!.region;
        expect(region, `${r.ruleId} ${r.properties.filingId} ${pointer}`).toEqual(expected);
        located++;
      }
      expect(
        r.locations.some((l) => l.physicalLocation?.region),
        `${r.ruleId} ${r.properties.filingId}`,
      ).toBe(true);
    }
    expect(located).toBeGreaterThan(30);
    const fund = run.results.filter(
      (r) => r.ruleId === 'FUND-001' && r.properties.filingId === 'kangai-2019-06b',
    );
    expect(fund).toHaveLength(2);
    for (const f of fund) {
      expect(f.locations[0]!.logicalLocations[0]!.fullyQualifiedName).toBe('/funds/custody');
      const uri = f.locations[0]!.physicalLocation!.artifactLocation.uri;
      const text = texts.get(uri.endsWith('.json') ? jsonFile : `${DIR}/fund-pool.yaml`)!;
      expect(text.split('\n')[f.locations[0]!.physicalLocation!.region!.startLine - 1]).toContain('custody');
    }
  });

  it('regions span the pointed node; a pointer not in the file has none, the filing itself the whole file', () => {
    const text = 'a:\n  b: [1, 22]\n  c: { d: xyz }\n';
    const at = sourceLocator(text)!;
    expect(at('/a/b/1')).toEqual({ startLine: 2, startColumn: 10, endLine: 2, endColumn: 12 });
    expect(at('/a/c/d')).toEqual({ startLine: 3, startColumn: 11, endLine: 3, endColumn: 14 });
    // the nearest existing ancestor: its key to the end of its value
    expect(at('/a/c/e')).toEqual({ startLine: 3, startColumn: 3, endLine: 3, endColumn: 16 });
    expect(at('/zzz')).toBeNull();
    expect(at('')).toEqual({ startLine: 1, startColumn: 1, endLine: 3, endColumn: 16 });
    const out = run0(formatSarif([{ report: handBuilt(), source: { uri: 'x.yaml', text } }]));
    const waived = out.results.find((r) => r.ruleId === 'FUND-001')!;
    // /funds/custody is not in this file: no region, the logical location still the pointer
    expect(waived.locations[0]!.physicalLocation!.region).toBeUndefined();
    expect(waived.locations[0]!.logicalLocations[0]!.fullyQualifiedName).toBe('/funds/custody');
    // the error finding is about the filing: the whole file
    expect(out.results.find((r) => r.ruleId === 'EXIT-001')!.locations[0]!.physicalLocation!.region).toEqual(
      at(''),
    );
  });

  it('places evidence without pointers at the fields its facts read', () => {
    expect(resultPointers({ products: [{ pointer: '/products/0' }] })).toEqual(['/products/0']);
    expect(resultPointers({ custodyAccount: { bank: null } })).toEqual(['/funds/custody']);
    expect(
      resultPointers({ 'shutdown.transitionCover': false, 'shutdown.outstandingClaimsPlan': true }),
    ).toEqual(['/shutdown/transitionCover', '/shutdown/outstandingClaimsPlan']);
    expect(resultPointers({ someNewFact: {} })).toEqual([]);
  });

  it('the driver has the version; rules a PascalCase name, security-severity, precision and tags', async () => {
    const run = run0((await runHere(['check', ...FILES, '--format', 'sarif'])).stdout);
    const runZh = run0((await runHere(['check', ...FILES, '--format', 'sarif', '--lang', 'zh'])).stdout);
    expect(run.tool.driver.version).toBe(pkg.version);
    expect(TOOL_VERSION).toBe(pkg.version);
    for (const r of [...run.tool.driver.rules, ...runZh.tool.driver.rules]) {
      expect(r.name).toMatch(/^[A-Z][A-Za-z0-9]*$/);
      expect(r.name).not.toBe(r.id);
      expect(r.properties['security-severity']).toBe(
        SECURITY_SEVERITY[r.properties.severity as keyof typeof SECURITY_SEVERITY],
      );
      expect(['very-high', 'high']).toContain(r.properties.precision);
      expect(r.properties.tags).toContain('security');
    }
    expect(run.tool.driver.rules.find((r) => r.id === 'FUND-001')!.name).toBe(
      'MembersMoneyMustBeHeldInASegregatedAccountAtABankOpenedByThe',
    );
    expect(runZh.tool.driver.rules.find((r) => r.id === 'FUND-001')!.name).toBe('FundsRule001');
    expect(ruleName('A-1', '1 rule', 'x-y', 'en')).toBe('XYRule1');
    expect(Number(SECURITY_SEVERITY.critical)).toBeGreaterThan(9);
  });

  it('a waived finding is suppressed, an advisory one a failure at level note, an error one an error', () => {
    const out = run0(formatSarif([{ report: handBuilt() }]));
    const by = (id: string) => out.results.find((r) => r.ruleId === id)!;
    expect(by('FUND-001').suppressions).toHaveLength(1);
    expect(by('NAME-001')).toMatchObject({ kind: 'fail', level: 'note' });
    expect(by('EXIT-001')).toMatchObject({ kind: 'fail', level: 'error' });
  });

  it.skipIf(!process.env.SARIF_MULTITOOL)(
    'Sarif.Multitool validate reports no warning or error',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'sarif-mt-'));
      const jsonFile = join(dir, 'fund-pool.json');
      const parsed = parseYaml(readFileSync(`${DIR}/fund-pool.yaml`, 'utf8'));
      if (!parsed.ok) throw new Error('fund-pool.yaml is not YAML');
      writeFileSync(jsonFile, JSON.stringify(parsed.doc.value, null, 2));
      const logs = {
        check: (await runHere(['check', ...FILES, jsonFile, '--format', 'sarif'])).stdout,
        scan: (await runHere(['scan', DIR, '--format', 'sarif', '--workers', '0'])).stdout,
        hand: formatSarif([
          {
            report: handBuilt(),
            source: { uri: `${DIR}/fund-pool.yaml`, text: readFileSync(`${DIR}/fund-pool.yaml`, 'utf8') },
          },
        ]),
      };
      for (const [name, text] of Object.entries(logs)) {
        const file = join(dir, `${name}.sarif`);
        writeFileSync(file, text);
        const said = execFileSync(
          process.env.SARIF_MULTITOOL!,
          ['validate', '--output', join(dir, `${name}.out.sarif`), file],
          { encoding: 'utf8' },
        );
        // package.json names no home page (no homepage or repository field) for the driver's informationUri
        const noHome = (l: string) =>
          !pkg.homepage && !pkg.repository && /SARIF2005: .*'informationUri'/.test(l);
        expect(
          said.split('\n').filter((l) => /: (warning|error) /.test(l) && !noHome(l)),
          name,
        ).toEqual([]);
      }
    },
    120_000,
  );
});
