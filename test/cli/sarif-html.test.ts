// `check` and `scan` with --format sarif and --format html, run in this process on captured streams.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runHere } from '../support/cli.js';

const FILING = 'examples/filings/fund-pool.yaml';

interface Log {
  version: string;
  runs: {
    results: {
      ruleId: string;
      locations: {
        physicalLocation?: { artifactLocation: { uri: string }; region?: { startLine: number } };
      }[];
    }[];
  }[];
}

describe('compliance check --format sarif|html', () => {
  it('sarif: one result per finding not passing, with regions in the file', async () => {
    const json = await runHere(['check', FILING, '--format', 'json']);
    const report = JSON.parse(json.stdout) as { findings: { ruleId: string; status: string }[] };
    const r = await runHere(['check', FILING, '--format', 'sarif']);
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout) as Log;
    expect(log.version).toBe('2.1.0');
    const expected = report.findings
      .filter((f) => f.status !== 'pass' && f.status !== 'not-applicable')
      .map((f) => f.ruleId);
    expect(log.runs[0]!.results.map((x) => x.ruleId)).toEqual(expected);
    const lines = readFileSync(FILING, 'utf8').split('\n');
    const located = log.runs[0]!.results.flatMap((x) => x.locations).filter(
      (l) => l.physicalLocation?.region,
    );
    expect(located.length).toBeGreaterThan(0);
    // every result is placed in the file, FUND-001's (no pointer in its evidence) at /funds/custody
    for (const x of log.runs[0]!.results) expect(x.locations.some((l) => l.physicalLocation?.region), x.ruleId).toBe(true);
    for (const l of located) {
      expect(l.physicalLocation!.artifactLocation.uri).toBe(FILING);
      expect(lines[l.physicalLocation!.region!.startLine - 1]).toBeDefined();
    }
  });

  it('html: one self-contained page in --lang', async () => {
    const r = await runHere(['check', FILING, '--format', 'html', '--lang', 'zh']);
    expect(r.stdout).toMatch(/^<!DOCTYPE html>/);
    expect(r.stdout).toContain('<html lang="zh-CN">');
    expect(r.stdout).toContain('不通过');
    expect(r.stdout).not.toMatch(/\b(?:src|href)\s*=|<script|<link|url\(/i);
  });
});

describe('compliance scan --format sarif|html', () => {
  it('html: the summary page of platforms × rule families', async () => {
    const r = await runHere(['scan', 'examples/filings', '--format', 'html', '--workers', '0']);
    expect(r.stdout).toMatch(/^<!DOCTYPE html>/);
    expect(r.stdout).toContain('<th scope="row">kangai-gongshe</th>');
    expect(r.stdout).toMatch(/<th scope="row">kangai-gongshe<\/th>(?:<td class="n[^"]*">\d+<\/td>)+/);
    expect(r.stdout).toMatch(/class="n c[1-4]"/);
    expect(r.stdout).not.toMatch(/\b(?:src|href)\s*=|<script|<link|url\(/i);
  });

  it('sarif: the results of every filing scanned', async () => {
    const nd = await runHere(['scan', 'examples/filings', '--format', 'ndjson', '--workers', '0']);
    const reports = nd.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { findings?: { status: string }[] })
      .filter((x) => x.findings);
    const expected = reports.reduce(
      (n, x) => n + x.findings!.filter((f) => f.status !== 'pass' && f.status !== 'not-applicable').length,
      0,
    );
    const r = await runHere(['scan', 'examples/filings', '--format', 'sarif', '--workers', '0']);
    const log = JSON.parse(r.stdout) as Log;
    expect(log.runs[0]!.results.length).toBe(expected);
    expect(expected).toBeGreaterThan(5);
  });
});
