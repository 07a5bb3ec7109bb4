// What the linter must know of the engine it lints for, handed to it (as a compiler receives the signatures
// of its builtins) so that rules never import the engine: each fact's signature and the operator grammar.

/** A fact as lint sees it: its id, the JSON Schema of its params, what it returns and its fields. */
export interface FactSignature {
  id: string;
  returns: 'items' | 'object' | 'number' | 'boolean' | 'string';
  params: Record<string, unknown>;
  fields: readonly string[];
  /** True when a condition on this fact must give a `path`. */
  needsPath?: boolean;
}

/** The operators as lint sees them. */
export interface OperatorSignatures {
  /** `decorator:…:base` as its parts, or null when a part is unknown. */
  parse(name: string): { decorators: string[]; base: string } | null;
  /** True for an operator of the engine's own (not json-rules-engine's), which may go without a value. */
  isCustom(base: string): boolean;
  /** Bases whose value must be a literal list. */
  listValue: ReadonlySet<string>;
}

/** The fact catalogue and operator grammar a rule set is linted against. */
export interface Registries {
  facts: ReadonlyMap<string, FactSignature>;
  operators: OperatorSignatures;
}
