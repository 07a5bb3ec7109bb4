// What opening, reading and closing orders refuse, with stable codes the API and the CLI both use.

import type { Message, Said } from '../../messages/index.js';

/**
 * Why an order request is refused:
 * - `invalid_request`: the body (or the CLI's options) has the wrong shape, or the deadline is not after the filing's period;
 * - `invalid_query`: a `state` or `asOf` filter is not one there is;
 * - `order_not_found`: no such order, or one of a platform the caller may not see;
 * - `order_filing_not_found`: `fromFilingId` is no stored filing of that platform;
 * - `order_rule_not_failed`: that filing's stored finding for the rule is not `fail`;
 * - `order_exists`: an order not yet closed exists for the same platform, rule and filing;
 * - `order_closed`: the order is closed already (closed is final);
 * - `platform_not_found`: no such platform (or not the caller's).
 */
export type OrderErrorCode =
  | 'invalid_request'
  | 'invalid_query'
  | 'order_not_found'
  | 'order_filing_not_found'
  | 'order_rule_not_failed'
  | 'order_exists'
  | 'order_closed'
  | 'platform_not_found';

/** One located problem of a refused request. */
export interface OrderProblem {
  /** In English; `msg` is the same message as data, for the caller's language. */
  message: string;
  msg?: Message;
  pointer: string;
}

/** A refused order request: a stable code, a message for people, and where in the request. */
export class OrderError extends Error {
  /** The message as data (src/messages), for the caller's language. */
  readonly msg: Message | undefined;

  constructor(
    readonly code: OrderErrorCode,
    message: string | Said,
    readonly problems: OrderProblem[] = [],
  ) {
    super(typeof message === 'string' ? message : message.message);
    this.name = 'OrderError';
    this.msg = typeof message === 'string' ? undefined : message.msg;
  }

  /** A refusal pointing at one field of the request. */
  static at(code: OrderErrorCode, message: string | Said, pointer: string): OrderError {
    return new OrderError(code, message, [{ ...(typeof message === 'string' ? { message } : message), pointer }]);
  }

  /** The message as given (with its key and values when it has them). */
  get said(): string | Said {
    return this.msg ? { message: this.message, msg: this.msg } : this.message;
  }
}
