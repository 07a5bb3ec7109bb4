// SARIF 2.1.0: the findings that are not pass or not-applicable as results, for code-scanning dashboards and CI.

import { parseYaml } from '../yaml.js';
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

/** Finds the line and column of a JSON pointer in a filing's source text (JSON is read as YAML); null when unreadable. */
export function sourceLocator(text: string): ((pointer: string) => { line: number; column: number }) | null {
  const parsed = parseYaml(text.replace(/^\uFEFF/, ''));
  if (!parsed.ok) return null;
  return (pointer) => parsed.doc.position(pointer);
}

function reportedFindings(r: Report): Finding[] {
  return r.findings.filter((f) => f.status !== 'pass' && f.status !== 'not-applicable');
}

/** The rule descriptor: title, remediation and citation, from the first report that carries them. */
function descriptor(f: Pick<Finding, 'ruleId' | 'title' | 'remediation' | 'citation' | 'severity' | 'family' | 'mode'>) {
  const c = f.citation;
  const cite = [c.source, c.article].filter(Boolean).join(', ');
  return {
    id: f.ruleId,
    name: f.ruleId,
    shortDescription: { text: f.title },
    fullDescription: { text: cite ? `${f.title} (${cite})` : f.title },
    ...(f.remediation ? { help: { text: f.remediation } } : {}),
    ...(c.url ? { helpUri: c.url } : {}),
    defaultConfiguration: { level: LEVEL[f.severity] },
    properties: { severity: f.severity, family: f.family, citation: c, ...(f.mode ? { mode: f.mode } : {}) },
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

/** One finding as a SARIF result pointing at rule `index` of the driver. */
function sarifResult(f: Finding, report: Pick<Report, 'filingId' | 'platformId' | 'asOf'>, index: number, where: Where | null) {
  const pointers = evidencePointers(f.evidence);
  const locations = (pointers.length > 0 ? pointers : [null]).slice(0, 20).map((p) => ({
    ...(where
      ? {
          physicalLocation: {
            artifactLocation: { uri: fileUri(where.uri), index: where.artifactIndex },
            ...(p !== null && where.locate ? { region: regionOf(where.locate(p)) } : {}),
          },
        }
      : {}),
    logicalLocations: [
      p === null
        ? { fullyQualifiedName: `${report.filingId}`, kind: 'object' }
        : { name: p.split('/').pop() ?? p, fullyQualifiedName: p, kind: 'member' },
    ],
  }));
  return {
    ruleId: f.ruleId,
    ruleIndex: index,
    kind: f.status === 'advisory' ? 'review' : 'fail',
    level: f.status === 'error' ? 'error' : f.status === 'advisory' ? 'note' : LEVEL[f.severity],
    message: { text: resultMessage(f) },
    locations,
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
        rules.push(descriptor(f));
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
        tool: {
          driver: {
            name: 'compliance',
            ...(opts.toolVersion ? { semanticVersion: opts.toolVersion } : {}),
            rules,
          },
        },
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
const indented = (value: unknown, depth: number) => JSON.stringify(value, null, 2).replace(/\n/g, '\n' + ' '.repeat(depth));

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
      return descriptor({ ruleId: r.id, title: r.title, remediation: r.remediation, citation: r.citation, severity: r.severity, family: r.family, ...(r.mode === 'audit' ? { mode: 'audit' as const } : {}) });
    });
    const skeleton = JSON.stringify(
      {
        $schema: SARIF_SCHEMA,
        version: '2.1.0',
        runs: [
          {
            tool: { driver: { name: 'compliance', ...(opts.toolVersion ? { semanticVersion: opts.toolVersion } : {}), rules } },
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
      const finding: Finding = { ...f, title: rule.title, ...(violation ? { remediation: rule.remediation } : {}), citation: rule.citation };
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

function regionOf(p: { line: number; column: number }) {
  return { startLine: Math.max(1, p.line), startColumn: Math.max(1, p.column) };
}

/** A file name as a relative URI reference (forward slashes, percent-encoded). */
function fileUri(name: string): string {
  return name
    .replace(/\\/g, '/')
    .split('/')
    .map((s) => encodeURIComponent(s))
    .join('/');
}
