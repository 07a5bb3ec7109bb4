// The benchmark, once, at a tiny size: its JSON line has every key, and the baseline agrees with the scan.

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('npm run bench (smoke)', () => {
  it('prints one JSON object with every figure and finds no disagreement', () => {
    const r = spawnSync(
      process.execPath,
      ['dist/bench/run.js', '--json', '--count', '400', '--rss-filings', '300'],
      { cwd: root, encoding: 'utf8', timeout: 120_000 },
    );
    expect(r.status, r.stderr).toBe(0);
    const last = r.stdout.trim().split('\n').pop()!;
    const result = JSON.parse(last) as Record<string, unknown>;
    for (const key of [
      'floorPerSec',
      'baselinePerSec',
      'scanPerSec',
      'scan2PerSec',
      'ratioToFloor',
      'speedupVsBaseline',
      'workerScaling',
      'peakRssMb',
    ]) {
      expect(typeof result[key], key).toBe('number');
      expect(result[key] as number, key).toBeGreaterThan(0);
    }
    expect(result.disagreements).toBe(0);
    expect(result.corpusGaps).toEqual([]);
  });
});
