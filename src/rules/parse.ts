// Rule-set sources (file texts) → RuleSet: safe YAML, schema validation, then lint; every problem located.

import parametersSchema from '../../schemas/parameters.schema.json' with { type: 'json' };
import ruleSchema from '../../schemas/rule.schema.json' with { type: 'json' };
import waiversSchema from '../../schemas/waivers.schema.json' with { type: 'json' };
import type { ValidateFunction } from 'ajv';
import { ComplianceError, type Problem } from '../errors.js';
import { say } from '../messages/index.js';
import { check, createAjv } from '../schema.js';
import { parseYaml, type ParsedYaml } from '../yaml.js';
import { ruleSetVersion } from './canonical.js';
import { lintRuleSet, type Located } from './lint.js';
import { branchOf } from './walk.js';
import type { Registries } from './registries.js';
import type { Parameters, Rule, RuleDocument, RuleSet, RuleSetSources, SourceFile, Waiver } from './types.js';

const ajv = createAjv();
const validateRule = ajv.compile(ruleSchema);
const validateParameters = ajv.compile(parametersSchema);
const validateWaivers = ajv.compile(waiversSchema);

/** Largest rule file accepted, in bytes of UTF-8 (DESIGN §8): a rule is a page of YAML, not a data set. */
export const MAX_RULE_BYTES = 256 * 1024;
/** Most conditions (leaves of `when` and `appliesWhen` together) one rule may have. */
export const MAX_RULE_CONDITIONS = 1000;

/** The leaves of the condition trees under a parsed rule's `when` and `appliesWhen`, counted without recursion. */
export function conditionCount(doc: unknown): number {
  if (doc === null || typeof doc !== 'object') return 0;
  const o = doc as Record<string, unknown>;
  const stack: unknown[] = [o.when, o.appliesWhen];
  let leaves = 0;
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || node === undefined) continue;
    const b = branchOf(node);
    if (b === null) leaves++;
    else stack.push(...b.kids);
  }
  return leaves;
}

/** Why a rule file is refused for its size before it is validated and linted, or null. */
function tooLarge(src: SourceFile, value: unknown | undefined): Problem | null {
  const bytes = Buffer.byteLength(src.text, 'utf8');
  if (bytes > MAX_RULE_BYTES) {
    return { code: 'rule_too_large', ...say('rules.file_too_large', { bytes, max: MAX_RULE_BYTES }), file: src.file, line: 1, column: 1 };
  }
  if (value === undefined) return null;
  const n = conditionCount(value);
  if (n > MAX_RULE_CONDITIONS) {
    return { code: 'rule_too_large', ...say('rules.too_many_conditions', { n, max: MAX_RULE_CONDITIONS }), pointer: '/when', file: src.file, line: 1, column: 1 };
  }
  return null;
}

/** Parses one YAML source and validates it, collecting located problems. */
function readDocument(
  src: SourceFile,
  validate: ValidateFunction,
  schemaCode: 'rule_schema_error',
  problems: Problem[],
  bounded = false,
): { value: unknown; doc: ParsedYaml } | null {
  const early = bounded ? tooLarge(src, undefined) : null;
  if (early) {
    problems.push(early);
    return null;
  }
  const parsed = parseYaml(src.text);
  if (!parsed.ok) {
    for (const p of parsed.problems) problems.push({ code: 'rule_parse_error', message: p.message, msg: p.msg, file: src.file, line: p.line, column: p.column });
    return null;
  }
  const large = bounded ? tooLarge(src, parsed.doc.value) : null;
  if (large) {
    problems.push({ ...large, ...(large.pointer ? parsed.doc.position(large.pointer) : {}) });
    return null;
  }
  const schemaProblems = check(validate, parsed.doc.value);
  for (const p of schemaProblems) {
    problems.push({ code: schemaCode, message: p.message, msg: p.msg, pointer: p.pointer || '/', file: src.file, ...parsed.doc.position(p.pointer, { key: p.message === 'unknown field' }) });
  }
  return schemaProblems.length > 0 ? null : { value: parsed.doc.value, doc: parsed.doc };
}

function toRule(doc: RuleDocument, file: string): Rule {
  return {
    id: doc.id,
    file,
    title: doc.title,
    family: doc.family,
    severity: doc.severity,
    mode: doc.mode ?? 'enforce',
    citation: doc.citation,
    effective: { from: doc.effective.from, until: doc.effective.until ?? null },
    appliesWhen: doc.appliesWhen ?? null,
    when: doc.when,
    message: doc.message,
    remediation: doc.remediation,
    tests: doc.tests ?? [],
  };
}

/**
 * Builds a RuleSet from its files, or throws a ComplianceError listing every problem with
 * `file:line:column` (parse, schema and lint problems together where they can be found together).
 */
export function parseRuleSet(sources: RuleSetSources, registries: Registries): RuleSet {
  const problems: Problem[] = [];
  const located: Located<Rule>[] = [];
  for (const src of sources.rules) {
    const r = readDocument(src, validateRule, 'rule_schema_error', problems, true);
    if (r) located.push({ value: toRule(r.value as RuleDocument, src.file), file: src.file, doc: r.doc });
  }
  let parameters: Parameters = {};
  let parametersDoc: Located<Parameters> | null = null;
  if (sources.parameters) {
    const r = readDocument(sources.parameters, validateParameters, 'rule_schema_error', problems);
    if (r) {
      parameters = (r.value ?? {}) as Parameters;
      parametersDoc = { value: parameters, file: sources.parameters.file, doc: r.doc };
    }
  }
  let waivers: Waiver[] = [];
  let waiversDoc: Located<Waiver[]> | null = null;
  if (sources.waivers) {
    const text = sources.waivers.text.trim() === '' ? '[]' : sources.waivers.text;
    const r = readDocument({ ...sources.waivers, text }, validateWaivers, 'rule_schema_error', problems);
    if (r) {
      waivers = (r.value ?? []) as Waiver[];
      waiversDoc = { value: waivers, file: sources.waivers.file, doc: r.doc };
    }
  }
  const fixtures: Record<string, unknown> = {};
  for (const src of sources.extra) {
    const parsed = parseYaml(src.text);
    if (!parsed.ok) {
      for (const p of parsed.problems) problems.push({ code: 'rule_parse_error', message: p.message, msg: p.msg, file: src.file, line: p.line, column: p.column });
    } else fixtures[src.file] = parsed.doc.value;
  }
  problems.push(...lintRuleSet(located, parametersDoc, waiversDoc, fixtures, registries));
  if (problems.length > 0) throw new ComplianceError(problems[0]!.code, problems);
  const rules = located.map((l) => l.value).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { version: ruleSetVersion(rules, parameters, waivers), rules, parameters, waivers, sources, fixtures };
}
