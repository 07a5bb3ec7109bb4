// HTTP errors: one class for what a route refuses, and the one function mapping any error to problem+json, in
// the caller's language: titles and fallback details by code (one table), messages from their keys (src/messages).

import type { Response } from 'express';
import { AppError } from '../app/errors.js';
import { ComplianceError, type ErrorCode, type Problem } from '../errors.js';
import { inLanguage, render, say, type Message, type MessageLang, type Said } from '../messages/index.js';

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
  supersedes_cycle: 409,
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
  supersedes_cycle: 409,
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

/** Every code a problem document may carry. */
type AnyCode = HttpCode | ErrorCode;

/** Words in each language. */
type Words = Readonly<Record<MessageLang, string>>;

/**
 * The texts of each code, in each language: `title` (in English the status's reason phrase, as ever;
 * in Chinese what went wrong, per code) and `detail`, the words used when the error itself carries
 * none in the caller's language (a message made without a key).
 */
const PROBLEM_TEXTS: Readonly<Record<AnyCode, { title: Words; detail: Words }>> = {
  token_missing: { title: { en: 'Unauthorized', zh: '缺少访问令牌' }, detail: { en: 'send a bearer token', zh: '请发送访问令牌' } },
  token_invalid: { title: { en: 'Unauthorized', zh: '访问令牌无效' }, detail: { en: 'the bearer token is not valid', zh: '该访问令牌无效' } },
  token_expired: { title: { en: 'Unauthorized', zh: '访问令牌已过期' }, detail: { en: 'the bearer token expired', zh: '该访问令牌已过期' } },
  token_revoked: { title: { en: 'Unauthorized', zh: '访问令牌已吊销' }, detail: { en: 'the bearer token was revoked', zh: '该访问令牌已被吊销' } },
  forbidden_role: { title: { en: 'Forbidden', zh: '角色无权操作' }, detail: { en: 'this role may not use this route', zh: '该角色无权使用此接口' } },
  forbidden_platform: { title: { en: 'Forbidden', zh: '无权为该平台操作' }, detail: { en: 'this token may not act for this platform', zh: '该令牌无权为此平台操作' } },
  not_found: { title: { en: 'Not Found', zh: '未找到' }, detail: { en: 'not found', zh: '找不到所请求的资源' } },
  filing_not_found: { title: { en: 'Not Found', zh: '未找到报送材料' }, detail: { en: 'no such filing', zh: '没有该报送材料' } },
  platform_not_found: { title: { en: 'Not Found', zh: '未找到平台' }, detail: { en: 'no such platform', zh: '没有该平台' } },
  rule_not_found: { title: { en: 'Not Found', zh: '未找到规则' }, detail: { en: 'no such rule', zh: '没有该规则' } },
  version_not_found: { title: { en: 'Not Found', zh: '未找到规则集版本' }, detail: { en: 'no such rule-set version', zh: '没有该规则集版本' } },
  method_not_allowed: { title: { en: 'Method Not Allowed', zh: '不允许的请求方法' }, detail: { en: 'this method is not allowed here', zh: '此处不允许使用该请求方法' } },
  precondition_required: { title: { en: 'Precondition Required', zh: '缺少版本前提' }, detail: { en: 'send If-Match with the version in force', zh: '请在请求头中给出所依据的现行版本' } },
  precondition_failed: { title: { en: 'Precondition Failed', zh: '版本已变更' }, detail: { en: 'the rule set changed', zh: '规则集已经变更' } },
  malformed_body: { title: { en: 'Bad Request', zh: '请求体无法读取' }, detail: { en: 'the body cannot be read', zh: '请求体无法读取' } },
  body_too_deep: { title: { en: 'Bad Request', zh: '请求体嵌套过深' }, detail: { en: 'the body nests too deeply', zh: '请求体的嵌套层数过多' } },
  malformed_url: { title: { en: 'Bad Request', zh: '网址无效' }, detail: { en: 'the URL is not valid', zh: '网址无效' } },
  invalid_query: { title: { en: 'Bad Request', zh: '查询参数无效' }, detail: { en: 'a query parameter is not valid', zh: '查询参数无效' } },
  body_too_large: { title: { en: 'Content Too Large', zh: '请求体过大' }, detail: { en: 'the body is too large', zh: '请求体过大' } },
  body_too_complex: { title: { en: 'Content Too Large', zh: '请求体过于复杂' }, detail: { en: 'the body is too complex to read', zh: '请求体过于复杂，无法读取' } },
  request_timeout: { title: { en: 'Request Timeout', zh: '请求超时' }, detail: { en: 'the request body did not arrive in time', zh: '请求体未能按时送达' } },
  unsupported_media_type: { title: { en: 'Unsupported Media Type', zh: '不支持的内容类型' }, detail: { en: 'this media type is not accepted here', zh: '此处不接受该内容类型' } },
  invalid_request: { title: { en: 'Unprocessable Content', zh: '请求内容不符合要求' }, detail: { en: 'the request is not valid', zh: '请求内容不符合要求' } },
  rule_id_mismatch: { title: { en: 'Unprocessable Content', zh: '规则编号不一致' }, detail: { en: 'the rule id does not match', zh: '规则编号与网址不一致' } },
  unknown_version: { title: { en: 'Unprocessable Content', zh: '未知的版本' }, detail: { en: 'no such published version', zh: '没有该已发布的版本' } },
  filing_id_taken: { title: { en: 'Conflict', zh: '报送编号已被占用' }, detail: { en: 'the filing id is taken', zh: '该报送编号已被占用' } },
  period_taken: { title: { en: 'Conflict', zh: '该报告期已报送' }, detail: { en: 'the period is filed already', zh: '该报告期已经报送' } },
  supersedes_cycle: { title: { en: 'Conflict', zh: '更正链形成循环' }, detail: { en: 'the correction chain loops', zh: '更正链形成循环：两份报送互为更正对象' } },
  supersedes_invalid: { title: { en: 'Conflict', zh: '被更正的报送无效' }, detail: { en: 'supersedes names no current filing', zh: '所写明被更正的报送不是现行的报送材料' } },
  ambiguous_filing_id: { title: { en: 'Conflict', zh: '报送编号不唯一' }, detail: { en: 'several platforms use this filing id', zh: '多个平台使用该报送编号，请按平台查询' } },
  order_not_found: { title: { en: 'Not Found', zh: '未找到整改通知' }, detail: { en: 'no such order', zh: '没有该整改通知' } },
  order_filing_not_found: { title: { en: 'Unprocessable Content', zh: '未找到所依据的报送材料' }, detail: { en: 'no such stored filing', zh: '没有该已保存的报送材料' } },
  order_rule_not_failed: { title: { en: 'Unprocessable Content', zh: '该规则未判定为不合规' }, detail: { en: 'the finding is not a failure', zh: '该规则的结果并非不合规' } },
  order_exists: { title: { en: 'Conflict', zh: '整改通知已存在' }, detail: { en: 'an open order follows this already', zh: '已有未关闭的整改通知跟进此事项' } },
  order_closed: { title: { en: 'Conflict', zh: '整改通知已关闭' }, detail: { en: 'the order is closed', zh: '该整改通知已关闭' } },
  scan_not_found: { title: { en: 'Not Found', zh: '未找到扫描任务' }, detail: { en: 'no such scan', zh: '没有该扫描任务' } },
  scan_not_done: { title: { en: 'Conflict', zh: '扫描尚未完成' }, detail: { en: 'the scan is not done', zh: '扫描任务尚未完成' } },
  scan_unavailable: { title: { en: 'Unprocessable Content', zh: '无法进行该扫描' }, detail: { en: 'this scan cannot be run', zh: '无法进行该扫描' } },
  rate_limited: { title: { en: 'Too Many Requests', zh: '请求过于频繁' }, detail: { en: 'too many requests; retry later', zh: '请求过于频繁，请稍后重试' } },
  shutting_down: { title: { en: 'Service Unavailable', zh: '服务正在停止' }, detail: { en: 'the service is shutting down', zh: '服务正在停止' } },
  server_busy: { title: { en: 'Service Unavailable', zh: '服务繁忙' }, detail: { en: 'the service is busy; retry shortly', zh: '服务繁忙，请稍后重试' } },
  internal_error: { title: { en: 'Internal Server Error', zh: '服务内部错误' }, detail: { en: 'the service failed to answer', zh: '服务未能作答' } },
  filing_parse_error: { title: { en: 'Bad Request', zh: '报送材料无法读取' }, detail: { en: 'the filing cannot be read', zh: '报送材料无法读取' } },
  filing_invalid: { title: { en: 'Unprocessable Content', zh: '报送材料不符合要求' }, detail: { en: 'the filing is not valid', zh: '报送材料不符合要求' } },
  number_too_precise: { title: { en: 'Unprocessable Content', zh: '数字精度过高' }, detail: { en: 'a number has too many significant digits', zh: '数字的有效位数过多' } },
  schema_retired: { title: { en: 'Unprocessable Content', zh: '报送格式版本已停用' }, detail: { en: 'file it in the current schema', zh: '请按现行的报送格式版本报送' } },
  rule_parse_error: { title: { en: 'Unprocessable Content', zh: '规则文件无法读取' }, detail: { en: 'a rule file is not well-formed YAML', zh: '规则文件不是格式正确的 YAML' } },
  rule_schema_error: { title: { en: 'Unprocessable Content', zh: '规则不符合格式要求' }, detail: { en: 'a rule breaks the rule schema', zh: '规则不符合规则格式要求' } },
  rule_too_large: { title: { en: 'Unprocessable Content', zh: '规则过大' }, detail: { en: 'a rule is too large', zh: '规则过大' } },
  rule_lint_error: { title: { en: 'Unprocessable Content', zh: '规则集检查未通过' }, detail: { en: 'the rule set is not consistent', zh: '规则集前后不一致' } },
  rule_test_failed: { title: { en: 'Unprocessable Content', zh: '规则测试未通过' }, detail: { en: "a rule's test failed", zh: '规则的测试用例未通过' } },
  usage_error: { title: { en: 'Bad Request', zh: '用法错误' }, detail: { en: 'wrong usage', zh: '用法错误' } },
  store_conflict: { title: { en: 'Conflict', zh: '与已保存的内容冲突' }, detail: { en: 'conflicts with what is stored', zh: '与已保存的内容冲突' } },
  store_not_found: { title: { en: 'Not Found', zh: '未找到' }, detail: { en: 'not stored', zh: '没有保存该内容' } },
  eval_fact_error: { title: { en: 'Internal Server Error', zh: '服务内部错误' }, detail: { en: 'the service failed to answer', zh: '服务未能作答' } },
};

