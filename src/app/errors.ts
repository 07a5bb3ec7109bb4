// What the application refuses (a stale publish, an unknown version, a taken filing id, …), with stable
// codes the API and the CLI both use; http maps each code to its status in one place (http/errors.ts).

import type { Message, Said } from '../messages/index.js';

/**
 * Why the application refuses a request:
 * - `invalid_request`: a proposed change names something that cannot be changed that way;
 * - `rule_id_mismatch`: a rule's YAML declares another id than the one it is filed under;
 * - `rule_not_found`: no rule of that id in the rule set in force;
 * - `unknown_version`: a rollback names a version never published;
 * - `version_not_found`: a check asks for a version never published;
 * - `precondition_failed`: the version in force moved on since the change was based on it;
 * - `filing_id_taken`, `period_taken`, `supersedes_invalid`: a submitted filing conflicts with a stored one;
 * - `supersedes_cycle`: a submitted filing corrects a stored one that names it as the one it corrected (DESIGN §3).
 */
export type AppErrorCode =
  | 'invalid_request'
  | 'rule_id_mismatch'
  | 'rule_not_found'
  | 'unknown_version'
  | 'version_not_found'
  | 'precondition_failed'
  | 'filing_id_taken'
  | 'period_taken'
  | 'supersedes_invalid'
  | 'supersedes_cycle';

/** One located problem of a refused request (`pointer` into the request body). */
export interface AppProblem {
  code: string;
  /** In English; `msg` is the same message as data, for the caller's language. */
  message: string;
  msg?: Message;
  pointer: string;
}

/** A refused request: a stable code, a message for people, where, and for a stale change the version in force. */
export class AppError extends Error {
  /** The message as data (src/messages), for the caller's language. */
  readonly msg: Message | undefined;

  constructor(
    readonly code: AppErrorCode,
    message: string | Said,
    readonly problems: AppProblem[] = [],
    /** The version in force now, when the refusal is that it moved on (`precondition_failed`). */
    readonly inForce: string | null = null,
  ) {
    super(typeof message === 'string' ? message : message.message);
    this.name = 'AppError';
    this.msg = typeof message === 'string' ? undefined : message.msg;
  }

  /** A refusal pointing at one field of the request. */
  static at(code: AppErrorCode, message: string | Said, pointer: string, detail = message): AppError {
    return new AppError(code, message, [{ code, ...(typeof detail === 'string' ? { message: detail } : detail), pointer }]);
  }
}
