// The request shapes of rectification orders (open, close, list), checked the same way for the API and the CLI.

import type { ValidateFunction } from 'ajv';
import { isCalendarDate } from '../../filing/dates.js';
import { say } from '../../messages/index.js';
import { check, createAjv } from '../../schema.js';
import { ORDER_STATES, type OrderState } from './machine.js';
import { OrderError } from './errors.js';

const date = { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' };

/** JSON Schemas of the order request bodies (the names are their OpenAPI component names). */
export const ORDER_REQUEST_SCHEMAS = {
  OpenOrder: {
    type: 'object',
    additionalProperties: false,
    required: ['platformId', 'ruleId', 'fromFilingId'],
    properties: {
      platformId: { type: 'string', pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$' },
      ruleId: { type: 'string', pattern: '^[A-Z]{2,8}-[0-9]{3}$' },
      fromFilingId: {
        type: 'string',
        pattern: '^[A-Za-z0-9._-]{1,64}$',
        description: 'A stored filing of the platform whose finding for the rule failed.',
      },
      deadline: {
        ...date,
        description: "After the filing's period.end; default: openedOn + orderDeadlineDays (49).",
      },
      note: { type: 'string', maxLength: 2000, description: 'What the platform is ordered to do.' },
    },
  },
  CloseOrder: {
    type: 'object',
    additionalProperties: false,
    required: ['note'],
    properties: {
      note: {
        type: 'string',
        minLength: 1,
        maxLength: 2000,
        description: 'Why: accepted (rectified) or withdrawn. Recorded in the audit log.',
      },
    },
  },
} as const;

/** `POST /v1/orders`'s body. */
export interface OpenOrderRequest {
  platformId: string;
  ruleId: string;
  fromFilingId: string;
  deadline?: string;
  note?: string;
}

/** `POST /v1/orders/{id}/close`'s body. */
export interface CloseOrderRequest {
  note: string;
}

const ajv = createAjv();
const validators = new Map<string, ValidateFunction>(
  Object.entries(ORDER_REQUEST_SCHEMAS).map(([k, s]) => [k, ajv.compile(s)]),
);

function checked<T>(name: keyof typeof ORDER_REQUEST_SCHEMAS, value: unknown): T {
  const problems = check(validators.get(name)!, value);
  if (problems.length > 0) {
    throw new OrderError(
      'invalid_request',
      problems.length === 1
        ? say('http.request_field', { pointer: problems[0]!.pointer || '/', problem: problems[0]!.msg })
        : say('order.request_problems', { n: problems.length }),
      problems.map((p) => ({ message: p.message, msg: p.msg, pointer: p.pointer || '/' })),
    );
  }
  return value as T;
}

/** Checks an order to open: its shape, and a deadline that is a real date. */
export function openOrderRequest(value: unknown): OpenOrderRequest {
  const req = checked<OpenOrderRequest>('OpenOrder', value);
  if (req.deadline !== undefined && !isCalendarDate(req.deadline)) {
    throw OrderError.at('invalid_request', say('order.deadline_not_date', { deadline: req.deadline }), '/deadline');
  }
  return req;
}

/** Checks a closing. */
export function closeOrderRequest(value: unknown): CloseOrderRequest {
  return checked<CloseOrderRequest>('CloseOrder', value);
}

/** A `state` filter: one of the order states, or absent. */
export function stateFilter(value: string | undefined, pointer = '/state'): OrderState | undefined {
  if (value === undefined) return undefined;
  const state = ORDER_STATES.find((s) => s === value);
  if (!state) {
    throw OrderError.at(
      'invalid_query',
      say('order.state_invalid', { states: ORDER_STATES, value }),
      pointer,
    );
  }
  return state;
}

/** An `asOf` day: a real YYYY-MM-DD date, or absent. */
export function asOfFilter(value: string | undefined, pointer = '/asOf'): string | undefined {
  if (value === undefined) return undefined;
  if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(value) || !isCalendarDate(value)) {
    throw OrderError.at('invalid_query', say('http.as_of_invalid', { value }), pointer);
  }
  return value;
}