/** The texts of a code (a code the table lacks reads as the internal error's). */
function textsOf(code: string): { title: Words; detail: Words } {
  return Object.hasOwn(PROBLEM_TEXTS, code) ? PROBLEM_TEXTS[code as AnyCode] : PROBLEM_TEXTS.internal_error;
}

/** Something a route refuses, with its stable code; the status follows from the code. */
export class HttpError extends Error {
  readonly status: number;
  /** The detail as data, to word it in the caller's language (absent: the code's words stand in). */
  readonly msg: Message | undefined;

  constructor(
    readonly code: HttpCode,
    message: string | Said,
    readonly problems: HttpProblemItem[] = [],
    readonly headers: Record<string, string> = {},
    /** Extension members of the problem document (RFC 9457 section 3.2), such as `filings`. */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(typeof message === 'string' ? message : message.message);
    this.name = 'HttpError';
    this.status = HTTP_CODES[code];
    this.msg = typeof message === 'string' ? undefined : message.msg;
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
 * Maps any error to a status, a problem document and headers, in `lang` (English by default): an
 * HttpError as it says, a ComplianceError by its code, anything else a generic 500 (`unexpected` true:
 * log it; its message never reaches the client). The codes and pointers are the same in every language.
 */
export function toProblem(
  err: unknown,
  lang: MessageLang = 'en',
): {
  doc: ProblemDocument;
  headers: Record<string, string>;
  unexpected: boolean;
} {
  if (err instanceof HttpError) {
    return {
      doc: { ...err.extensions, ...document(err.status, err.code, { message: err.message, msg: err.msg }, err.problems, lang) },
      headers: err.headers,
      unexpected: false,
    };
  }
  if (err instanceof AppError) {
    // the application's refusals keep their codes; a stale change names the version in force
    const said = err.msg ? { message: err.message, msg: err.msg } : err.message;
    return toProblem(new HttpError(err.code, said, err.problems, err.inForce ? { ETag: `"${err.inForce}"` } : {}), lang);
  }
  if (err instanceof ComplianceError) {
    const status = CORE_STATUS[err.code] ?? 500;
    if (status >= 500) return internal(lang);
    const detail = err.problems.length === 1 ? { message: err.message, msg: err.problems[0]!.msg } : say('http.problems', { n: err.problems.length });
    return { doc: document(status, err.code, detail, err.problems, lang), headers: {}, unexpected: false };
  }
  return internal(lang);
}

function internal(lang: MessageLang): { doc: ProblemDocument; headers: Record<string, string>; unexpected: true } {
  return {
    doc: document(500, 'internal_error', say('http.internal', {}), [], lang),
    headers: {},
    unexpected: true,
  };
}

/** The title of a code in `lang` (in English, the reason phrase of the code's status). */
export function problemTitle(code: string, lang: MessageLang): string {
  return textsOf(code).title[lang];
}

function document(
  status: number,
  code: string,
  detail: { message: string; msg?: Message | undefined },
  problems: readonly HttpProblemItem[],
  lang: MessageLang,
): ProblemDocument {
  const words = textsOf(code);
  return {
    type: TYPE_BASE + code,
    title: words.title[lang],
    status,
    code,
    detail: lang === 'en' ? detail.message : detail.msg ? render(detail.msg, lang) : words.detail[lang],
    problems: problems.map((p) => inLanguage(p, lang, textsOf(p.code).detail[lang])),
  };
}

/** Writes a problem document as `application/problem+json`. */
export function sendProblem(res: Response, doc: ProblemDocument, headers: Record<string, string> = {}): void {
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.status(doc.status).type('application/problem+json').send(JSON.stringify(doc));
}
