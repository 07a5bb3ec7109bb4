// The list shapes the console draws (DESIGN §8): a platform with its latest verdict and failures by family, a filing with its figures.

import type { Family, Severity } from '../rules/types.js';
import type { Report } from '../engine/report-model.js';
import type { FilingRecord, ReportRecord, Store } from '../store/types.js';

const SEVERITY_ORDER: readonly Severity[] = ['critical', 'major', 'minor', 'info'];

/**
 * What a stored report contributes to a list item: failures by severity and by rule family, and the most
 * severe failure of each family (what the console's grid is coloured by).
 */
export function reportCounts(report: ReportRecord | null): {
  bySeverity: Record<Severity, number> | null;
  failedByFamily: Partial<Record<Family, number>>;
  worstByFamily: Partial<Record<Family, Severity>>;
} {
  if (!report) return { bySeverity: null, failedByFamily: {}, worstByFamily: {} };
  const r = JSON.parse(report.json) as Report;
  const failedByFamily: Partial<Record<Family, number>> = {};
  const worstByFamily: Partial<Record<Family, Severity>> = {};
  for (const f of r.findings) {
    if (f.status !== 'fail') continue;
    failedByFamily[f.family] = (failedByFamily[f.family] ?? 0) + 1;
    const worst = worstByFamily[f.family];
    if (worst === undefined || SEVERITY_ORDER.indexOf(f.severity) < SEVERITY_ORDER.indexOf(worst))
      worstByFamily[f.family] = f.severity;
  }
  return { bySeverity: r.summary.bySeverity, failedByFamily, worstByFamily };
}

interface DisclosureFigures {
  publishedAt?: unknown;
  perMemberShareCny?: unknown;
}

/**
 * The figures the console charts from a filing document: active members, and the mean per-member
 * share of the disclosures published within its period (all its disclosures when none is), to cents.
 */
export function filingFigures(doc: unknown): {
  membersActive: number | null;
  meanPerMemberShareCny: number | null;
  submittedAt: string | null;
} {
  const d = (doc ?? {}) as {
    members?: { active?: unknown };
    disclosures?: unknown;
    period?: { start?: unknown; end?: unknown };
    submittedAt?: unknown;
  };
  const active = d.members?.active;
  const all = Array.isArray(d.disclosures) ? (d.disclosures as DisclosureFigures[]) : [];
  const within = all.filter(
    (x) =>
      typeof x.publishedAt === 'string' &&
      typeof d.period?.start === 'string' &&
      typeof d.period.end === 'string' &&
      x.publishedAt >= d.period.start &&
      x.publishedAt <= d.period.end,
  );
  const shares = (within.length > 0 ? within : all)
    .map((x) => x.perMemberShareCny)
    .filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  const mean =
    shares.length > 0 ? Math.round((shares.reduce((a, b) => a + b, 0) / shares.length) * 100) / 100 : null;
  return {
    membersActive: typeof active === 'number' ? active : null,
    meanPerMemberShareCny: mean,
    submittedAt: typeof d.submittedAt === 'string' ? d.submittedAt : null,
  };
}

/** Open rectification orders per platform; 0 for every platform while the store keeps no orders. */
export async function openOrdersByPlatform(
  store: Store,
  platforms: readonly string[] | null,
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  // orders arrive with the ORDERS work (DESIGN §11); a store without them has none open
  if (typeof (store as Partial<Store>).listOrders !== 'function') return counts;
  for (const o of await store.listOrders(platforms)) {
    if (o.stored.state === 'open') counts.set(o.platformId, (counts.get(o.platformId) ?? 0) + 1);
  }
  return counts;
}

/** A stored filing's list item beyond its summary: submittedAt, verdict counts, the charted figures. */
export function filingFiguresOf(f: FilingRecord | null, report: ReportRecord | null) {
  const figures = filingFigures(f ? (JSON.parse(f.parsedJson) as unknown) : null);
  return { ...figures, bySeverity: reportCounts(report).bySeverity };
}
