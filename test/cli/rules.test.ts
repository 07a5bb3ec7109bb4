// `compliance rules lint|test|preview`, run in-process (test/cli/process.test.ts covers the process itself).

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { lines, runHere as runCli } from '../support/cli.js';
import { makeFiling } from '../support/filing-factory.js';
import { fixturePath } from '../support/fixtures.js';
import { copyRules, edit, positionOf, removeTempDirs, RULES_DIR, tempDir } from '../support/rule-sets.js';

afterAll(removeTempDirs);

describe.concurrent('compliance rules lint', () => {
  it('passes on the bundled pack (default and named), printing its version', async () => {
    const [byDefault, named] = await Promise.all([
      runCli(['rules', 'lint']),
      runCli(['rules', 'lint', RULES_DIR]),
    ]);
    for (const r of [byDefault, named]) {
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/sha256:[0-9a-f]{64}/);
      expect(r.stderr).toBe('');
    }
  });

  it.each<[string, string, string, string, string]>([
    [
      'an unknown fact',
      'name-001.yaml',
      'fact: namesWithoutCover',
      'fact: namesWithoutCovr',
      'namesWithoutCovr',
    ],
    [
      'a duplicate key',
      'name-001.yaml',
      'severity: critical\n',
      'severity: critical\nseverity: major\n',
      'severity: major',
    ],
    ['a schema error', 'mem-001.yaml', 'severity: info', 'severity: trivial', 'trivial'],
    [
      'a JSONPath filter',
      'mem-002.yaml',
      'path: members.activeAtPeriodStart',
      "path: '$.members[?(@.active)]'",
      "'$.members",
    ],
  ])('exits 2 on %s, naming file:line:column', async (_name, file, from, to, marker) => {
    const dir = copyRules();
    const text = edit(join(dir, file), from, to);
    const { line, column } = positionOf(text, marker);
    const r = await runCli(['rules', 'lint', dir]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(lines(r.stderr)).toContainEqual(expect.stringContaining(`${join(dir, file)}:${line}:${column}`));
    expect(r.stderr).not.toContain('    at ');
  });

  it('exits 2 on a folder that does not exist', async () => {
    const r = await runCli(['rules', 'lint', join(RULES_DIR, 'missing')]);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain('    at ');
  });
});

describe.concurrent('compliance rules test', () => {
  it('exits 0 on the bundled pack: every case passes, no coverage gap', async () => {
    const r = await runCli(['rules', 'test']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\d+ cases, 0 failed, 0 coverage gaps$/m);
    expect(r.stdout).not.toMatch(/^(FAIL|GAP) /m);
  });

  it('exits 1 on a copy with a failing case, naming it', async () => {
    const dir = copyRules();
    edit(
      join(dir, 'name-001.yaml'),
      '{ name: 相互保 without a licence fails, set: { /licenses: [], /products/0/name: 相互保 }, expect: fail }',
      '{ name: 相互保 without a licence fails, set: { /licenses: [], /products/0/name: 相互保 }, expect: pass }',
    );
    const r = await runCli(['rules', 'test', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^FAIL NAME-001 相互保 without a licence fails .*expected pass, got fail/m);
    expect(r.stdout).toMatch(/^\d+ cases, 1 failed, 0 coverage gaps$/m);
  });

  it('exits 1 on a copy where a condition is never seen false (a coverage gap)', async () => {
    const dir = copyRules();
    // with only a failing case, NAME-001's only condition is never seen false
    const file = join(dir, 'name-001.yaml');
    const text = readFileSync(file, 'utf8');
    writeFileSync(
      file,
      text.slice(0, text.indexOf('\ntests:')) +
        '\ntests:\n  - { name: 相互保 without a licence fails, set: { /licenses: [], /products/0/name: 相互保 }, expect: fail }\n',
    );
    const r = await runCli(['rules', 'test', dir, '--rule', 'NAME-001']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^GAP {2}NAME-001 /m);
  });
});

describe.concurrent('compliance rules preview', () => {
  let filings: string[];
  beforeAll(() => {
    const dir = tempDir('compliance-preview-');
    filings = [
      ['at-cap.yaml', makeFiling({ '/filingId': 'at-cap' })],
      ['below-cap.yaml', makeFiling({ '/filingId': 'below-cap', '/products/0/managementFeeRate': 0.06 })],
    ].map(([name, f]) => {
      const path = join(dir, name as string);
      writeFileSync(path, stringify(f));
      return path;
    });
  });

  it('shows the verdict that flips when managementFeeCap becomes 0.07', async () => {
    const proposed = copyRules();
    edit(
      join(proposed, 'parameters.yaml'),
      'managementFeeCap:\n  - { from: 2009-10-01, value: 0.08 }',
      'managementFeeCap:\n  - { from: 2009-10-01, value: 0.07 }',
    );
    const [table, json] = await Promise.all([
      runCli(['rules', 'preview', '--proposed', proposed, ...filings]),
      runCli([
        'rules',
        'preview',
        '--proposed',
        proposed,
        '--format',
        'json',
        ...filings,
        fixturePath('xhb-2021-12b.yaml'),
      ]),
    ]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^Proposed rule set sha256:\S+ against the current sha256:\S+$/m);
    expect(table.stdout).toContain(
      'parameter managementFeeCap (management fee cap): 0.07 from 2009-10-01 (was 0.08)',
    );
    expect(table.stdout).toMatch(/^2 filings judged with both: \d change verdict/m);
    // PROD-002 reads the cap against each product's fee: only the product at 0.08 crosses it
    expect(table.stdout).toMatch(/^Platform base-mutual: /m);
    expect(table.stdout).toMatch(/^at-cap\s+\d{4}-\d{2}-\d{2}\s+PASS → FAIL\s+.*PROD-002 pass → fail/m);
    expect(table.stdout).not.toMatch(/^below-cap.*PROD-002/m);
    const result = JSON.parse(json.stdout) as {
      filings: number;
      verdictChanges: number;
      byRule: Record<string, { appeared: number }>;
    };
    expect(result.verdictChanges).toBeGreaterThan(0);
    expect(result).toMatchObject({
      filings: 3,
      byRule: { 'PROD-002': { appeared: 2, disappeared: 0, changed: 2 } },
    });
  });

  it('shows no change for an identical copy', async () => {
    const r = await runCli(['rules', 'preview', '--proposed', copyRules(), ...filings]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/: 0 change verdict, 0 change findings/);
    expect(r.stdout).toContain('no rule and no parameter changes');
    const zh = await runCli(['rules', 'preview', '--lang', 'zh', '--proposed', copyRules(), ...filings]);
    expect(zh.stdout).toContain('规则和参数均无变更');
    expect(zh.stdout).toMatch(/两套规则共判定2份报送：0份结论改变，0份结果改变/);
  });

  it.each<[string, () => string[]]>([
    ['without --proposed', () => ['rules', 'preview', ...filings]],
    ['with an unknown option', () => ['rules', 'preview', '--proposed', RULES_DIR, '--dry-run', ...filings]],
    ['with an unknown subcommand', () => ['rules', 'publish']],
  ])('exits 2 %s', async (_name, args) => {
    const r = await runCli(args());
    expect(r.code).toBe(2);
  });
});
