// Prometheus metrics of one app: requests and latencies by route, filings judged by verdict, the rule set in force.

import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Verdict } from '../report/types.js';

/** Where a filing was judged. */
export type JudgedBy = 'check' | 'submit' | 'scan';

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
    help: 'Filings judged, by verdict and by where (check, submit, scan)',
    labelNames: ['verdict', 'by'] as const,
    registers: [this.registry],
  });
  private readonly ruleset = new Gauge({
    name: 'compliance_ruleset_info',
    help: 'The rule-set version in force (value 1), with its label',
    labelNames: ['version', 'label'] as const,
    registers: [this.registry],
  });

  constructor(opts: { defaultMetrics?: boolean } = {}) {
    if (opts.defaultMetrics) collectDefaultMetrics({ register: this.registry });
  }

  request(method: string, route: string, status: number, seconds: number): void {
    const labels = { method, route, status: String(status) };
    this.requests.inc(labels);
    this.latency.observe(labels, seconds);
  }

  filingJudged(verdict: Verdict, by: JudgedBy, count = 1): void {
    if (count > 0) this.judged.inc({ verdict, by }, count);
  }

  ruleSetInForce(version: string, label: number): void {
    this.ruleset.reset();
    this.ruleset.set({ version, label: String(label) }, 1);
  }
}
