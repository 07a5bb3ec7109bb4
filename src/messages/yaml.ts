// The words for YAML that cannot be read (src/yaml.ts): the bounds, what filings and rules refuse, and the
// `yaml` library's own faults by their error code (its English stays the English text).

import { q, texts } from './message.js';

/** The `yaml` library's faults in Chinese, by its error code (yaml's `ErrorCode`). */
const ZH_BY_CODE: Record<string, string> = {
  ALIAS_PROPS: '别名不能带有锚点或标签',
  BAD_ALIAS: '别名或锚点的名称无效',
  BAD_COLLECTION_TYPE: '标签与集合的类型不符',
  BAD_DIRECTIVE: '指令无效',
  BAD_DQ_ESCAPE: '双引号字符串中有无效的转义序列',
  BAD_INDENT: '缩进不正确',
  BAD_PROP_ORDER: '锚点和标签须写在指示符之后',
  BAD_SCALAR_START: '普通值不能以此字符开头：请给该值加上引号',
  BLOCK_AS_IMPLICIT_KEY: '块结构不能用作隐式键',
  BLOCK_IN_FLOW: '方括号或花括号中不能使用块结构',
  DUPLICATE_KEY: '键重复',
  IMPOSSIBLE: '此处的内容无法解析',
  KEY_OVER_1024_CHARS: '隐式键超过 1024 个字符',
  MISSING_CHAR: '此处缺少必要的字符',
  MULTILINE_IMPLICIT_KEY: '隐式键须写在同一行内（键后是否缺少冒号？）',
  MULTIPLE_DOCS: '含有不止一个 YAML 文档',
  MULTIPLE_ANCHORS: '一个节点最多只能有一个锚点',
  MULTIPLE_TAGS: '一个节点最多只能有一个标签',
  NON_STRING_KEY: '键必须是字符串',
  RESOURCE_EXHAUSTION: '文本过于复杂，超出可以读取的限度',
  TAB_AS_INDENT: '不允许用制表符缩进，请改用空格',
  TAG_RESOLVE_FAILED: '无法识别的标签',
  UNEXPECTED_TOKEN: '此处出现了意外的内容',
};

/** Finer words for some of the library's messages under one code (MISSING_CHAR covers many faults). */
const ZH_BY_TEXT: [RegExp, string][] = [
  [/^Missing closing .?quote/, '引号未闭合'],
  [/^Implicit map keys need to be followed by map values/, `键之后缺少 ${q(':')} 和值`],
  [/^Missing , or : between/, `条目之间缺少 ${q(',')} 或 ${q(':')}`],
  [/^Missing , between/, `条目之间缺少 ${q(',')}`],
  [/^Missing space after :/, `${q(':')} 之后缺少空格`],
  [/^Sequence item without - indicator/, `序列条目缺少 ${q('-')}`],
  [/^Comments must be separated from other tokens by white space/, `注释的 ${q('#')} 之前须有空格`],
  [/^Tags and anchors must be separated/, '标签和锚点之后须有空格'],
  [/^All sequence items must start at the same column/, '同一序列的条目须从同一列开始'],
  [/^Flow (sequence|mapping) in block collection must be sufficiently indented and end with a/, `方括号或花括号的内容缩进不足，或缺少结尾的 ${q(']')} 或 ${q('}')}`],
  [/^Flow end indicator should be more indented than parent/, `结尾的 ${q(']')} 或 ${q('}')} 应比上一层缩进更多`],
  [/^Block scalar/, '多行文本块的缩进不正确'],
  [/^Unexpected doc-end without preceding document/, `${q('...')} 之前没有文档`],
  [/^Missing newline after block sequence props/, '锚点或标签之后须换行'],
  [/^Unexpected , in/, `此处不应出现 ${q(',')}`],
  [/^Unexpected empty item in/, '此处有空条目'],
];

/** The library's fault in Chinese: by its message where we know it finer, else by its code, else a syntax error. */
export function zhYamlFault(code: string, detail: string): string {
  for (const [re, zh] of ZH_BY_TEXT) if (re.test(detail)) return zh;
  return Object.hasOwn(ZH_BY_CODE, code) ? ZH_BY_CODE[code]! : 'YAML 语法错误';
}

const n = (x: number) => String(x).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** What a too-complex text is called: YAML text, or the YAML of a request body. */
export type YamlSubject = 'the YAML' | "the body's YAML";
const ZH_SUBJECT: Record<YamlSubject, string> = { 'the YAML': 'YAML 文本', "the body's YAML": '请求体中的 YAML' };

/** The YAML messages, by key. */
export const YAML_MESSAGES = {
  'yaml.too_complex': texts<{ subject: YamlSubject; over: 'aliases' | 'nodes'; limit: number; line: number }>(
    (v) => `${v.subject} has more than ${n(v.limit)} ${v.over === 'aliases' ? 'aliases (*name)' : 'nodes (keys, values and entries)'}, which is the limit; the count passes it on line ${n(v.line)}`,
    (v) => `${ZH_SUBJECT[v.subject] ?? 'YAML 文本'}的${v.over === 'aliases' ? '别名（*名称）' : '节点（键、值和条目）'}超过 ${n(v.limit)} 个的上限，在第 ${n(v.line)} 行超出`,
  ),
  'yaml.too_deep': texts<{ max: number }>(
    (v) => `nested deeper than ${v.max} levels`,
    (v) => `嵌套超过 ${v.max} 层`,
  ),
  'yaml.multiple_docs': texts<object>(
    () => 'more than one YAML document (a second --- line): give one document per file or body',
    () => `含有不止一个 YAML 文档（出现了第二个 ${q('---')} 行）：每个文件或请求体只能有一个文档`,
  ),
  /** The `yaml` library's own fault: its first line in English, our words by its code in Chinese. */
  'yaml.library': texts<{ code: string; detail: string }>(
    (v) => v.detail,
    (v) => zhYamlFault(v.code, v.detail),
  ),
  'yaml.not_yaml': texts<{ detail: string }>(
    (v) => `not YAML: ${v.detail}`,
    () => '无法作为 YAML 读取',
  ),
  'yaml.alias': texts<object>(
    () => 'aliases are not allowed',
    () => '不允许使用别名（*名称）',
  ),
  'yaml.anchor': texts<object>(
    () => 'anchors are not allowed',
    () => '不允许使用锚点（&名称）',
  ),
  'yaml.collection_key': texts<object>(
    () => 'a key must be a plain value, not a map or sequence',
    () => '键必须是普通的值，不能是映射或序列',
  ),
  'yaml.duplicate_key': texts<{ key: string }>(
    (v) => `duplicate key ${JSON.stringify(v.key)}`,
    (v) => `键 ${q(v.key)} 重复`,
  ),
} as const;
