// The words of what the service refuses (src/http/*.ts): tokens, roles, bodies, queries, URLs and what a route
// could not find, each filled with the ids and values it is about.

import { zhJsonFault } from './filing.js';
import { q, texts, type Message } from './message.js';

/** A role (DESIGN §8) in Chinese, as the console names it. */
const ZH_ROLES: Record<string, string> = { officer: '平台合规人员', supervisor: '监管人员', auditor: '审计人员', anonymous: '匿名' };
const zhRole = (r: string) => ZH_ROLES[r] ?? q(r);

/** A scan job's state in Chinese. */
const ZH_SCAN_STATES: Record<string, string> = { queued: '排队中', running: '运行中', done: '已完成', failed: '已失败', cancelled: '已取消' };

/** Quoted items joined with 或 (“a” 或 “b”). */
const zhOr = (items: readonly string[]) => items.map(q).join(' 或 ');

/** The HTTP layer's messages, by key. */
export const HTTP_MESSAGES = {
  'http.problems': texts<{ n: number }>(
    (v) => `${v.n} problems`,
    (v) => `共有 ${v.n} 处问题`,
  ),
  'http.internal': texts<object>(
    () => 'the service failed to answer; the error is logged',
    () => '服务未能作答，错误已记入日志',
  ),
  'http.lang_invalid': texts<{ langs: readonly string[] }>(
    (v) => `lang must be one of ${v.langs.join(', ')}`,
    (v) => `查询参数 ${q('lang')} 须为 ${zhOr(v.langs)}`,
  ),
  'http.lang_unknown': texts<{ value: string }>(
    (v) => `not a language we speak: ${v.value}`,
    (v) => `不支持的语言：${q(v.value)}`,
  ),
  'http.query_once': texts<{ name: string }>(
    (v) => `${v.name} may be given once`,
    (v) => `查询参数 ${q(v.name)} 只能给出一次`,
  ),
  'http.query_repeated': texts<object>(
    () => 'given more than once',
    () => '给出了不止一次',
  ),
  'http.limit_range': texts<{ max: number }>(
    (v) => `limit must be an integer from 1 to ${v.max}`,
    (v) => `查询参数 ${q('limit')} 须为 1 至 ${v.max} 的整数`,
  ),
  'http.limit_range_item': texts<{ max: number }>(
    (v) => `must be an integer from 1 to ${v.max}`,
    (v) => `须为 1 至 ${v.max} 的整数`,
  ),
  'http.flag_invalid': texts<{ name: string }>(
    (v) => `${v.name} must be true or false`,
    (v) => `查询参数 ${q(v.name)} 只能是 ${q('true')} 或 ${q('false')}`,
  ),
  'http.flag_invalid_item': texts<object>(
    () => 'must be true or false',
    () => `只能是 ${q('true')} 或 ${q('false')}`,
  ),
  'http.as_of_invalid': texts<{ value: string }>(
    (v) => `asOf must be a date YYYY-MM-DD, not ${v.value}`,
    (v) => `查询参数 ${q('asOf')} 须为 ${q('YYYY-MM-DD')} 格式的日期，而非 ${q(v.value)}`,
  ),
  'http.as_of_item': texts<object>(
    () => 'not a calendar date YYYY-MM-DD',
    () => `不是 ${q('YYYY-MM-DD')} 格式的有效日期`,
  ),
  'http.as_received': texts<object>(
    () => 'as must be received',
    () => `查询参数 ${q('as')} 只能是 ${q('received')}`,
  ),
  'http.as_received_item': texts<object>(
    () => 'must be received',
    () => `只能是 ${q('received')}`,
  ),
  'http.if_match_missing': texts<{ etag: string }>(
    (v) => `send If-Match: ${v.etag} (the version your change is based on; GET /v1/rules gives it)`,
    (v) => `请在请求头 ${q('If-Match')} 中给出本次变更所依据的版本 ${v.etag}（可由 ${q('GET /v1/rules')} 获得）`,
  ),
  'http.if_match_stale': texts<{ etag: string; given: string }>(
    (v) => `the rule set changed: ${v.etag} is in force now, not ${v.given}; review the new version and retry`,
    (v) => `规则集已经变更：现行版本为 ${v.etag}，而非 ${/^".*"$/.test(v.given) ? v.given : q(v.given)}；请查看新版本后重试`,
  ),
  'http.media_type': texts<{ type: string | null; charset: string | null; allowed: readonly string[] }>(
    (v) => `${v.type ? `${v.type}${v.charset ? `; charset=${v.charset}` : ''} is` : 'a body without Content-Type is'} not accepted here; send ${v.allowed.join(' or ')} in UTF-8`,
    (v) => `此处不接受${v.type ? ` ${q(`${v.type}${v.charset ? `; charset=${v.charset}` : ''}`)} 的请求体` : `未声明 ${q('Content-Type')} 的请求体`}：请以 UTF-8 编码发送 ${zhOr(v.allowed)}`,
  ),
  'http.not_utf8': texts<object>(
    () => 'the body is not valid UTF-8',
    () => '请求体不是有效的 UTF-8 编码',
  ),
  'http.body_too_large': texts<{ limit: number }>(
    (v) => `the body is over the ${v.limit} byte limit`,
    (v) => `请求体超过 ${v.limit} 字节的上限`,
  ),
  'http.body_too_deep': texts<{ max: number }>(
    (v) => `the body nests arrays and objects deeper than ${v.max} levels`,
    (v) => `请求体中数组和对象的嵌套超过 ${v.max} 层`,
  ),
  'http.not_json': texts<{ detail: string }>(
    (v) => `the body is not valid JSON: ${v.detail}`,
    (v) => `请求体不是有效的 JSON：${zhJsonFault(v.detail)}`,
  ),
  'http.body_duplicate_key': texts<{ pointer: string }>(
    (v) => `the body repeats the key at ${v.pointer}`,
    (v) => `请求体在 ${v.pointer} 处重复了同一个键`,
  ),
  'http.duplicate_key_item': texts<object>(
    () => 'duplicate key: JSON objects must not repeat a key',
    () => '键重复：JSON 对象中的键不得重复',
  ),
  'http.server_busy': texts<object>(
    () => 'too many large YAML bodies are being read at once; try again shortly',
    () => '同时读取的大型 YAML 请求体过多，请稍后重试',
  ),
  'http.shutting_down': texts<object>(
    () => 'the service is shutting down',
    () => '服务正在停止',
  ),
  'http.yaml_too_costly': texts<object>(
    () => "the body's YAML takes more memory or time to read than a body is given",
    () => '读取请求体中的 YAML 所需的内存或时间超过了单个请求的限度',
  ),
  'http.timeout_stream': texts<{ seconds: number }>(
    (v) => `no data for ${v.seconds} s: the request was cut off`,
    (v) => `${v.seconds} 秒内没有收到数据：请求已被中断`,
  ),
  'http.timeout_body': texts<{ seconds: number }>(
    (v) => `the request body did not arrive within ${v.seconds} s`,
    (v) => `请求体未在 ${v.seconds} 秒内送达`,
  ),
  'http.token_missing': texts<object>(
    () => 'send a bearer token: Authorization: Bearer <token>',
    () => `请发送访问令牌：请求头 ${q('Authorization: Bearer <令牌>')}`,
  ),
  'http.token_invalid': texts<object>(
    () => 'the bearer token is not one this service issued',
    () => '该访问令牌不是本服务签发的',
  ),
  'http.token_revoked': texts<object>(
    () => 'the bearer token was revoked',
    () => '该访问令牌已被吊销',
  ),
  'http.token_expired': texts<{ at: string }>(
    (v) => `the bearer token expired at ${v.at}`,
    (v) => `该访问令牌已于 ${v.at} 过期`,
  ),
  'http.rate_limited': texts<{ perMinute: number; retryAfter: number }>(
    (v) => `more than ${v.perMinute} requests a minute with this token; retry in ${v.retryAfter} s`,
    (v) => `该令牌每分钟的请求超过 ${v.perMinute} 次，请于 ${v.retryAfter} 秒后重试`,
  ),
  'http.auth_failures': texts<{ perMinute: number; retryAfter: number }>(
    (v) => `more than ${v.perMinute} failed authentications a minute from this address; retry in ${v.retryAfter} s`,
    (v) => `该地址每分钟认证失败超过 ${v.perMinute} 次，请于 ${v.retryAfter} 秒后重试`,
  ),
  'http.forbidden_role': texts<{ role: string; allowed: readonly string[] }>(
    (v) => `the ${v.role} role may not use this route (allowed: ${v.allowed.join(', ')})`,
    (v) => `${zhRole(v.role)}无权使用此接口（可使用的角色：${v.allowed.map(zhRole).join('、')}）`,
  ),
  'http.forbidden_platform': texts<{ platform: string }>(
    (v) => `this token may not file for platform ${v.platform}`,
    (v) => `该令牌无权为平台 ${q(v.platform)} 报送`,
  ),
  'http.not_own_platform': texts<{ platforms: readonly string[] }>(
    (v) => `not one of this token's platforms (${v.platforms.join(', ') || 'none'})`,
    (v) => `不是该令牌所属的平台（所属平台：${v.platforms.length > 0 ? v.platforms.map(q).join('、') : '无'}）`,
  ),
  'http.malformed_url': texts<object>(
    () => 'the URL is not valid percent-encoding',
    () => '网址中的百分号编码无效',
  ),
  /** An error express or its router answered with itself: its own words in English. */
  'http.express': texts<{ status: number; detail: string }>(
    (v) => v.detail,
    (v) => (v.status === 404 ? '找不到所请求的资源' : '请求无效'),
  ),
  'http.method_not_allowed': texts<{ method: string; allowed: readonly string[] }>(
    (v) => `${v.method} is not allowed here; use ${v.allowed.join(' or ')}`,
    (v) => `此处不允许使用 ${q(v.method)} 方法，请使用 ${zhOr(v.allowed)}`,
  ),
  'http.no_route': texts<{ method: string; path: string }>(
    (v) => `no route ${v.method} ${v.path}`,
    (v) => `没有 ${q(`${v.method} ${v.path}`)} 这一接口`,
  ),
  'http.no_rule': texts<{ id: string }>(
    (v) => `no rule ${v.id} in the rule set in force`,
    (v) => `现行规则集中没有规则 ${q(v.id)}`,
  ),
  'http.no_platform': texts<{ id: string }>(
    (v) => `no platform ${v.id}`,
    (v) => `没有平台 ${q(v.id)}`,
  ),
  'http.no_filing_of': texts<{ id: string; platform: string }>(
    (v) => `no filing ${v.id} of platform ${v.platform}`,
    (v) => `平台 ${q(v.platform)} 没有报送材料 ${q(v.id)}`,
  ),
  'http.no_filing': texts<{ id: string }>(
    (v) => `no filing ${v.id}`,
    (v) => `没有报送材料 ${q(v.id)}`,
  ),
  'http.no_report': texts<{ id: string }>(
    (v) => `no report for filing ${v.id}`,
    (v) => `报送材料 ${q(v.id)} 没有检查报告`,
  ),
  'http.ambiguous_filing': texts<{ count: number; id: string }>(
    (v) => `${v.count} platforms use filing id ${v.id}; ask for it by platform`,
    (v) => `有 ${v.count} 个平台使用报送编号 ${q(v.id)}，请按平台查询`,
  ),
  'http.no_scan': texts<{ id: string }>(
    (v) => `no scan ${v.id}`,
    (v) => `没有扫描任务 ${q(v.id)}`,
  ),
  'http.scan_version_missing': texts<{ version: string; id: string }>(
    (v) => `rule-set version ${v.version} of scan ${v.id} is not stored`,
    (v) => `扫描任务 ${q(v.id)} 所用的规则集版本 ${q(v.version)} 未保存`,
  ),
  'http.scan_async_all': texts<object>(
    () => 'an async scan judges current filings only; leave out "all" or scan synchronously',
    () => `异步扫描只判定现行的报送材料：请去掉 ${q('all')}，或改用同步扫描`,
  ),
  'http.scan_async_all_item': texts<object>(
    () => 'not with async',
    () => '不能用于异步扫描',
  ),
  'http.scan_not_done': texts<{ id: string; state: string }>(
    (v) => `scan ${v.id} is ${v.state}; its results are ready once it is done`,
    (v) => `扫描任务 ${q(v.id)} ${ZH_SCAN_STATES[v.state] ?? q(v.state)}，完成后才有结果`,
  ),
  'http.scan_cancel_own': texts<object>(
    () => 'an auditor may cancel only the scans it asked for',
    () => '审计人员只能取消自己发起的扫描任务',
  ),
  /** One bad field of a request, as the whole answer's detail: `pointer: what is wrong`. */
  'http.request_field': texts<{ pointer: string; problem: Message }>(
    (v, t) => `${v.pointer}: ${t(v.problem)}`,
    (v, t) => `${v.pointer}：${t(v.problem)}`,
  ),
  'http.request_body_problems': texts<{ n: number }>(
    (v) => `${v.n} problems with the request body`,
    (v) => `请求体有 ${v.n} 处问题`,
  ),
} as const;
