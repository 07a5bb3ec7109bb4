// Rows both stores read the same way (reports, rule sets, tokens, a finding's status) and their records.

import type { Lang, RuleSetSources } from '../rules/types.js';
import type { Status, Verdict } from '../engine/report-model.js';
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
