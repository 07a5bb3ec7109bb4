// The words of what the application refuses (src/app: publishing, proposals, submissions, rectification
// orders) and of what the store refuses on submission, each filled with the ids and dates it is about.

import { q, texts } from './message.js';

/** A finding's status in Chinese (the report's words, DESIGN §6). */
const ZH_STATUS: Record<string, string> = {
  fail: '不合规',
  pass: '合规',
  'not-applicable': '不适用',
  advisory: '提示',
  waived: '已豁免',
  error: '无法判定',
  absent: '无此规则',
};

/** The application's messages, by key. */
export const APP_MESSAGES = {
  'app.no_rule': texts<{ id: string }>(
    (v) => `no rule ${v.id} in the rule set in force`,
    (v) => `现行规则集中没有规则 ${q(v.id)}`,
  ),
  'app.stale': texts<{ now: string }>(
    (v) => `the rule set changed while this change was being made: "${v.now}" is in force now`,
    (v) => `本次变更进行期间规则集已被更新：现行版本为 ${q(v.now)}`,
  ),
  'app.not_rule_id': texts<{ id: string }>(
    (v) => `${v.id} is not a rule id (like NAME-001)`,
    (v) => `${q(v.id)} 不是规则编号（应形如 ${q('NAME-001')}）`,
  ),
  'app.not_rule_id_item': texts<object>(
    () => 'not a rule id',
    () => '不是规则编号',
  ),
  'app.no_version': texts<{ version: string }>(
    (v) => `no published version ${v.version}`,
    (v) => `没有已发布的版本 ${q(v.version)}`,
  ),
  'app.no_version_item': texts<object>(
    () => 'not a published version (GET /v1/rules/versions lists them)',
    () => `不是已发布的版本（${q('GET /v1/rules/versions')} 列出全部版本）`,
  ),
  'app.version_not_found': texts<{ version: string }>(
    (v) => `no published rule-set version ${v.version} (GET /v1/rules/versions lists them)`,
    (v) => `没有已发布的规则集版本 ${q(v.version)}（${q('GET /v1/rules/versions')} 列出全部版本）`,
  ),
  'app.no_rule_to_remove': texts<{ id: string }>(
    (v) => `no rule ${v.id} to remove`,
    (v) => `没有可删除的规则 ${q(v.id)}`,
  ),
  /** `declared` as JSON (the YAML may declare a number or a list as its id). */
  'app.declared_id': texts<{ declared: string; id: string }>(
    (v) => `the YAML declares id ${v.declared}, not ${v.id}`,
    (v) => `该 YAML 声明的规则编号为 ${v.declared}，而非 ${q(v.id)}`,
  ),
  'app.filing_id_taken': texts<{ id: string }>(
    (v) => `filingId ${v.id} is taken by another document`,
    (v) => `报送编号 ${q(v.id)} 已被另一份材料使用`,
  ),
  'app.filing_id_taken_item': texts<object>(
    () => 'another document is stored under this id; a correction needs a new filingId and supersedes',
    () => '该编号下已保存另一份材料；更正须使用新的报送编号（/filingId），并在 /supersedes 中写明被更正的报送',
  ),
  'store.filing_id_taken': texts<{ id: string }>(
    (v) => `filingId ${v.id} is taken by another document; a correction needs a new filingId and supersedes: ${v.id}`,
    (v) => `报送编号 ${q(v.id)} 已被另一份材料使用；更正须使用新的报送编号（/filingId），并在 /supersedes 中填写 ${q(v.id)}`,
  ),
  'store.period_taken': texts<{ platform: string; period: string; current: string }>(
    (v) => `platform ${v.platform} already filed period ${v.period} as ${v.current}; name it in supersedes to correct it`,
    (v) => `平台 ${q(v.platform)} 已报送过报告期 ${v.period}（报送编号 ${q(v.current)}）；如需更正，请在 /supersedes 中写明该编号`,
  ),
  'store.supersedes_invalid': texts<{ platform: string; supersedes: string; superseded: boolean }>(
    (v) => `supersedes must name a current filing of platform ${v.platform}; ${v.supersedes} is ${v.superseded ? 'already superseded' : 'not one'}`,
    (v) => `/supersedes 须写明平台 ${q(v.platform)} 现行的报送材料；${q(v.supersedes)} ${v.superseded ? '已被更正' : '不是该平台现行的报送材料'}`,
  ),
  'store.bad_cursor': texts<object>(
    () => 'cursor is not one this service gave out',
    () => `${q('cursor')} 不是本服务给出的分页游标`,
  ),
  'order.request_problems': texts<{ n: number }>(
    (v) => `${v.n} problems with the request`,
    (v) => `请求有 ${v.n} 处问题`,
  ),
  'order.not_found': texts<{ id: string }>(
    (v) => `no order ${v.id}`,
    (v) => `没有整改通知 ${q(v.id)}`,
  ),
  'order.filing_not_found': texts<{ platform: string; filing: string }>(
    (v) => `platform ${v.platform} has no stored filing ${v.filing}`,
    (v) => `平台 ${q(v.platform)} 没有已保存的报送材料 ${q(v.filing)}`,
  ),
  'order.rule_not_failed': texts<{ filing: string; rule: string; status: string | null }>(
    (v) => `filing ${v.filing}'s finding for ${v.rule} is ${v.status ?? 'absent'}, not fail: there is nothing to rectify`,
    (v) => `报送材料 ${q(v.filing)} 关于规则 ${q(v.rule)} 的结果为${ZH_STATUS[v.status ?? 'absent'] ?? q(v.status)}，并非不合规：没有需要整改的事项`,
  ),
  'order.deadline_too_early': texts<{ deadline: string; end: string }>(
    (v) => `deadline ${v.deadline} must be after the filing's period.end ${v.end}`,
    (v) => `整改期限 ${v.deadline} 须晚于该报送材料的报告期截止日 ${v.end}`,
  ),
  'order.deadline_not_date': texts<{ deadline: string }>(
    (v) => `deadline ${v.deadline} is not a calendar date`,
    (v) => `整改期限 ${q(v.deadline)} 不是实际存在的日期`,
  ),
  'order.exists': texts<{ order: string; rule: string; filing: string }>(
    (v) => `order ${v.order} already follows ${v.rule} from filing ${v.filing}; close it before opening another`,
    (v) => `整改通知 ${q(v.order)} 已在跟进报送材料 ${q(v.filing)} 中的规则 ${q(v.rule)}：请先关闭该通知，再下发新的通知`,
  ),
  'order.closed': texts<{ id: string; on: string; by: string }>(
    (v) => `order ${v.id} was closed on ${v.on} by ${v.by}; closed is final`,
    (v) => `整改通知 ${q(v.id)} 已于 ${v.on} 由 ${q(v.by)} 关闭；关闭后不可再变更`,
  ),
  'order.state_invalid': texts<{ states: readonly string[]; value: string }>(
    (v) => `state must be one of ${v.states.join(', ')}, not ${v.value}`,
    (v) => `查询参数 ${q('state')} 须为 ${v.states.map(q).join('、')} 之一，而非 ${q(v.value)}`,
  ),
} as const;
