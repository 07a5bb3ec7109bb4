// The rule model: RuleDocument (the YAML) → Rule (validated, defaults filled) → RuleSet (rules, parameters, waivers, version).

export type Lang = 'en' | 'zh';
export const LANGS: readonly Lang[] = ['en', 'zh'];

/** Text in both report languages. */
export interface Text {
  en: string;
  zh: string;
}

export type Severity = 'critical' | 'major' | 'minor' | 'info';
export const SEVERITIES: readonly Severity[] = ['critical', 'major', 'minor', 'info'];
export type Family = 'licensing' | 'naming' | 'marketing' | 'funds' | 'disclosure' | 'product' | 'members' | 'exit';

/** A leaf condition, exactly json-rules-engine's: `fact` (+ `params`, `path`) `operator` `value`. */
export interface LeafCondition {
  fact: string;
  operator: string;
  value?: unknown;
  params?: Record<string, unknown>;
  path?: string;
  /** Names the fact's value in the finding's evidence (default: the fact id, or the path for `filing`). */
  name?: string;
  priority?: number;
}
export interface AllCondition {
  all: Condition[];
  name?: string;
  priority?: number;
}
export interface AnyCondition {
  any: Condition[];
  name?: string;
  priority?: number;
}
export interface NotCondition {
  not: Condition;
  name?: string;
  priority?: number;
}
export type Condition = AllCondition | AnyCondition | NotCondition | LeafCondition;

export type Expectation = 'pass' | 'fail' | 'not-applicable' | 'advisory' | 'waived';

/** One of a rule's own test cases: the base filing with `set` applied, or a whole filing file. */
export interface RuleTestCase {
  name: string;
  set?: Record<string, unknown>;
  filing?: string;
  /** The case's history: earlier filings, each the base filing with `set` applied or a whole `filing` file. */
  history?: { set?: Record<string, unknown>; filing?: string }[];
  expect: Expectation;
}

/** A rule's basis: source, article and note in both languages (the note says what the source does and does not say). */
export interface Citation {
  source: Text;
  article?: Text;
  url?: string;
  note?: Text;
}

/** A rule document as written in YAML (`schemas/rule.schema.json`). */
export interface RuleDocument {
  id: string;
  title: Text;
  family: Family;
  severity: Severity;
  mode?: 'enforce' | 'audit';
  citation: Citation;
  effective: { from: string; until?: string | null };
  appliesWhen?: Condition | null;
  when: Condition;
  message: Text;
  remediation: Text;
  tests?: RuleTestCase[];
}

/** A validated rule, defaults filled in, with the file it came from. */
export interface Rule {
  id: string;
  file: string;
  title: Text;
  family: Family;
  severity: Severity;
  mode: 'enforce' | 'audit';
  citation: Citation;
  effective: { from: string; until: string | null };
  appliesWhen: Condition | null;
  when: Condition;
  message: Text;
  remediation: Text;
  tests: RuleTestCase[];
}

/** One value of a parameter and the day it takes effect. */
export interface ParameterValue {
  from: string;
  value: unknown;
  note?: string;
}
/** `rules/parameters.yaml`: each parameter's values over time. */
export type Parameters = Record<string, ParameterValue[]>;

/** `rules/waivers.yaml`: a platform excused from a rule for filings whose period.end is in from..until. */
export interface Waiver {
  platform: string;
  rule: string;
  reason: string;
  reference: string;
  from: string;
  until: string;
}

/** A file of a rule set, as text: what is stored and what the version is computed over (when it counts). */
export interface SourceFile {
  file: string;
  text: string;
}

/** The files a rule set is made of. `extra` holds test fixtures (tests/base.yaml, …), not in the version. */
export interface RuleSetSources {
  rules: SourceFile[];
  parameters: SourceFile | null;
  waivers: SourceFile | null;
  extra: SourceFile[];
}

/** A loaded, linted rule set. `version` is `sha256:` over the canonical rules, parameters and waivers. */
export interface RuleSet {
  version: string;
  rules: Rule[];
  parameters: Parameters;
  waivers: Waiver[];
  sources: RuleSetSources;
  /** Parsed test fixtures by file name relative to the rule folder (`tests/base.yaml`, …). */
  fixtures: Record<string, unknown>;
}

/** True for `{ param: name }`, a reference to a parameter in force on the filing's as-of date. */
export function isParamRef(v: unknown): v is { param: string } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 1 && typeof (v as { param?: unknown }).param === 'string';
}
