// The Store interface: everything the service persists (filings, reports, rule-set versions, tokens, audit log).

import type { RuleSetSources } from '../rules/types.js';
import type { Verdict } from '../engine/report-model.js';
import type { Lang } from '../rules/types.js';
import type { OrderStore } from './order-types.js';
import type { ScanStore } from './scan-types.js';
import type { HistoryRecord } from '../engine/history.js';

/** Who a bearer token speaks for. */
export type Role = 'officer' | 'supervisor' | 'auditor';
/** Every role, in the order the role table lists them. */
export const ROLES: readonly Role[] = ['officer', 'supervisor', 'auditor'];

/** The media types a filing can be received as. */
export type FilingMediaType = 'application/json' | 'application/yaml';

/** A token as stored: never the secret itself, only its sha256. */
export interface TokenRecord {
  /** Public handle (`tok_…`) shown by `token list` and used by `token revoke`. */
  id: string;
  name: string;
  role: Role;
  /** The platforms an officer may act for; empty for other roles. */
  platforms: string[];
  createdAt: string;
  /** RFC 3339; the token is refused from this instant on. */
  expiresAt: string | null;
  revokedAt: string | null;
}

/** A token to store: its record and the sha256 (hex) of the secret. */
export interface NewToken extends Omit<TokenRecord, 'createdAt' | 'revokedAt'> {
  hash: string;
}

/** The report judged when a filing was submitted, as stored (the exact bytes returned). */
export interface ReportRecord {
  filingId: string;
  platformId: string;
  rulesetVersion: string;
  rulesetLabel: number;
  lang: Lang;
  verdict: Verdict;
  /** The report's JSON text, byte for byte what the API answered. */
  json: string;
  /**
   * The language-neutral outcome it was rendered from, as JSON text (DESIGN §6 revision 3): another
   * language is this outcome rendered again, never a new judgement. Null for a report stored before
   * outcomes were (its outcome is read from `json`: statuses, evidence and codes are neutral there).
   */
  outcome: string | null;
  judgedAt: string;
}

/** A stored filing without its texts: what lists show. */
export interface FilingSummary {
  filingId: string;
  platformId: string;
  platformName: string;
  period: { start: string; end: string };
  supersedes: string | null;
  supersededBy: string | null;
  /** True for the platform's current filing of this period (not superseded). */
  current: boolean;
  submittedBy: string;
  storedAt: string;
  verdict: Verdict;
  rulesetVersion: string;
  rulesetLabel: number;
}

/** A stored filing: as received (text and media type) and as parsed (JSON text). */
export interface FilingRecord extends FilingSummary {
  receivedType: FilingMediaType;
  receivedText: string;
  /** The parsed document as JSON text, keys in the order received. */
  parsedJson: string;
  /** sha256 (hex) of the canonical JSON of the parsed document: equal documents, equal digests. */
  digest: string;
}

/** A filing and its report to store together, in one transaction. */
export interface NewFiling {
  filingId: string;
  platformId: string;
  platformName: string;
  period: { start: string; end: string };
  supersedes: string | null;
  receivedType: FilingMediaType;
  receivedText: string;
  parsedJson: string;
  digest: string;
  submittedBy: string;
  report: Omit<ReportRecord, 'filingId' | 'platformId' | 'judgedAt' | 'outcome'> & { outcome?: string | null };
}

/** Why a submission cannot be stored. */
export type SubmitConflict = 'filing_id_taken' | 'period_taken' | 'supersedes_invalid';

/** What `submitFiling` did: stored it, found the same document stored already, or refused it. */
export type SubmitOutcome =
  | { kind: 'created'; filing: FilingRecord; report: ReportRecord }
  | { kind: 'duplicate'; filing: FilingRecord; report: ReportRecord }
  | { kind: 'conflict'; reason: SubmitConflict; message: string; pointer: string };

/** One page of a list, newest first, and the cursor of the next page (null at the end). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** A platform with its latest current filing (greatest period.end) and that filing's verdict. */
export interface PlatformSummary {
  platformId: string;
  platformName: string;
  /** Every filing stored for the platform, superseded ones included. */
  filings: number;
  latest: FilingSummary;
}

/** Which stored filings a scan or a preview judges. */
export type FilingScope =
  /** The latest current filing of each platform. */
  | 'latest'
  /** Every current (not superseded) filing. */
  | 'current'
  /** Every filing ever stored. */
  | 'all';

/** A stored filing's parsed document, for re-judging. */
export interface StoredDocument {
  filingId: string;
  platformId: string;
  parsedJson: string;
}

/** A published rule-set version: its full sources and who published it, when and why. */
export interface RuleSetRecord {
  /** 1, 2, 3…: the order of publication. A rollback publishes an earlier version again under a new label. */
  label: number;
  /** `sha256:…`, the rule set's identity (the ETag). */
  version: string;
  sources: RuleSetSources;
  /** How many rules the set has. */
  rules: number;
  author: string;
  note: string;
  createdAt: string;
}

/** What the audit log records. */
export type AuditAction =
  | 'seed'
  | 'publish-rule'
  | 'delete-rule'
  | 'publish-parameters'
  | 'publish-waivers'
  | 'rollback'
  | 'token-create'
  | 'token-revoke'
  /** A rectification order opened, moved by a stored filing, or closed (DESIGN §11). */
  | 'order-open'
  | 'order-move'
  | 'order-close';

