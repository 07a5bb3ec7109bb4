// SARIF 2.1.0: the findings that are not pass or not-applicable as results, for code-scanning dashboards and CI.

import { createHash } from 'node:crypto';
import { LineCounter, parseDocument, isNode, type Node } from 'yaml';
import { parseYaml, pointerToPath } from '../yaml.js';
import type { Lang, Severity } from '../rules/types.js';
import type { Finding, Report } from '../engine/report-model.js';
import type { RulesetLine, RulesetRule, ScanLine } from './scan-line.js';

/** A report and, when the filing was read from a file, that file's name and text (for regions). */
export interface SarifInput {
  report: Report;
  source?: { uri: string; text: string };
}

type Level = 'error' | 'warning' | 'note';

/** critical and major break the law or a hard expectation; minor is a warning; info a note. */
export const LEVEL: Readonly<Record<Severity, Level>> = Object.freeze({
  critical: 'error',
  major: 'error',
  minor: 'warning',
  info: 'note',
});

/**
 * `properties.security-severity` of each rule (GitHub code scanning's 0–10 scale, read for rules tagged
 * `security`): each severity in the middle of the band it maps to there (critical above 9.0, high 7.0–8.9,
 * medium 4.0–6.9, low 0.1–3.9).
 */
export const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = Object.freeze({
  critical: '9.5',
  major: '8.0',
  minor: '5.5',
  info: '2.0',
});

/**
 * The key of each result's `partialFingerprints`: the SHA-256 (hex) of the JSON array
 * `[platformId, filingId, ruleId, pointer]`, the pointer that of the result's first location ('' when
 * it has none). No line, column, run time or language goes in, so the same finding has the same
 * fingerprint in every run, from `check` and from `scan` alike.
 */
export const FINGERPRINT_KEY = 'complianceFinding/v1';

/** The fingerprint of one finding (see {@link FINGERPRINT_KEY}). */
export function findingFingerprint(
  platformId: string,
  filingId: string,
  ruleId: string,
  pointer: string,
): string {
  return createHash('sha256')
    .update(JSON.stringify([platformId, filingId, ruleId, pointer]))
    .digest('hex');
}

/**
 * The filing field each fact read whole by a rule (an object, not a list of items with pointers)
 * stands for (src/engine/facts): where a finding whose evidence names no pointer is placed.
 */
const FACT_FIELD: Readonly<Record<string, string>> = Object.freeze({
  activeMembers: '/members/active',
  balanceDiscrepancy: '/funds/ledgerBalanceCny',
  claimsWindow: '/shutdown/claimsWindowDays',
  custodyAccount: '/funds/custody',
  historyGap: '/period/start',
  historyMemberLoss: '/members/active',
  historyReference: '/period/end',
  historyShareGrowth: '/disclosures',
  historySpiral: '/members/active',
  licenceCover: '/licenses',
  memberChangeRate: '/members/active',
  preCollection: '/funds/collectionModel',
  shutdownNotice: '/shutdown/announcedAt',
  submissionDelay: '/submittedAt',
});

/**
 * The pointers a result is placed at: those its evidence names (`pointer` fields) or, when it names
 * none, the filing fields its evidence keys stand for: a fact of {@link FACT_FIELD}, or a filing path
 * written with dots (`shutdown.transitionCover` → `/shutdown/transitionCover`).
 */
export function resultPointers(evidence: unknown): string[] {
  const named = evidencePointers(evidence);
  if (named.length > 0 || evidence === null || typeof evidence !== 'object') return named;
  const out = new Set<string>();
  for (const key of Object.keys(evidence)) {
    const field = Object.hasOwn(FACT_FIELD, key)
      ? FACT_FIELD[key]
      : /^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+$/.test(key)
        ? '/' + key.split('.').join('/')
        : undefined;
    if (field !== undefined) out.add(field);
  }
  return [...out];
}

/**
 * The package's version, as package.json says (the core reads no files; test/report/sarif-clients.test.ts
 * holds the two equal, as src/cli/run.ts's `--version` is).
 */
export const TOOL_VERSION = '0.1.0';

/** The tool's driver fields but its rules: name and version ({@link TOOL_VERSION} unless given). */
function driverOf(opts: { toolVersion?: string }) {
  const version = opts.toolVersion ?? TOOL_VERSION;
  // no informationUri yet: the schema needs an absolute URI, and package.json names no homepage or repository
  return {
    name: 'compliance',
    fullName: 'compliance: supervision rules for online mutual-aid platforms',
    version,
    semanticVersion: version,
  };
}

/**
 * A rule's `name`: a PascalCase identifier from its English title (its first words, up to 60
 * characters), or — when the title is in another language — from its family and number
 * (`FUND-001` → `FundsRule001`); never the id itself.
 */
