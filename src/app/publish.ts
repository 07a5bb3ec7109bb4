// Publishing: a rule put or deleted, the parameters or waivers replaced, or an earlier version rolled back to —
// linted as a whole rule set, stored only if the version in force is still the one the change was based on
// (with its audit entry, in one transaction), then put in force. The API and the CLI both publish through here.

import { parseRuleSet } from '../rules/parse.js';
import { say } from '../messages/index.js';
import type { RuleSetSources } from '../rules/types.js';
import type { AuditAction, Store } from '../store/types.js';
import { AppError } from './errors.js';
import { applyChange } from './proposal.js';
import type { Engines, EngineState } from './ruleset.js';
import { REGISTRIES } from '../engine/registries.js';

/** What publishing needs: the store, and the rule set in force to swap. */
export interface PublishDeps {
  store: Pick<Store, 'publishRuleSet' | 'getRuleSet'>;
  engines: Engines;
}

/** Who publishes what, against which version. `base` is the version in force the change was made against. */
export interface PublishRequest {
  base: EngineState;
  author: string;
  note: string;
}

/** What a publish did: `changed` false when the new rule set is the one in force already (nothing stored). */
export interface Published {
  changed: boolean;
  version: string;
  label: number;
  previous: { version: string; label: number };
  rules: number;
  /** The audit entry's id (only when changed). */
  audit?: number;
  /** A rule id new to the set (the API answers 201). */
  created: boolean;
  action: AuditAction;
  target: string | null;
}

/** Rule ids as DESIGN §4 writes them: `NAME-001`. */
const RULE_ID = /^[A-Z]{2,8}-[0-9]{3}$/;

/** Refuses (`rule_not_found`) an id the rule set in force has no rule for. */
export function requireRule(base: EngineState, id: string): void {
  if (!base.ruleSet.rules.some((r) => r.id === id)) throw new AppError('rule_not_found', say('app.no_rule', { id }));
}

/**
 * Lints `sources`, stores them if the version in force is still `base`'s (else `precondition_failed`
 * naming the version in force now), and installs them.
 */
async function publishSources(
  deps: PublishDeps,
  req: PublishRequest,
  sources: RuleSetSources,
  what: { action: AuditAction; target: string | null; created?: boolean },
): Promise<Published> {
  const ruleSet = parseRuleSet(sources, REGISTRIES);
  const { base } = req;
  const previous = { version: base.version, label: base.label };
  const common = { previous, created: what.created ?? false, action: what.action, target: what.target };
  if (ruleSet.version === base.version) {
    return { ...common, changed: false, version: base.version, label: base.label, rules: ruleSet.rules.length };
  }
  const out = await deps.store.publishRuleSet({
    expected: base.version,
    version: ruleSet.version,
    sources: ruleSet.sources,
    rules: ruleSet.rules.length,
    author: req.author,
    note: req.note,
    action: what.action,
    target: what.target,
  });
  if (out.kind === 'stale') {
    const now = out.current?.version ?? 'none';
    throw new AppError('precondition_failed', say('app.stale', { now }), [], now);
  }
  deps.engines.install(out.record, ruleSet);
  return { ...common, changed: true, version: out.record.version, label: out.record.label, rules: out.record.rules, audit: out.audit.id };
}

/** Puts one rule (new or changed) from its YAML, which must declare `id`. */
export async function publishRule(deps: PublishDeps, req: PublishRequest & { id: string; yaml: string }): Promise<Published> {
  if (!RULE_ID.test(req.id)) throw AppError.at('rule_id_mismatch', say('app.not_rule_id', { id: req.id }), '/yaml', say('app.not_rule_id_item', {}));
  const created = !req.base.ruleSet.rules.some((r) => r.id === req.id);
  const sources = applyChange(req.base.ruleSet, { rules: { [req.id]: req.yaml } }, () => '/yaml');
  return publishSources(deps, req, sources, { action: 'publish-rule', target: req.id, created });
}

/** Removes one rule of the rule set in force. */
export async function deleteRule(deps: PublishDeps, req: PublishRequest & { id: string }): Promise<Published> {
  requireRule(req.base, req.id);
  const sources = applyChange(req.base.ruleSet, { rules: { [req.id]: null } });
  return publishSources(deps, req, sources, { action: 'delete-rule', target: req.id });
}

/** Replaces the parameters file (an object shaped like parameters.yaml, or its text). */
export async function publishParameters(deps: PublishDeps, req: PublishRequest & { parameters: unknown }): Promise<Published> {
  const sources = applyChange(req.base.ruleSet, { parameters: req.parameters });
  return publishSources(deps, req, sources, { action: 'publish-parameters', target: null });
}

/** Replaces the waivers file (a list shaped like waivers.yaml, or its text). */
export async function publishWaivers(deps: PublishDeps, req: PublishRequest & { waivers: unknown }): Promise<Published> {
  const sources = applyChange(req.base.ruleSet, { waivers: req.waivers });
  return publishSources(deps, req, sources, { action: 'publish-waivers', target: null });
}

/** Publishes an earlier version's sources again, under a new label. */
export async function rollback(deps: PublishDeps, req: PublishRequest & { version: string }): Promise<Published> {
  const target = await deps.store.getRuleSet(req.version);
  if (!target) {
    throw AppError.at('unknown_version', say('app.no_version', { version: req.version }), '/version', say('app.no_version_item', {}));
  }
  return publishSources(deps, req, target.sources, { action: 'rollback', target: req.version });
}
