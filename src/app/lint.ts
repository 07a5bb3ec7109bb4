// Linting a proposal without publishing it: a rule file, the parameters or the waivers put in place in the
// rule set in force, and every problem of the result located for an editor (the console lints as one types).

import { ComplianceError, type Problem } from '../errors.js';
import type { Message } from '../messages/index.js';
import { parseRuleSet } from '../rules/parse.js';
import type { RuleSet, RuleSetSources, SourceFile } from '../rules/types.js';
import { parseYaml } from '../yaml.js';
import { REGISTRIES } from '../engine/registries.js';

/** The body: what kind of file the YAML is, and its text. */
export interface LintRequest {
  kind: 'rule' | 'parameters' | 'waivers';
  yaml: string;
}

/** A problem as the editor marks it: always a line and column (1 when the problem has no position). */
export interface LintProblem {
  code: string;
  /** In English; `msg` is the same message as data, which the HTTP layer words in the caller's language. */
  message: string;
  msg?: Message;
  line: number;
  column: number;
  pointer: string;
  file: string;
  /** False for a problem the change causes in another file of the rule set (a rule using a removed parameter). */
  inThisFile: boolean;
}

/** The id a rule YAML declares, when it parses that far. */
function declaredId(text: string): string | null {
  const parsed = parseYaml(text);
  if (!parsed.ok) return null;
  const v = parsed.doc.value;
  if (typeof v !== 'object' || v === null || Array.isArray(v) || !Object.hasOwn(v, 'id')) return null;
  const id = (v as Record<string, unknown>).id;
  return typeof id === 'string' ? id : null;
}

/** The rule set in force with the proposed file in place, and the name that file has in it. */
export function withProposal(base: RuleSet, req: LintRequest): { sources: RuleSetSources; file: string } {
  const s = base.sources;
  if (req.kind === 'parameters') {
    const file = s.parameters?.file ?? 'parameters.yaml';
    return { sources: { ...s, parameters: { file, text: req.yaml } }, file };
  }
  if (req.kind === 'waivers') {
    const file = s.waivers?.file ?? 'waivers.yaml';
    return { sources: { ...s, waivers: { file, text: req.yaml } }, file };
  }
  const id = declaredId(req.yaml);
  const existing = id === null ? undefined : base.rules.find((r) => r.id === id)?.file;
  const file = existing ?? (id !== null && /^[A-Za-z0-9-]{1,40}$/.test(id) ? `${id.toLowerCase()}.yaml` : 'proposed-rule.yaml');
  const rules: SourceFile[] = s.rules.filter((f) => f.file !== file);
  rules.push({ file, text: req.yaml });
  return { sources: { ...s, rules }, file };
}

/** Every problem of the proposed rule set, located (an empty list when it lints clean). */
export function lintProposal(base: RuleSet, req: LintRequest): LintProblem[] {
  const { sources, file } = withProposal(base, req);
  let problems: Problem[] = [];
  try {
    parseRuleSet(sources, REGISTRIES);
  } catch (e) {
    if (!(e instanceof ComplianceError)) throw e;
    problems = e.problems;
  }
  return problems.map((p) => ({
    code: p.code,
    message: p.message,
    ...(p.msg ? { msg: p.msg } : {}),
    line: p.line ?? 1,
    column: p.column ?? 1,
    pointer: p.pointer ?? '',
    file: p.file ?? file,
    inThisFile: (p.file ?? file) === file,
  }));
}