export function ruleName(id: string, title: string, family: string, lang: Lang | undefined): string {
  const words = lang !== 'en' ? [] : (title.replace(/['’]s\b/g, '').match(/[A-Za-z0-9]+/g) ?? []);
  let name = '';
  for (const w of words) {
    const next = name + w[0]!.toUpperCase() + w.slice(1);
    if (next.length > 60 && name !== '') break;
    name = next;
  }
  if (!/^[A-Za-z]/.test(name)) {
    const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
    name =
      family
        .split(/[^A-Za-z0-9]+/)
        .map(cap)
        .join('') +
      'Rule' +
      (id.match(/\d+/g)?.join('') ?? '');
  }
  return name === id ? name + 'Rule' : name;
}

const SARIF_SCHEMA =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** Every JSON pointer named in a finding's evidence (`pointer` fields at any depth), in order, once each. */
export function evidencePointers(evidence: unknown): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const walk = (v: unknown, depth: number): void => {
    if (depth > 16 || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      for (const x of v) walk(x, depth + 1);
      return;
    }
    for (const [k, x] of Object.entries(v)) {
      if (k === 'pointer' && typeof x === 'string' && (x === '' || x.startsWith('/'))) {
        if (!seen.has(x)) {
          seen.add(x);
          out.push(x);
        }
      } else walk(x, depth + 1);
    }
  };
  walk(evidence, 0);
  return out;
}

/** A region of a filing's text: 1-based lines, columns in code units, the end column one past the last character. */
export interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

/**
 * Finds the region of a JSON pointer in a filing's source text (JSON is read as YAML): from the pointed
 * value (or the key of its nearest existing ancestor, as src/yaml.ts places it) to the end of that
 * node; null when no part of the pointer is in the file. The whole text for the pointer ''. Null
 * instead of a locator when the text is not readable.
 */
export function sourceLocator(text: string): ((pointer: string) => Region | null) | null {
  const clean = text.replace(/^\uFEFF/, '');
  const parsed = parseYaml(clean);
  if (!parsed.ok) return null;
  // read again for the nodes' ends (the safe parse above refused aliases, depth and size first)
  const lineCounter = new LineCounter();
  const doc = parseDocument(clean, { lineCounter, uniqueKeys: false, prettyErrors: false });
  const at = (offset: number) => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const endOf = (node: unknown, from: number) => {
    if (!isNode(node) || !(node as Node).range) return null;
    let e = (node as Node).range![1];
    while (e > from && /\s/.test(clean[e - 1]!)) e--;
    return at(e);
  };
  return (pointer) => {
    const path = pointerToPath(pointer);
    let value: unknown = parsed.doc.value;
    let n = 0;
    for (const seg of path) {
      if (value === null || typeof value !== 'object') break;
      const key = Array.isArray(value) ? seg : String(seg);
      if (!Object.hasOwn(value, key)) break;
      value = (value as Record<string, unknown>)[key as string];
      n++;
    }
    if (path.length === 0) {
      const last = at(clean.replace(/\s+$/, '').length);
      return { startLine: 1, startColumn: 1, endLine: last.line, endColumn: last.column };
    }
    if (n === 0) return null;
    const start = parsed.doc.position(pointer);
    const node = doc.getIn(path.slice(0, n), true);
    const startOffset = lineCounter.lineStarts[start.line - 1]! + start.column - 1;
    const end = endOf(node, startOffset);
    const region = { startLine: Math.max(1, start.line), startColumn: Math.max(1, start.column) };
    return end &&
      (end.line > region.startLine || (end.line === region.startLine && end.column > region.startColumn))
      ? { ...region, endLine: end.line, endColumn: end.column }
      : { ...region, endLine: region.startLine, endColumn: region.startColumn + 1 };
  };
}

function reportedFindings(r: Report): Finding[] {
  return r.findings.filter((f) => f.status !== 'pass' && f.status !== 'not-applicable');
}

/**
 * The rule descriptor: a PascalCase `name`, title (`shortDescription`), title and citation
 * (`fullDescription`), remediation and citation URL; `properties` with the severity, family, citation,
 * `security-severity` ({@link SECURITY_SEVERITY}), `precision` (`very-high`: a rule judges the filed
 * values exactly; `high` for a rule in audit mode, whose findings are advisory) and `tags`.
 */
function descriptor(
  f: Pick<Finding, 'ruleId' | 'title' | 'remediation' | 'citation' | 'severity' | 'family' | 'mode'>,
  lang: Lang | undefined,
) {
  const c = f.citation;
  const cite = [c.source, c.article].filter(Boolean).join(', ');
  return {
    id: f.ruleId,
    name: ruleName(f.ruleId, f.title, f.family, lang),
    shortDescription: { text: f.title },
    fullDescription: { text: cite ? `${f.title} (${cite})` : f.title },
    ...(f.remediation ? { help: { text: f.remediation } } : {}),
    ...(c.url ? { helpUri: c.url } : {}),
    defaultConfiguration: { level: LEVEL[f.severity] },
    properties: {
      severity: f.severity,
      family: f.family,
      citation: c,
      ...(f.mode ? { mode: f.mode } : {}),
      'security-severity': SECURITY_SEVERITY[f.severity],
      precision: f.mode === 'audit' ? 'high' : 'very-high',
      tags: ['security', 'compliance', f.family, ...(f.mode === 'audit' ? ['audit'] : [])],
    },
  };
}

function resultMessage(f: Finding): string {
  if (f.status === 'error' && f.error) return `${f.title}: ${f.error.message}`;
  return f.message ?? f.title;
}

/** Where a result's filing was read from: its artifact and, when its text could be read, a locator of pointers. */
interface Where {
  uri: string;
  artifactIndex: number;
  locate: ReturnType<typeof sourceLocator>;
}

/**
 * One finding as a SARIF result pointing at rule `index` of the driver: a location per pointer of
 * {@link resultPointers} (the filing itself when there is none), each with its region in the file when
 * the file has the pointer or an ancestor of it (the whole file for the filing itself).
 */
function sarifResult(
  f: Finding,
  report: Pick<Report, 'filingId' | 'platformId' | 'asOf'>,
  index: number,
  where: Where | null,
) {
  const pointers = resultPointers(f.evidence);
  const locations = (pointers.length > 0 ? pointers : [null]).slice(0, 20).map((p) => {
    const region = where?.locate ? where.locate(p ?? '') : null;
    return {
      ...(where
        ? {
            physicalLocation: {
              artifactLocation: { uri: fileUri(where.uri), index: where.artifactIndex },
              ...(region ? { region } : {}),
            },
          }
        : {}),
      logicalLocations: [
        p === null
          ? { fullyQualifiedName: `${report.filingId}`, kind: 'object' }
          : { name: p.split('/').pop() ?? p, fullyQualifiedName: p, kind: 'member' },
      ],
    };
  });
  return {
    ruleId: f.ruleId,
    ruleIndex: index,
    // SARIF §3.27.9: a result of another kind than `fail` has level `none`, so an advisory finding is a
    // failure at level `note`
    kind: 'fail',
    level: f.status === 'error' ? 'error' : f.status === 'advisory' ? 'note' : LEVEL[f.severity],
    message: { text: resultMessage(f) },
    locations,
    partialFingerprints: {
      [FINGERPRINT_KEY]: findingFingerprint(report.platformId, report.filingId, f.ruleId, pointers[0] ?? ''),
    },
    ...(f.status === 'waived' && f.waiver
      ? {
          suppressions: [
            {
              kind: 'external',
              status: 'accepted',
              justification: `${f.waiver.reason} (${f.waiver.reference}), until ${f.waiver.until}`,
            },
          ],
        }
      : {}),
    properties: {
      filingId: report.filingId,
      platformId: report.platformId,
      asOf: report.asOf,
      status: f.status,
      severity: f.severity,
      family: f.family,
      ...(f.remediation ? { remediation: f.remediation } : {}),
      ...(f.evidence ? { evidence: f.evidence } : {}),
    },
  };
}

const languageOf = (lang: Lang | undefined) => (lang === 'zh' ? 'zh-CN' : 'en-US');

/**
 * Formats reports as one SARIF 2.1.0 log with one run. Each finding that is not `pass` or
 * `not-applicable` is a result: level from its severity (an `error` finding is `error`, an `advisory`
 * one `note`), each pointer of its evidence a logical location and, when the source text is given, a
 * region at the pointed field's line and column; a waived finding carries an accepted suppression.
 * @example formatSarif([{ report, source: { uri: 'filings/a.yaml', text } }])
 */
export function formatSarif(inputs: readonly SarifInput[], opts: { toolVersion?: string } = {}): string {
  const rules: ReturnType<typeof descriptor>[] = [];
  const ruleIndex = new Map<string, number>();
  const artifacts: { location: { uri: string }; roles: ['analysisTarget'] }[] = [];
  const results: unknown[] = [];
  for (const { report, source } of inputs) {
    let where: Where | null = null;
    if (source) {
      where = { uri: source.uri, artifactIndex: artifacts.length, locate: sourceLocator(source.text) };
      artifacts.push({ location: { uri: fileUri(source.uri) }, roles: ['analysisTarget'] });
    }
    for (const f of reportedFindings(report)) {
      let index = ruleIndex.get(f.ruleId);
      if (index === undefined) {
        index = rules.length;
        ruleIndex.set(f.ruleId, index);
        rules.push(descriptor(f, report.lang));
      } else if (f.remediation && !rules[index]!.help) {
        rules[index] = { ...rules[index]!, help: { text: f.remediation } };
      }
      results.push(sarifResult(f, report, index, where));
    }
  }
  const first = inputs[0]?.report;
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { ...driverOf(opts), rules } },
        ...(artifacts.length > 0 ? { artifacts } : {}),
        language: languageOf(first?.lang),
        columnKind: 'unicodeCodePoints',
        results,
        properties: {
          reports: inputs.map(({ report: r }) => ({
            filingId: r.filingId,
            platformId: r.platformId,
            asOf: r.asOf,
            verdict: r.verdict,
            ruleset: r.ruleset,
          })),
        },
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

/** `JSON.stringify(value, null, 2)` as it reads `depth` spaces in. */
const indented = (value: unknown, depth: number) =>
  JSON.stringify(value, null, 2).replace(/\n/g, '\n' + ' '.repeat(depth));

/**
 * SARIF 2.1.0 of a scan, written as it goes with flat memory (SARIF's own model): every rule of the
 * ruleset line once in `tool.driver.rules`, then one result per finding of each bulk scan line,
 * pointing at its rule by index, and the scan's summary in the run's properties. The text is what
 * `JSON.stringify(log, null, 2)` gives for the whole log.
 * @example const w = new SarifScanWriter(rulesetLine(ruleSet, 'en')); out(w.start()); out(w.line(l)); out(w.end(summary))
 */
export class SarifScanWriter {
  private readonly index = new Map<string, number>();
  private readonly rules = new Map<string, RulesetRule>();
  private readonly head: string;
  private readonly tail: string;
  private results = 0;

  constructor(ruleset: RulesetLine, opts: { toolVersion?: string } = {}) {
    const rules = ruleset.rules.map((r, i) => {
      this.index.set(r.id, i);
      this.rules.set(r.id, r);
      return descriptor(
        {
          ruleId: r.id,
          title: r.title,
          remediation: r.remediation,
          citation: r.citation,
          severity: r.severity,
          family: r.family,
          ...(r.mode === 'audit' ? { mode: 'audit' as const } : {}),
        },
        ruleset.lang,
      );
    });
    const skeleton = JSON.stringify(
      {
        $schema: SARIF_SCHEMA,
        version: '2.1.0',
        runs: [
          {
            tool: { driver: { ...driverOf(opts), rules } },
            language: languageOf(ruleset.lang),
            columnKind: 'unicodeCodePoints',
            results: [],
            properties: null,
          },
        ],
      },
      null,
      2,
    );
    const at = skeleton.indexOf('"results": []') + '"results": ['.length;
    this.head = skeleton.slice(0, at);
    this.tail = skeleton.slice(at);
  }

  /** The log up to the first result. */
  start(): string {
    return this.head;
  }

  /** The results of one bulk scan line (DESIGN §7 revision 3), each on the lines it takes. */
  line(line: ScanLine): string {
    let out = '';
    for (const f of line.findings) {
      const rule = this.rules.get(f.ruleId);
      const index = this.index.get(f.ruleId);
      if (!rule || index === undefined) throw new Error(`rule ${f.ruleId} is not in the scan's rule set`);
      const violation = f.status === 'fail' || f.status === 'advisory' || f.status === 'waived';
      const finding: Finding = {
        ...f,
        title: rule.title,
        ...(violation ? { remediation: rule.remediation } : {}),
        citation: rule.citation,
      };
      out += `${this.results++ > 0 ? ',' : ''}\n        ${indented(sarifResult(finding, line, index, null), 8)}`;
    }
    return out;
  }

  /** The rest of the log: the end of the results, then `summary` as the run's properties. */
  end(summary: unknown): string {
    const tail = this.tail.replace('"properties": null', `"properties": ${indented({ summary }, 6)}`);
    return `${this.results > 0 ? '\n      ' : ''}${tail}\n`;
  }
}

/**
 * A file name as a URI: a relative reference (forward slashes, percent-encoded) for a relative name, a
 * `file:` URI for an absolute one (SARIF §3.4.4: a relative reference must not begin with a slash).
 */
function fileUri(name: string): string {
  const path = name.replace(/\\/g, '/');
  const encoded = (p: string) =>
    p
      .split('/')
      .map((s) => encodeURIComponent(s))
      .join('/');
  if (path.startsWith('/')) return 'file://' + encoded(path);
  const drive = /^([A-Za-z]):\//.exec(path);
  if (drive) return `file:///${drive[1]}:/${encoded(path.slice(3))}`;
  return encoded(path);
}
