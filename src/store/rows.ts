// Rows both stores read the same way (reports, rule sets, tokens, a finding's status) and their records.

import type { Lang, RuleSetSources } from '../rules/types.js';
import type { Status, Verdict } from '../engine/report-model.js';
import { historyRecord, type HistoryRecord } from '../engine/history.js';
import type { Filing } from '../filing/types.js';
import type { ReportRecord, Role, RuleSetRecord, TokenRecord } from './types.js';

export interface ReportRow {
  platform_id: string;
  filing_id: string;
  ruleset_version: string;
  ruleset_label: number;
  lang: string;
  verdict: string;
  report_json: string;
  outcome_json: string | null;
  judged_at: string;
}

export interface RuleSetRow {
  label: number;
  version: string;
  sources_json?: string;
  rules: number;
  author: string;
  note: string;
  created_at: string;
}

export interface TokenRow {
  id: string;
  name: string;
  role: string;
  platforms_json: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
}

export function report(row: ReportRow): ReportRecord {
  return {
    filingId: row.filing_id,
    platformId: row.platform_id,
    rulesetVersion: row.ruleset_version,
    rulesetLabel: row.ruleset_label,
    lang: row.lang as Lang,
    verdict: row.verdict as Verdict,
    json: row.report_json,
    outcome: row.outcome_json ?? null,
    judgedAt: row.judged_at,
  };
}

export function ruleSet(row: RuleSetRow): RuleSetRecord {
  return {
    label: row.label,
    version: row.version,
    sources: JSON.parse(row.sources_json ?? 'null') as RuleSetSources,
    rules: row.rules,
    author: row.author,
    note: row.note,
    createdAt: row.created_at,
  };
}

export function token(row: TokenRow): TokenRecord {
  return {
    id: row.id,
    name: row.name,
    role: row.role as Role,
    platforms: JSON.parse(row.platforms_json) as string[],
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  };
}

const STATUSES: ReadonlySet<string> = new Set<Status>([
  'fail',
  'pass',
  'not-applicable',
  'advisory',
  'waived',
  'error',
]);

/** A stored report's status string, if it is one (anything else counts as no finding). */
export function status(value: unknown): Status | null {
  return typeof value === 'string' && STATUSES.has(value) ? (value as Status) : null;
}

/** A filing's light history record as its columns hold it (migration 7 / PostgreSQL 6); nulls before its backfill. */
export interface LightRow {
  filing_id: string;
  platform_id: string;
  period_start: string;
  period_end: string;
  supersedes: string | null;
  members_active: number | string | null;
  shares_count: number | null;
  shares_sum: string | null;
  /** Only read for a row whose columns are not filled yet. */
  parsed_json?: string;
}

/** The light record of a row whose columns are filled; null for one stored before they were. */
export function lightRecord(row: LightRow): HistoryRecord | null {
  if (row.members_active === null || row.shares_count === null || row.shares_sum === null) return null;
  return {
    filingId: row.filing_id,
    platformId: row.platform_id,
    period: { start: row.period_start, end: row.period_end },
    supersedes: row.supersedes,
    // PostgreSQL's BIGINT comes back as text; counts are bounded below 2^53 (DESIGN §3)
    membersActive: Number(row.members_active),
    shares: { count: row.shares_count, sum: row.shares_sum },
  };
}

/** The light columns of a filing stored from its parsed JSON: what `lightRecord` reads back. */
export function lightColumns(parsedJson: string): { membersActive: number; sharesCount: number; sharesSum: string } {
  const r = historyRecord(JSON.parse(parsedJson) as Filing);
  return { membersActive: r.membersActive, sharesCount: r.shares.count, sharesSum: r.shares.sum };
}
