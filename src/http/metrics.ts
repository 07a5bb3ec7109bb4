// Prometheus metrics of one app: requests and latencies by route, filings judged by verdict, the rule set in
// force, scan shards; and what a supervisor alerts on: platforms on the watchlist, orders by state (overdue).

import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { ORDER_STATES, type OrderState } from '../app/orders/machine.js';
import type { Verdict } from '../engine/report-model.js';

/** prom-client default gauges whose names end in _total, which Prometheus reserves for counters. */
const NOT_COUNTERS = [
  'nodejs_active_handles_total',
  'nodejs_active_requests_total',
  'nodejs_active_resources_total',
];

/** Where a filing was judged. */
export type JudgedBy = 'check' | 'submit' | 'scan';
const JUDGED_BY: readonly JudgedBy[] = ['check', 'submit', 'scan'];
const VERDICTS: readonly Verdict[] = ['pass', 'fail', 'error'];

/** The supervisor's figures, read from the store: platforms on the watchlist, rectification orders by state. */
export interface BusinessFigures {
  watchlist: number;
  orders: Record<OrderState, number>;
}

/** How often the business figures are read at most: once a minute, whatever the scrape interval. */
export const BUSINESS_EVERY_MS = 60_000;

/** The app's own registry (not prom-client's global one, so several apps can live in one process). */
export class Metrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'compliance_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  private readonly latency = new Histogram({
    name: 'compliance_http_request_duration_seconds',
    help: 'Time to answer HTTP requests, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly judged = new Counter({
    name: 'compliance_filings_judged_total',
    help: 'Filings judged by this instance, by verdict and by where: check (POST /v1/check), submit (a filing stored by POST /v1/filings), scan (POST /v1/scans answered here; scan jobs count in compliance_scan_shards_total)',
    labelNames: ['verdict', 'by'] as const,
    registers: [this.registry],
  });
  private readonly ruleset = new Gauge({
    name: 'compliance_ruleset_info',
    help: 'The rule-set version in force (value 1), with its label',
    labelNames: ['version', 'label'] as const,
    registers: [this.registry],
  });

  private readonly shards = new Counter({
    name: 'compliance_scan_shards_total',
    help: 'Scan shards finished by this process, by outcome (recorded, already-recorded: a retry counted once, skipped: a cancelled scan)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  private readonly shardSeconds = new Histogram({
    name: 'compliance_scan_shard_duration_seconds',
    help: 'Time to judge and record one scan shard',
    buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
    registers: [this.registry],
  });
  private readonly retries = new Counter({
    name: 'compliance_scan_shard_retries_total',
    help: 'Scan shards taken again after their worker died or failed',
    registers: [this.registry],
  });
  private readonly shardFailures = new Counter({
    name: 'compliance_scan_shard_failures_total',
    help: 'Attempts at a scan shard that failed',
    registers: [this.registry],
  });
  private readonly scans = new Counter({
    name: 'compliance_scans_started_total',
    help: 'Asynchronous scans asked for on this instance',
    registers: [this.registry],
  });
  private queueDepth: (() => Promise<number>) | null = null;
  private lastRuleSet = '';
  private business: { read: () => Promise<BusinessFigures>; now: () => number; everyMs: number } | null =
    null;
  private figures: { at: number; value: BusinessFigures } | null = null;
  private reading: Promise<BusinessFigures | null> | null = null;

  constructor(opts: { defaultMetrics?: boolean } = {}) {
    const depth: Gauge = new Gauge({
      name: 'compliance_scan_queue_depth',
      help: 'Scan shards waiting to be taken',
      registers: [this.registry],
      collect: async () => {
        if (this.queueDepth) depth.set(await this.queueDepth().catch(() => 0));
      },
    });
    const watched: Gauge = new Gauge({
      name: 'compliance_watchlist_platforms',
      help: 'Platforms on the watchlist (GET /v1/watchlist): their latest current filing shows an early-warning sign; read at most once a minute',
      registers: [this.registry],
      collect: async () => {
        const f = await this.businessFigures();
        if (f) watched.set(f.watchlist);
      },
    });
    const orders: Gauge<'state'> = new Gauge({
      name: 'compliance_rectification_orders',
      help: 'Rectification orders by state today in the service time zone (open, overdue: open past its deadline, rectified, closed); read at most once a minute',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect: async () => {
        const f = await this.businessFigures();
        if (f) for (const state of ORDER_STATES) orders.set({ state }, f.orders[state]);
      },
    });
    // every verdict and place from the start, so a rate() or an alert has a series before the first filing
    for (const verdict of VERDICTS) for (const by of JUDGED_BY) this.judged.inc({ verdict, by }, 0);
    if (opts.defaultMetrics) {
      collectDefaultMetrics({ register: this.registry });
      // gauges named like counters, which `promtool check metrics` rejects; the same counts stay
      // available per type in nodejs_active_handles, nodejs_active_requests and nodejs_active_resources
      for (const name of NOT_COUNTERS) this.registry.removeSingleMetric(name);
    }
  }

  request(method: string, route: string, status: number, seconds: number): void {
    const labels = { method, route, status: String(status) };
    this.requests.inc(labels);
    this.latency.observe(labels, seconds);
  }

  filingJudged(verdict: Verdict, by: JudgedBy, count = 1): void {
    if (count > 0) this.judged.inc({ verdict, by }, count);
  }

  /**
   * Where the business gauges read from: `read` (the watchlist judges every platform's latest filing
   * again, so it is not run on every scrape), at most once per `everyMs` of `now`, one read at a time; a
   * failed read keeps the last figures and is tried again at the next scrape.
   */
  watchBusiness(read: () => Promise<BusinessFigures>, now: () => number, everyMs = BUSINESS_EVERY_MS): void {
    this.business = { read, now, everyMs };
    this.figures = null;
  }

  /** The business figures, read again once they are older than a minute (or the clock went back). */
  private async businessFigures(): Promise<BusinessFigures | null> {
    const b = this.business;
    if (!b) return null;
    const at = b.now();
    const last = this.figures;
    if (last && at >= last.at && at - last.at < b.everyMs) return last.value;
    this.reading ??= b
      .read()
      .then(
        (value) => {
          this.figures = { at, value };
          return value;
        },
        () => this.figures?.value ?? null,
      )
      .finally(() => {
        this.reading = null;
      });
    return this.reading;
  }

  /** Where the queue depth gauge reads from. */
  watchQueue(depth: () => Promise<number>): void {
    this.queueDepth = depth;
  }

  shardDone(outcome: 'recorded' | 'already-recorded' | 'skipped', seconds: number): void {
    this.shards.inc({ outcome });
    this.shardSeconds.observe(seconds);
  }

  shardRetried(): void {
    this.retries.inc();
  }

  shardFailed(): void {
    this.shardFailures.inc();
  }

  scanStarted(): void {
    this.scans.inc();
  }

  ruleSetInForce(version: string, label: number): void {
    const key = `${label} ${version}`;
    if (key === this.lastRuleSet) return;
    this.lastRuleSet = key;
    this.ruleset.reset();
    this.ruleset.set({ version, label: String(label) }, 1);
  }
}
