// A proposed rule-set change (rules added, changed or removed; parameters; waivers) applied to a rule set's sources:
// what preview, publish and lint all start from.

import { stringify } from 'yaml';
import type { RuleSet, RuleSetSources, SourceFile } from '../rules/types.js';
import { say } from '../messages/index.js';
import { parseYaml } from '../yaml.js';
import { AppError, type AppProblem } from './errors.js';

/** What may change: rule id → YAML (or null to remove), the whole parameters file, the whole waivers file. */
export interface Change {
  rules?: Record<string, string | null>;
  /** An object shaped like parameters.yaml, or its text. */
  parameters?: unknown;
  /** A list shaped like waivers.yaml, or its text. */
  waivers?: unknown;
}

/** A file's text: given as YAML text, or a value written out as YAML. */
function asYaml(value: unknown, what: string): string {
  return typeof value === 'string'
    ? value
    : `# ${what}, published through the HTTP API\n${stringify(value, { lineWidth: 0 })}`;
}

/** The `id` a rule YAML declares, when it parses far enough to say. */
function declaredId(text: string): unknown {
  const parsed = parseYaml(text);
  if (!parsed.ok) return undefined;
  const v = parsed.doc.value;
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.hasOwn(v, 'id')
    ? (v as Record<string, unknown>).id
    : undefined;
}

/**
 * The sources of `base` with `change` applied. A rule's YAML must declare the id it is filed under
 * (`rule_id_mismatch`), and only existing rules can be removed; `pointer` is where in the request
 * body each rule's YAML sits. The result still has to pass `parseRuleSet` (lint) to be a rule set.
 */
export function applyChange(
  base: RuleSet,
  change: Change,
  pointer: (id: string) => string = (id) => `/rules/${id}`,
): RuleSetSources {
  const problems: AppProblem[] = [];
  const rules: SourceFile[] = base.sources.rules.map((f) => ({ ...f }));
  const fileOf = new Map(base.rules.map((r) => [r.id, r.file]));
  for (const [id, text] of Object.entries(change.rules ?? {})) {
    const file = fileOf.get(id);
    if (text === null) {
      if (file === undefined)
        problems.push({ code: 'rule_not_found', ...say('app.no_rule_to_remove', { id }), pointer: pointer(id) });
      else
        rules.splice(
          rules.findIndex((f) => f.file === file),
          1,
        );
      continue;
    }
    const declared = declaredId(text);
    if (declared !== undefined && declared !== id) {
      problems.push({
        code: 'rule_id_mismatch',
        ...say('app.declared_id', { declared: JSON.stringify(declared), id }),
        pointer: pointer(id),
      });
      continue;
    }
    if (file !== undefined) {
      rules.find((f) => f.file === file)!.text = text;
      continue;
    }
    let name = `${id.toLowerCase()}.yaml`;
    for (let n = 2; rules.some((f) => f.file === name); n++) name = `${id.toLowerCase()}-${n}.yaml`;
    rules.push({ file: name, text });
  }
  if (problems.length > 0) {
    throw new AppError(
      problems.every((p) => p.code === 'rule_id_mismatch') ? 'rule_id_mismatch' : 'invalid_request',
      problems[0]!.msg ? { message: problems[0]!.message, msg: problems[0]!.msg } : problems[0]!.message,
      problems,
    );
  }
  rules.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return {
    rules,
    parameters:
      change.parameters === undefined
        ? base.sources.parameters
        : {
            file: base.sources.parameters?.file ?? 'parameters.yaml',
            text: asYaml(change.parameters, 'parameters'),
          },
    waivers:
      change.waivers === undefined
        ? base.sources.waivers
        : { file: base.sources.waivers?.file ?? 'waivers.yaml', text: asYaml(change.waivers, 'waivers') },
    extra: base.sources.extra,
  };
}
