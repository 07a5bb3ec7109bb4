// HTTP errors: one class for what a route refuses, and the one function mapping any error to problem+json.

import type { Response } from 'express';
import { AppError } from '../app/errors.js';
import { ComplianceError, type ErrorCode, type Problem } from '../errors.js';

/** A located problem in a problem+json body: a core Problem, or one with an HTTP-layer code. */
export interface HttpProblemItem extends Omit<Problem, 'code'> {
  code: string;
}

/** Codes the HTTP layer adds to the core's, each with the status it always has. */
export const HTTP_CODES = {
  /** No `Authorization: Bearer …` header. */
  token_missing: 401,
  /** The bearer token is unknown. */
  token_invalid: 401,
  token_expired: 401,
  token_revoked: 401,
  /** The token's role may not use this route (DESIGN section 8's table). */
  forbidden_role: 403,
  /** An officer's token does not cover the platform of the filing sent. */
  forbidden_platform: 403,
  /** No such route, filing, platform, rule or rule-set version (or not the officer's to see). */
  not_found: 404,
  filing_not_found: 404,
  platform_not_found: 404,
  rule_not_found: 404,
  version_not_found: 404,
  method_not_allowed: 405,
  /** A change to the rule set without `If-Match`. */
  precondition_required: 428,
  /** `If-Match` names a version that is no longer in force. */
  precondition_failed: 412,
  /** The body is not JSON or YAML, or is nested deeper than 64 levels. */
  malformed_body: 400,
  body_too_deep: 400,
  /** The URL has a path segment that is not valid percent-encoding. */
  malformed_url: 400,
  /** A query parameter is not one the route accepts. */
  invalid_query: 400,
  body_too_large: 413,
  /** A YAML body (a filing) with more than 100,000 nodes or 1,000 aliases, found by the pre-scan before any parser runs. */
  body_too_complex: 413,
  /** The request body did not arrive within `--request-timeout` (an NDJSON scan: went silent that long). */
  request_timeout: 408,
  unsupported_media_type: 415,
  /** The request body's JSON has the wrong shape for the route. */
  invalid_request: 422,
  /** The rule YAML's id is not the one in the URL. */
  rule_id_mismatch: 422,
  unknown_version: 422,
  filing_id_taken: 409,
  period_taken: 409,
  supersedes_invalid: 409,
  /** `/v1/filings/:id` names an id several platforms the caller may see use; the answer links each. */
  ambiguous_filing_id: 409,
  /** Rectification orders (DESIGN §11): see src/app/orders/errors.ts for when each happens. */
  order_not_found: 404,
  order_filing_not_found: 422,
  order_rule_not_failed: 422,
  order_exists: 409,
  order_closed: 409,
  /** No scan job with this id. */
  scan_not_found: 404,
  /** A scan job's results before it is done (or after it was cancelled or failed). */
  scan_not_done: 409,
  /** An async scan cannot also take superseded filings (`all`), or the service runs no scan jobs. */
  scan_unavailable: 422,
  rate_limited: 429,
  shutting_down: 503,
  /** More large YAML bodies wait for the YAML worker thread than its queue holds; see Retry-After. */
  server_busy: 503,
  internal_error: 500,
} as const;

/** A code the HTTP layer answers with. */
export type HttpCode = keyof typeof HTTP_CODES;

/** What a core ErrorCode means over HTTP. */
const CORE_STATUS: Record<ErrorCode, number> = {
  filing_parse_error: 400,
  filing_invalid: 422,
  number_too_precise: 422,
  schema_retired: 422,
  rule_parse_error: 422,
  rule_schema_error: 422,
  rule_too_large: 422,
  rule_lint_error: 422,
  rule_test_failed: 422,
  usage_error: 400,
  store_conflict: 409,
  store_not_found: 404,
  eval_fact_error: 500,
};

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Something a route refuses, with its stable code; the status follows from the code. */
export class HttpError extends Error {
  readonly status: number;

  constructor(
    readonly code: HttpCode,
    message: string,
    readonly problems: HttpProblemItem[] = [],
    readonly headers: Record<string, string> = {},
    /** Extension members of the problem document (RFC 9457 section 3.2), such as `filings`. */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'HttpError';
    this.status = HTTP_CODES[code];
  }
}

/** An RFC 9457 problem document, with our stable `code` and every located problem. */
export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  instance?: string;
  requestId?: string;
  problems: HttpProblemItem[];
  [extension: string]: unknown;
}

const TYPE_BASE = 'https://mutual-aid-compliance.example/problems/';

/**
 * Maps any error to a status, a problem document and headers: an HttpError as it says, a
 * ComplianceError by its code, anything else a generic 500 (`unexpected` true: log it; its message
 * never reaches the client).
 */
export function toProblem(err: unknown): {
  doc: ProblemDocument;
  headers: Record<string, string>;
  unexpected: boolean;
} {
  if (err instanceof HttpError) {
    return {
      doc: { ...err.extensions, ...document(err.status, err.code, err.message, err.problems) },
      headers: err.headers,
      unexpected: false,
    };
  }
  if (err instanceof AppError) {
    // the application's refusals keep their codes; a stale change names the version in force
    return toProblem(new HttpError(err.code, err.message, err.problems, err.inForce ? { ETag: `"${err.inForce}"` } : {}));
  }
  if (err instanceof ComplianceError) {
    const status = CORE_STATUS[err.code] ?? 500;
    if (status >= 500) return internal();
    const detail = err.problems.length === 1 ? err.message : `${err.problems.length} problems`;
    return { doc: document(status, err.code, detail, err.problems), headers: {}, unexpected: false };
  }
  return internal();
}

function internal(): { doc: ProblemDocument; headers: Record<string, string>; unexpected: true } {
  return {
    doc: document(500, 'internal_error', 'the service failed to answer; the error is logged', []),
    headers: {},
    unexpected: true,
  };
}

function document(
  status: number,
  code: string,
  detail: string,
  problems: readonly HttpProblemItem[],
): ProblemDocument {
  return {
    type: TYPE_BASE + code,
    title: TITLES[status] ?? 'Error',
    status,
    code,
    detail,
    problems: problems.map((p) => ({ ...p })),
  };
}

/** Writes a problem document as `application/problem+json`. */
export function sendProblem(res: Response, doc: ProblemDocument, headers: Record<string, string> = {}): void {
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.status(doc.status).type('application/problem+json').send(JSON.stringify(doc));
}
