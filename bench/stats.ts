// Figures that hold under noise: the median and the spread of repeated measurements, and the machine they ran on.

import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';

/** The median, the quartiles and the extremes of some measurements. */
export interface Spread {
  median: number;
  q1: number;
  q3: number;
  min: number;
  max: number;
}

/** The value at fraction `p` of sorted values, interpolated between neighbours. */
function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const at = (sorted.length - 1) * p;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

/** The spread of `values`; `digits` rounds every figure alike. */
export function spread(values: readonly number[], digits = 0): Spread {
  const s = [...values].sort((a, b) => a - b);
  const r = (x: number) => Number(x.toFixed(digits));
  return {
    median: r(quantile(s, 0.5)),
    q1: r(quantile(s, 0.25)),
    q3: r(quantile(s, 0.75)),
    min: r(s[0]!),
    max: r(s[s.length - 1]!),
  };
}

/** `median (min–max)`, for people. */
export function show(s: Spread): string {
  return `${s.median} (${s.min}–${s.max})`;
}

/** What ran the measurements: they mean little without it. */
export interface Machine {
  cpu: string;
  cores: number;
  node: string;
  memoryGb: number;
  /** The 1-, 5- and 15-minute load averages when the run started: above the core count, the figures are shared. */
  loadAtStart: number[];
}

export function machine(): Machine {
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: availableParallelism(),
    node: process.version,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    loadAtStart: loadavg().map((x) => Number(x.toFixed(2))),
  };
}

/** The current 1-minute load average. */
export function loadNow(): number {
  return Number(loadavg()[0]!.toFixed(2));
}

/**
 * The CPU time this thread (the main thread when called from it) has used, in milliseconds, read per
 * thread: Node 20 has no `process.threadCpuUsage`, so Linux's `/proc/self/task/<tid>/schedstat` (the
 * main thread's tid is the pid; nanoseconds on the CPU), else the event loop's active time (its
 * wall-clock share, an upper bound), with how it was read.
 */
export function mainThreadCpuMs(): { ms: number; source: 'schedstat' | 'eventLoopUtilization' } {
  try {
    const ns = Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]);
    if (Number.isFinite(ns)) return { ms: ns / 1e6, source: 'schedstat' };
  } catch {
    // not Linux, or no schedstat
  }
  return { ms: performance.eventLoopUtilization().active, source: 'eventLoopUtilization' };
}