/** One append-only audit entry. */
export interface AuditEntry {
  id: number;
  at: string;
  /** The token name (or `cli`, `system`) that acted. */
  actor: string;
  action: AuditAction;
  /** The rule id, token id… the action was about, when there is one. */
  target: string | null;
  note: string;
  before: string | null;
  after: string | null;
  /** The rectification order the entry changed (order-* actions), else null. */
  orderId: string | null;
  /** The filing that caused an order's change (or that an order was opened from), else null. */
  filingId: string | null;
}

/** An audit entry to append: the store adds its id and time (order entries are written by the order methods). */
export type NewAuditEntry = Omit<AuditEntry, 'id' | 'at' | 'orderId' | 'filingId'>;

/** A rule-set version to publish if, and only if, the version in force is still `expected`. */
export interface PublishInput {
  /** The version the change was based on; null only when seeding an empty store. */
  expected: string | null;
  version: string;
  sources: RuleSetSources;
  rules: number;
  author: string;
  note: string;
  action: AuditAction;
  target: string | null;
}

/** A publish either lands (with its audit entry) or finds the version in force has moved on. */
export type PublishOutcome =
  | { kind: 'published'; record: RuleSetRecord; previous: RuleSetRecord | null; audit: AuditEntry }
  | { kind: 'stale'; current: RuleSetRecord | null };

/**
 * Everything the service persists, behind one interface so a PostgreSQL store can replace SQLite
 * without touching routes. Every method is async for that reason; each write is one transaction,
 * and the compare-and-set ones (`submitFiling`, `publishRuleSet`) are atomic against concurrent callers.
 */
export interface Store extends OrderStore, ScanStore {
  /**
   * Stores a filing and its report together, or says why not; the same document again is `duplicate`.
   * Filing ids are unique within a platform (`supersedes` names one of the same platform), so one
   * platform can neither learn nor take another's ids.
   */
  submitFiling(input: NewFiling): Promise<SubmitOutcome>;
  /** A platform's filing by its id. */
  getFiling(platformId: string, filingId: string): Promise<FilingRecord | null>;
  /** The report stored with a platform's filing. */
  getReport(platformId: string, filingId: string): Promise<ReportRecord | null>;
  /**
   * The filings stored under an id, one per platform that uses it, by platform id; only those of the
   * platforms named when `platforms` is given (what the `/v1/filings/:id` shortcut may show).
   */
  findFilings(filingId: string, platforms?: readonly string[] | null): Promise<FilingSummary[]>;
  /** Platforms with their latest filing, by id; only those named when `platforms` is given. */
  listPlatforms(platforms?: readonly string[]): Promise<PlatformSummary[]>;
  /** True when at least one filing of the platform is stored. */
  hasPlatform(platformId: string): Promise<boolean>;
  /** A platform's filings, newest period.end first (then newest stored first). Throws `usage_error` on a bad cursor. */
  listFilings(
    platformId: string,
    page: { limit: number; cursor?: string | null },
  ): Promise<Page<FilingSummary>>;
  /** Stored documents to re-judge, in storage order, read a page at a time (constant memory). */
  documents(scope: FilingScope, platforms?: readonly string[] | null): AsyncIterable<StoredDocument>;
  /**
   * A platform's history as light records (DESIGN §5.1): its current (not superseded) stored filings,
   * in (period.end, filingId) order. Check, submit and scans judge a filing with these.
   */
  historyRecords(platformId: string): Promise<HistoryRecord[]>;
  /**
   * The keys of the current stored filings (of `platforms`, or all) by platform, then period.end, then
   * filingId: what a store scan cuts into shards of whole platforms (DESIGN §10), read from an index.
   */
  currentKeys(platforms?: readonly string[] | null): Promise<{ platformId: string; filingId: string }[]>;

  /** The rule-set version in force (the highest label), or null before seeding. */
  currentRuleSet(): Promise<RuleSetRecord | null>;
  /** The version and label in force without the sources: what each request reads to follow publishes made elsewhere. */
  currentVersion(): Promise<{ version: string; label: number } | null>;
  /** The latest publication of a version. */
  getRuleSet(version: string): Promise<RuleSetRecord | null>;
  /** Every publication, newest first, without sources. */
  listRuleSets(): Promise<Omit<RuleSetRecord, 'sources'>[]>;
  /** Publishes a version and its audit entry in one transaction, if the version in force is still `expected`. */
  publishRuleSet(input: PublishInput): Promise<PublishOutcome>;

  createToken(token: NewToken, actor: string): Promise<TokenRecord>;
  findToken(hash: string): Promise<TokenRecord | null>;
  listTokens(): Promise<TokenRecord[]>;
  /** Revokes the token with this id, or every unrevoked token with this name; returns those revoked. */
  revokeToken(idOrName: string, actor: string): Promise<TokenRecord[]>;

  appendAudit(entry: NewAuditEntry): Promise<AuditEntry>;
  /** The audit log, newest first. Throws `usage_error` on a bad cursor. */
  listAudit(page: { limit: number; cursor?: string | null }): Promise<Page<AuditEntry>>;

  /** An online, consistent copy of the whole store to a file. */
  backup(destination: string): Promise<void>;
  close(): Promise<void>;
}
