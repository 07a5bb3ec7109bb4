// The watchlist (DESIGN §5.1, §8): `GET /v1/watchlist[?asOf=]`, for supervisors and auditors; and its OpenAPI description.

import { watchlist } from '../../app/watchlist.js';
import { isCalendarDate } from '../../filing/dates.js';
import type { AppContext } from '../context.js';
import { HttpError } from '../errors.js';
import { say } from '../../messages/index.js';
import { queryString } from '../query.js';
import { sendJson } from '../send.js';
import type { Route } from './types.js';

/** `asOf`: a real calendar date, or absent. */
function asOfOf(value: string | undefined): string | null {
  if (value === undefined) return null;
  // isCalendarDate reads the YYYY-MM-DD shape too: 2019-1-2 and yesterday are not dates
  if (!isCalendarDate(value)) {
    throw new HttpError('invalid_query', say('http.as_of_invalid', { value }), [
      { code: 'invalid_query', ...say('http.as_of_item', {}), pointer: '/asOf' },
    ]);
  }
  return value;
}

/** `GET /v1/watchlist`. */
export function watchlistRoutes(ctx: AppContext): Route[] {
  return [
    {
      method: 'get',
      path: '/v1/watchlist',
      access: ['supervisor', 'auditor'],
      async handler(req, res) {
        const asOf = asOfOf(queryString(req, 'asOf'));
        const engine = ctx.engines.current;
        const entries = await watchlist({ store: ctx.store, judge: engine.judge }, { asOf });
        sendJson(res, 200, entries);
      },
    },
  ];
}

type Json = Record<string, unknown>;
const pair = (items: Json) => ({ type: 'array', minItems: 2, maxItems: 2, items });

/** The response schema of the watchlist. */
export const WATCHLIST_SCHEMAS: Record<string, Json> = {
  WatchEntry: {
    type: 'object',
    description: 'A platform on the watchlist (DESIGN §5.1): its latest current filing fails or is advisory on HIST-002, HIST-003, HIST-004 or MEM-002.',
    required: ['platformId', 'name', 'level', 'rules', 'filingId', 'asOf', 'trend'],
    properties: {
      platformId: { type: 'string' },
      name: { type: 'string' },
      level: { type: 'number', description: 'How many of the watched rules it fails; an advisory one counts half.' },
      rules: { type: 'array', items: { type: 'string' } },
      filingId: { type: 'string' },
      asOf: { type: 'string', format: 'date' },
      trend: {
        type: 'object',
        description: 'Members and mean per-member share at HIST-004’s reference filing (without one, the earliest of HIST-002’s window) and now; null where a figure does not exist.',
        required: ['membersActive', 'meanPerMemberShareCny'],
        properties: {
          membersActive: pair({ type: ['integer', 'null'] }),
          meanPerMemberShareCny: pair({ type: ['number', 'null'] }),
        },
      },
    },
  },
};

/** The watchlist's path in the OpenAPI document. */
export const WATCHLIST_PATHS: Json = {
  '/v1/watchlist': {
    get: {
      summary: 'The watchlist: platforms whose latest current filing shows the early-warning signs, by level, then members.',
      'x-roles': ['supervisor', 'auditor'],
      parameters: [
        { name: 'asOf', in: 'query', description: 'Judge it as of this day: each platform’s latest current filing ending on or before it.', schema: { type: 'string', format: 'date' } },
      ],
      responses: {
        '200': { description: 'The watchlist', content: { 'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/WatchEntry' } } } } },
        '400': { $ref: '#/components/responses/Problem', description: 'asOf is not a calendar date.' },
        '401': { $ref: '#/components/responses/Problem', description: 'No token, or an unknown, expired or revoked one.' },
        '403': { $ref: '#/components/responses/Problem', description: 'Only for: supervisor, auditor.' },
        '429': { $ref: '#/components/responses/Problem', description: 'Over the per-token rate limit; see Retry-After.' },
      },
    },
  },
};
