// The OpenAPI description of the rectification order routes and GET /v1/platforms/{platform}, spread into openapi.ts.

import { ORDER_REQUEST_SCHEMAS } from '../../app/orders/requests.js';
import { ORDER_STATES } from '../../app/orders/machine.js';

type Json = Record<string, unknown>;
type Role = 'officer' | 'supervisor' | 'auditor';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const problem = (description: string) => ({ $ref: '#/components/responses/Problem', description });
const json = (schema: Json) => ({ 'application/json': { schema } });
const EVERYONE: readonly Role[] = ['officer', 'supervisor', 'auditor'];
const SUPERVISOR: readonly Role[] = ['supervisor'];

/** One operation, shaped as openapi.ts shapes its own: x-roles, and 401/429 (and 403 when not every role may call it). */
function op(summary: string, roles: readonly Role[], responses: Json, extra: Json = {}): Json {
  return {
    summary,
    ...extra,
    'x-roles': roles,
    responses: {
      ...responses,
      '401': problem('No token, or an unknown, expired or revoked one.'),
      '429': problem('Over the per-token rate limit; see Retry-After.'),
      ...(roles.length === 3 ? {} : { '403': problem(`Only for: ${roles.join(', ')}.`) }),
    },
  };
}

const idParam = {
  name: 'id',
  in: 'path',
  required: true,
  schema: { type: 'string' },
  description: 'The order id (ord_…).',
};
const asOfParam = {
  name: 'asOf',
  in: 'query',
  description: 'The day asked about, for overdue (default: today in the service’s time zone, --tz).',
  schema: { type: 'string', format: 'date' },
};
const body = (name: string) => ({ required: true, content: json(ref(name)) });

/** The response schemas of the order routes. */
export const ORDER_SCHEMAS: Record<string, Json> = {
  ...ORDER_REQUEST_SCHEMAS,
  Order: {
    type: 'object',
    description:
      'A rectification order (DESIGN §11); its state is derived from the platform’s later filings.',
    properties: {
      id: { type: 'string' },
      platformId: { type: 'string' },
      ruleId: { type: 'string' },
      fromFilingId: { type: 'string' },
      openedOn: { type: 'string', format: 'date' },
      openedBy: { type: 'string' },
      deadline: { type: 'string', format: 'date' },
      note: { type: 'string' },
      state: { enum: [...ORDER_STATES] },
      relapsed: { type: 'boolean' },
      rectifiedBy: { type: ['string', 'null'] },
      late: { type: 'boolean' },
      timeline: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            on: { type: 'string', format: 'date' },
            state: { enum: ['open', 'rectified', 'closed'] },
            cause: { type: 'string', description: 'A filing id or a token name.' },
          },
        },
      },
      closed: {
        type: ['object', 'null'],
        properties: {
          on: { type: 'string', format: 'date' },
          by: { type: 'string' },
          note: { type: 'string' },
        },
      },
    },
  },
  OrderList: { type: 'object', properties: { orders: { type: 'array', items: ref('Order') } } },
  PlatformPage: {
    type: 'object',
    description:
      'A platform with its latest current filing, that filing’s verdict and failures, and its open (or overdue) orders.',
    properties: {
      platformId: { type: 'string' },
      name: { type: ['string', 'null'] },
      platformName: { type: ['string', 'null'] },
      filings: { type: 'integer' },
      latest: { type: ['object', 'null'] },
      openOrders: { type: 'array', items: ref('Order') },
    },
  },
};

/** The paths of the order routes and of one platform's page. */
export const ORDER_PATHS: Record<string, Json> = {
  '/v1/orders': {
    post: op(
      'Open a rectification order on a stored filing whose finding for the rule failed.',
      SUPERVISOR,
      {
        '201': { description: 'Opened; Location: the order.', content: json(ref('Order')) },
        '400': problem('Malformed JSON.'),
        '409': problem('order_exists: an order not yet closed follows the same rule from the same filing.'),
        '415': problem('Not application/json.'),
        '422': problem(
          'invalid_request (shape, or a deadline not after the filing’s period.end), order_filing_not_found, order_rule_not_failed.',
        ),
      },
      { requestBody: body('OpenOrder') },
    ),
    get: op(
      'Orders the caller may see, newest first (officers: their own platforms’ only).',
      EVERYONE,
      {
        '200': { description: 'OK', content: json(ref('OrderList')) },
        '400': problem('A bad state or asOf.'),
        '404': problem('No such platform, or not the officer’s.'),
      },
      {
        parameters: [
          { name: 'platform', in: 'query', schema: { type: 'string' } },
          { name: 'state', in: 'query', schema: { enum: [...ORDER_STATES] } },
          asOfParam,
        ],
      },
    ),
  },
  '/v1/orders/{id}': {
    get: op(
      'One order, with its state on asOf and its timeline.',
      EVERYONE,
      {
        '200': { description: 'OK', content: json(ref('Order')) },
        '400': problem('A bad asOf.'),
        '404': problem('No such order, or another platform’s (officers).'),
      },
      { parameters: [idParam, asOfParam] },
    ),
  },
  '/v1/orders/{id}/close': {
    post: op(
      'Close an order for good (accepted or withdrawn, in the note).',
      SUPERVISOR,
      {
        '200': { description: 'Closed.', content: json(ref('Order')) },
        '404': problem('No such order.'),
        '409': problem('order_closed: closed already.'),
        '400': problem('Malformed JSON.'),
        '415': problem('Not application/json.'),
        '422': problem('No note.'),
      },
      { parameters: [idParam], requestBody: body('CloseOrder') },
    ),
  },
  '/v1/platforms/{platform}': {
    get: op(
      'A platform with its latest filing, verdict and open orders.',
      EVERYONE,
      {
        '200': { description: 'OK', content: json(ref('PlatformPage')) },
        '404': problem('No such platform, or not the officer’s.'),
      },
      { parameters: [{ name: 'platform', in: 'path', required: true, schema: { type: 'string' } }] },
    ),
  },
};
