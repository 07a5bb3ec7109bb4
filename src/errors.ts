// Errors as values: one coded problem type shared by every layer, and the error that carries a list of them.

import { render, type Message, type MessageLang } from './messages/index.js';

/** Stable error codes, by layer. Tests and clients match on these, never on message text. */
export type ErrorCode =
  /** A filing is not JSON or YAML at all. */
  | 'filing_parse_error'
  /** A filing parsed but breaks the schema or a semantic check (dates, periods, USCC check digit). */
  | 'filing_invalid'
  /** A correction chain that loops (X supersedes Y and Y supersedes X), in one input or with the store (DESIGN §3). */
  | 'supersedes_cycle'
  /** A filing's number written with more than 15 significant digits (DESIGN §3): it could not be compared as written. */
  | 'number_too_precise'
  /** A schema 1 filing for a period ending on or after 2027-01-01 (DESIGN section 3): file it in schema 2. */
  | 'schema_retired'
  /** A rule, parameters or waivers file is not well-formed YAML (or has duplicate keys, aliases, …). */
  | 'rule_parse_error'
  /** A rule document breaks `schemas/rule.schema.json`. */
  | 'rule_schema_error'
  /** A rule file over 256 KiB or with more than 1,000 conditions: refused before any costly check (DESIGN §8). */
  | 'rule_too_large'
  /** A rule set is well-formed but inconsistent (unknown fact, duplicate id, bad window, …). */
  | 'rule_lint_error'
  /** A rule's own test case failed, or a condition was never seen both true and false. */
  | 'rule_test_failed'
  /** A fact threw while judging a filing; the rule's finding is `error`. */
  | 'eval_fact_error'
  /** Wrong command-line usage or a missing input file. */
  | 'usage_error'
  /** A store write conflicts with what is stored (a taken id, a period already filed). */
  | 'store_conflict'
  /** A stored thing does not exist. */
  | 'store_not_found';

/** One problem, located: `where` is `file:line:column`, `file#/json/pointer` or a bare pointer. */
export interface Problem {
  code: ErrorCode;
  /** The message in English, as it was made. */
  message: string;
  /** The message as data (src/messages), for a reader of another language: set by every problem the core makes. */
  msg?: Message;
  /** A JSON pointer into the document at fault, when there is one. */
  pointer?: string;
  file?: string;
  line?: number;
  column?: number;
}

/** Formats a problem as one line: `file:line:column: message [code]` or `file /pointer: message`, in English. */
export function formatProblem(p: Problem): string {
  return formatProblemIn('en')(p);
}

/** `formatProblem` in a language: the message in `lang` when the problem carries it as data, else as made. */
export function formatProblemIn(lang: MessageLang): (p: Problem) => string {
  return (p) => {
    const loc = p.file !== undefined && p.line !== undefined ? `${p.file}:${p.line}:${p.column ?? 1}` : p.file;
    const where = [loc, p.pointer].filter((x) => x !== undefined && x !== '').join(' ');
    const message = lang !== 'en' && p.msg ? render(p.msg, lang) : p.message;
    return `${where ? `${where}: ` : ''}${message} [${p.code}]`;
  };
}

/** An error carrying every problem found in one input, so they are reported together. */
export class ComplianceError extends Error {
  readonly code: ErrorCode;
  readonly problems: Problem[];

  constructor(code: ErrorCode, problems: Problem[], options?: { cause?: unknown }) {
    const head = problems.length === 1 ? problems[0]!.message : `${problems.length} problems`;
    super(head, options);
    this.name = 'ComplianceError';
    this.code = code;
    this.problems = problems;
  }
}

export function isComplianceError(e: unknown): e is ComplianceError {
  return e instanceof ComplianceError;
}
