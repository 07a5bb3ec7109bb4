// Flat memory with histories: a scan that indexes its input keeps light records, not filings — the heap
// after 100,000 filings exceeds the heap after 10,000 by little more than the index itself.
// Runs the built scan (the "built" project builds dist/ first) in child processes started with --expose-gc.

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { requireBuild } from '../support/cli.js';
import { REPO_ROOT } from '../support/filing-factory.js';

const PROBE = fileURLToPath(new URL('test/support/history-memory-probe.mjs', REPO_ROOT));
const MB = 1024 * 1024;

interface Probe {
  heap: number;
  count: number;
  indexed: number;
  withHistory: number;
  filings: number;
  invalid: number;
}

function probe(n: number): Probe {
  const child = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=256', PROBE, String(n)], {
    encoding: 'utf8',
    timeout: 170_000,
  });
  expect(child.stderr).toBe('');
  expect(child.status).toBe(0);
  return JSON.parse(child.stdout) as Probe;
}

describe('scan memory with histories', () => {
  beforeAll(requireBuild);

  it('stays flat from 10,000 to 100,000 filings (workers 0): under 100 bytes per indexed filing', () => {
    const small = probe(10_000);
    const large = probe(100_000);
    for (const p of [small, large]) {
      // every valid filing indexed and judged, nearly all with a history, invalid ones left out
      expect(p.indexed).toBe(p.filings);
      expect(p.invalid).toBeGreaterThan(0);
      expect(p.withHistory).toBeGreaterThan(p.filings * 0.99);
      expect(p.withHistory).toBeLessThan(p.filings);
    }
    expect(large.count).toBeGreaterThan(90_000);
    const growth = large.heap - small.heap;
    expect(growth).toBeLessThan(20 * MB);
    expect(growth / (large.indexed - small.indexed)).toBeLessThan(100);
  }, 200_000);
});
