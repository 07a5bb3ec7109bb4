// The benchmark at a tiny size, two rounds: its JSON line has every median (the bulk scan line and --full),
// the spreads and the machine, and the baseline agrees with the scan on every rule of every filing;
// `--profile` names every stage.

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const FIGURES = [
  'floorPerSec',
  'baselinePerSec',
  'scanPerSec',
  'scanFullPerSec',
  'scan2PerSec',
  'ratioToFloor',
  'ratioToFloorFull',
  'speedupVsBaseline',
  'workerScaling',
  'mainThreadUsPerFiling',
];

function bench(...args: string[]): Record<string, unknown> {
  const r = spawnSync(process.execPath, ['dist/bench/run.js', '--json', ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
  });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, unknown>;
}

describe('npm run bench (smoke)', () => {
  it('prints the medians under their keys, each inside its spread, with the machine, and finds no disagreement', () => {
    const result = bench('--count', '300', '--platforms', '10', '--rounds', '2', '--rss-filings', '200');
    for (const key of [...FIGURES, 'peakRssMb', 'bytesPerFiling', 'bytesPerFilingFull']) {
      expect(typeof result[key], key).toBe('number');
      expect(result[key] as number, key).toBeGreaterThan(0);
    }
    const spread = result.spread as Record<string, { median: number; min: number; max: number }>;
    for (const key of FIGURES) {
      expect(spread[key]!.median, key).toBe(result[key]);
      expect(spread[key]!.min, key).toBeLessThanOrEqual(spread[key]!.median);
      expect(spread[key]!.max, key).toBeGreaterThanOrEqual(spread[key]!.median);
    }
    expect(result.rounds).toBe(2);
    const machine = result.machine as { cpu: string; cores: number; node: string; loadAtStart: number[] };
    expect(machine.cores).toBeGreaterThan(0);
    expect(machine.node).toBe(process.version);
    expect(machine.loadAtStart).toHaveLength(3);
    expect(result.disagreements).toBe(0);
    expect(result.corpusGaps).toEqual([]);
    // the bulk scan line is a fraction of the whole report
    expect(result.bytesPerFiling as number).toBeLessThan((result.bytesPerFilingFull as number) / 2);
  });

  it('--profile gives each stage of a scan in microseconds per filing', () => {
    const result = bench('--count', '200', '--rounds', '1', '--profile');
    const stages = result.microsecondsPerFiling as Record<string, { median: number }>;
    for (const stage of [
      'decode',
      'parse',
      'duplicateKeys',
      'schema',
      'validate',
      'historyIndex',
      'historyDigest',
      'judge',
      'render',
      'write',
      'renderFull',
      'writeFull',
    ]) {
      expect(stages[stage]!.median, stage).toBeGreaterThan(0);
    }
  });
});

describe('npm run bench:workers (smoke)', () => {
  it('sweeps 1, 2 … up to --max workers, each with its rate, its ratio to one worker and the main thread’s µs, with the machine', () => {
    const r = spawnSync(process.execPath, ['dist/bench/workers.js', '--json', '--count', '300', '--max', '3'], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as { machine: { cores: number }; sweep: { workers: number; perSec: number; ratio: number; mainThreadUsPerFiling: number }[] };
    expect(out.machine.cores).toBeGreaterThan(0);
    expect(out.sweep.map((s) => s.workers)).toEqual([1, 2, 3]);
    expect(out.sweep[0]!.ratio).toBe(1);
    for (const s of out.sweep) {
      expect(s.perSec).toBeGreaterThan(0);
      expect(s.mainThreadUsPerFiling).toBeGreaterThan(0);
    }
  });
});
