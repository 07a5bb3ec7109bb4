// The words for a rule set that cannot be built (src/rules/parse.ts, lint.ts, load.ts): sizes, lint checks and
// the operator checks, each filled with the ids, names and dates it is about.

import { q, texts, zhList, type Message } from './message.js';

/** A JavaScript `typeof` in Chinese (what a parameter's value is). */
const ZH_TYPEOF: Record<string, string> = { number: '数值', string: '字符串', boolean: '布尔值', object: '对象或列表' };
const zhTypeof = (t: string) => ZH_TYPEOF[t] ?? q(t);

/** The rule set messages, by key. */
export const RULE_MESSAGES = {
  'rules.file_too_large': texts<{ bytes: number; max: number }>(
    (v) => `the rule file is ${v.bytes} bytes, over the ${v.max}-byte limit`,
    (v) => `规则文件大小为 ${v.bytes} 字节，超过 ${v.max} 字节的上限`,
  ),
  'rules.too_many_conditions': texts<{ n: number; max: number }>(
    (v) => `the rule has ${v.n} conditions, over the limit of ${v.max}: split it into several rules`,
    (v) => `该规则有 ${v.n} 个条件，超过 ${v.max} 个的上限：请拆分为多条规则`,
  ),
  'rules.folder_not_found': texts<{ dir: string }>(
    (v) => `rule folder not found: ${v.dir}`,
    (v) => `找不到规则文件夹：${q(v.dir)}`,
  ),
  'rules.not_calendar_date': texts<{ value: string }>(
    (v) => `${v.value} is not a calendar date`,
    (v) => `${q(v.value)} 不是实际存在的日期`,
  ),
  'rules.parameter_two_values': texts<{ name: string; from: string }>(
    (v) => `parameter ${v.name} has two values from ${v.from}`,
    (v) => `参数 ${q(v.name)} 有两个自 ${q(v.from)} 起施行的值`,
  ),
  'rules.parameter_changes_type': texts<{ name: string; was: string; now: string }>(
    (v) => `parameter ${v.name} changes type (${v.was} → ${v.now})`,
    (v) => `参数 ${q(v.name)} 的值改变了类型（${zhTypeof(v.was)} → ${zhTypeof(v.now)}）`,
  ),
  'rules.duplicate_id': texts<{ id: string; prior: string }>(
    (v) => `duplicate rule id ${v.id} (also in ${v.prior})`,
    (v) => `规则编号 ${q(v.id)} 重复（另见 ${q(v.prior)}）`,
  ),
  'rules.until_before_from': texts<{ until: string; from: string }>(
    (v) => `effective.until ${v.until} is before effective.from ${v.from}`,
    (v) => `失效日 /effective/until ${q(v.until)} 早于生效日 /effective/from ${q(v.from)}`,
  ),
  'rules.unknown_fact': texts<{ fact: string; known: readonly string[] }>(
    (v) => `unknown fact ${v.fact} (known: ${v.known.join(', ')})`,
    (v) => `未知的事实 ${q(v.fact)}（可用的事实：${zhList(v.known.map(q))}）`,
  ),
  'rules.unknown_operator': texts<{ operator: string }>(
    (v) => `unknown operator ${v.operator}`,
    (v) => `未知的运算符 ${q(v.operator)}`,
  ),
  'rules.operator_value': texts<{ operator: string; problem: Message }>(
    (v, t) => `operator ${v.operator}: ${t(v.problem)}`,
    (v, t) => `运算符 ${q(v.operator)}：${t(v.problem)}`,
  ),
  'rules.decorator_needs_list': texts<{ decorator: string }>(
    (v) => `${v.decorator} needs a list as value`,
    (v) => `${q(v.decorator)} 需要以列表作为比较值`,
  ),
  'rules.needs_list': texts<object>(
    () => 'needs a list as value',
    () => '需要以列表作为比较值',
  ),
  'rules.list_from_fact': texts<object>(
    () => 'would take its list from the fact, which may not be one',
    () => '将从事实取列表，而事实的值未必是列表',
  ),
  'rules.operator_needs_value': texts<{ operator: string }>(
    (v) => `operator ${v.operator} needs a value`,
    (v) => `运算符 ${q(v.operator)} 需要比较值（${q('value')}）`,
  ),
  'rules.fact_as_value': texts<object>(
    () => 'a fact as value is not supported: compare with a literal or a { param: name }',
    () => `不支持以事实作为比较值：请与字面值或参数（${q('{ param: 参数名 }')}）比较`,
  ),
  'rules.unknown_parameter': texts<{ name: string }>(
    (v) => `unknown parameter ${v.name}`,
    (v) => `未知的参数 ${q(v.name)}`,
  ),
  'rules.parameter_not_in_force': texts<{ name: string; from: string }>(
    (v) => `parameter ${v.name} has no value in force on ${v.from}, when the rule takes effect`,
    (v) => `参数 ${q(v.name)} 在规则生效之日 ${q(v.from)} 没有已施行的值`,
  ),
  'rules.not_plain_path': texts<{ path: string }>(
    (v) => `path ${v.path} is not a plain path (use a.b[0].c; JSONPath expressions are not evaluated)`,
    (v) => `路径 ${q(v.path)} 不是简单路径（请写作 ${q('a.b[0].c')} 的形式；路径表达式不会被求值）`,
  ),
  'rules.params': texts<{ fact: string; field: string; problem: Message }>(
    (v, t) => `params of ${v.fact}: ${v.field ? `${v.field} ` : ''}${t(v.problem)}`,
    (v, t) => `事实 ${q(v.fact)} 的参数${v.field ? ` ${q(v.field)} ` : ''}${t(v.problem)}`,
  ),
  'rules.fact_needs_path': texts<{ fact: string }>(
    (v) => `fact ${v.fact} needs a path`,
    (v) => `事实 ${q(v.fact)} 需要路径（${q('path')}）`,
  ),
  'rules.path_not_in_filing': texts<{ path: string }>(
    (v) => `path ${v.path} names no field of a filing`,
    (v) => `路径 ${q(v.path)} 不是报送材料中的字段`,
  ),
  'rules.fact_has_no_field': texts<{ fact: string; field: string; fields: readonly string[] }>(
    (v) => `fact ${v.fact} has no field ${v.field} (fields: ${v.fields.join(', ')})`,
    (v) => `事实 ${q(v.fact)} 没有字段 ${q(v.field)}（可用的字段：${zhList(v.fields.map(q))}）`,
  ),
  'rules.unknown_placeholder': texts<{ name: string }>(
    (v) => `placeholder {{${v.name}}} is not a field of this rule's facts`,
    (v) => `占位符 ${q(`{{${v.name}}}`)} 不是本规则所用事实的字段`,
  ),
  'rules.test_filing_missing': texts<{ filing: string }>(
    (v) => `test filing ${v.filing} not found in the rule folder`,
    (v) => `规则文件夹中找不到测试用的报送材料 ${q(v.filing)}`,
  ),
  'rules.tests_need_base': texts<object>(
    () => 'tests need tests/base.yaml in the rule folder',
    () => `测试用例需要规则文件夹中的 ${q('tests/base.yaml')}`,
  ),
  'rules.waiver_unknown_rule': texts<{ rule: string }>(
    (v) => `waiver names unknown rule ${v.rule}`,
    (v) => `豁免所指的规则 ${q(v.rule)} 不存在`,
  ),
  'rules.waiver_until_before_from': texts<{ until: string; from: string }>(
    (v) => `until ${v.until} is before from ${v.from}`,
    (v) => `豁免截止日 ${q(v.until)} 早于起始日 ${q(v.from)}`,
  ),
} as const;
