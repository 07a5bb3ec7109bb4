// The words for a filing that cannot be read or breaks a check a schema cannot express (src/filing/*.ts).

import { q, texts, type Message } from './message.js';

/**
 * Chinese for V8's JSON.parse message (tidied or not): the kind of fault in our words; where it is, the
 * problem's line and column say. An unknown wording is a plain syntax error, never V8's English.
 */
export function zhJsonFault(detail: string): string {
  const token = /^Unexpected token '?(.*?)'?(,|$)/.exec(detail);
  if (token) return `此处出现了意外的字符 ${q(token[1])}`;
  const rules: [RegExp, string][] = [
    [/^Unexpected end of JSON input/, '内容提前结束（括号或引号未闭合？）'],
    [/^Expected property name or '\}'/, `此处应为用双引号括起的键名或 ${q('}')}`],
    [/^Expected double-quoted property name/, '键名必须用双引号括起（最后一项之后不能有逗号）'],
    [/^Expected ':' after property name/, `键名之后应为 ${q(':')}`],
    [/^Expected ',' or '\}' after property value/, `键值之后应为 ${q(',')} 或 ${q('}')}`],
    [/^Expected ',' or '\]' after array element/, `数组元素之后应为 ${q(',')} 或 ${q(']')}`],
    [/^Unterminated string/, '字符串缺少结尾的双引号'],
    [/^Bad control character in string literal/, '字符串中有未转义的控制字符'],
    [/^Bad (escaped character|Unicode escape)/, '字符串中有无效的转义序列'],
    [/^Unexpected non-whitespace character after JSON/, '完整的 JSON 值之后还有多余的内容'],
    [/^(No number after minus sign|Exponent part is missing a number|Unterminated fractional number|Unexpected number)/, '数字的写法无效'],
    [/^Unexpected string/, '此处不应出现字符串'],
  ];
  for (const [re, zh] of rules) if (re.test(detail)) return zh;
  return '语法错误';
}

/** The filing messages, by key. */
export const FILING_MESSAGES = {
  'filing.empty': texts<object>(
    () => 'the document is empty: a filing is one JSON or YAML document',
    () => '文档为空：一份报送材料应是一个 JSON 或 YAML 文档',
  ),
  'filing.not_json': texts<{ detail: string }>(
    (v) => `not valid JSON: ${v.detail}`,
    (v) => `不是有效的 JSON：${zhJsonFault(v.detail)}`,
  ),
  'filing.json_duplicate_key': texts<{ pointer: string }>(
    (v) => `not valid JSON: duplicate key at ${v.pointer}`,
    (v) => `不是有效的 JSON：${v.pointer} 处的键重复`,
  ),
  'filing.not_yaml': texts<{ problem: Message }>(
    (v, t) => `not valid YAML: ${t(v.problem)}`,
    (v, t) => `不是有效的 YAML：${t(v.problem)}`,
  ),
  'filing.too_precise': texts<{ literal: string; digits: number; max: number }>(
    (v) => `${v.literal} has ${v.digits} significant digits, more than the ${v.max} a number can be compared with exactly: round it to at most ${v.max} (money to the fen)`,
    (v) => `${v.literal} 有 ${v.digits} 位有效数字，超过了可以精确比较的 ${v.max} 位：请舍入到不超过 ${v.max} 位（金额精确到分）`,
  ),
  'filing.supersedes_cycle': texts<{ platformId: string; chain: string }>(
    (v) => `a correction loop on platform ${v.platformId}: ${v.chain.split(' ').join(' supersedes ')}; a correction names the filing it corrects, which cannot correct it back`,
    (v) => `平台 ${v.platformId} 的更正链形成循环：${v.chain.split(' ').join(' 更正 ')}；更正报送应写明其更正的报送，而被更正的报送不能反过来更正它`,
  ),
  'filing.uscc_check_digit': texts<object>(
    () => 'check digit does not match (GB 32100-2015)',
    () => '校验码不符（GB 32100-2015）',
  ),
  'filing.uscc_shape': texts<object>(
    () => 'must be a unified social credit code: 18 characters, digits or capital letters other than I, O, S, V and Z, with digits in places 3 to 8',
    () => '必须是统一社会信用代码：共 18 位，由数字或除 I、O、S、V、Z 以外的大写字母组成，第 3 至 8 位为数字',
  ),
  'filing.unknown_field_v2': texts<object>(
    () => 'unknown field (new in schema 2)',
    () => '未知字段（第 2 版报送格式新增的字段）',
  ),
  'filing.not_calendar_date': texts<{ value: string }>(
    (v) => `${v.value} is not a calendar date`,
    (v) => `${v.value} 不是实际存在的日期`,
  ),
  /** `field` must not be after `other` (English by dotted names, Chinese by pointers). */
  'filing.not_after': texts<{ field: string; other: string; at: string; otherAt: string; from: string; to: string }>(
    (v) => `${v.field} must not be after ${v.other}: ${v.from} is after ${v.to}`,
    (v) => `${v.at} 不得晚于 ${v.otherAt}：${v.from} 晚于 ${v.to}`,
  ),
  'filing.not_before': texts<{ field: string; other: string; at: string; otherAt: string; from: string; to: string }>(
    (v) => `${v.field} must not be before ${v.other}: ${v.to} is before ${v.from}`,
    (v) => `${v.at} 不得早于 ${v.otherAt}：${v.to} 早于 ${v.from}`,
  ),
  'filing.age_range': texts<{ min: string; max: string }>(
    () => 'ageRange.min must not be above ageRange.max',
    (v) => `年龄下限 ${v.min} 不得高于年龄上限 ${v.max}`,
  ),
  'filing.borne_exceeds': texts<{ borne: string; amount: string; amountAt: string }>(
    (v) => `must not exceed amountToShareCny (${v.borne} is more than ${v.amount})`,
    (v) => `平台承担金额不得超过分摊总额 ${v.amountAt}（${v.borne} 大于 ${v.amount}）`,
  ),
  'filing.schema_retired': texts<{ retiredFrom: string; end: string }>(
    (v) => `schema 1 is retired for periods ending on or after ${v.retiredFrom} (this period ends ${v.end}): file it as schemaVersion 2`,
    (v) => `报告期截止日在 ${v.retiredFrom} 及以后的报送已停用第 1 版报送格式（本报告期截止于 ${v.end}）：请按第 2 版格式报送，并将 /schemaVersion 填为 2`,
  ),
} as const;
