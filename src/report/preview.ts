// `compliance rules preview` as text in --lang: first what the proposal changes in the rules and
// parameters (with the day each value takes effect), then which verdicts and findings change, per platform.

import { parameterName } from './glossary.js';
import type { FilingChange, PreviewResult } from '../engine/preview.js';
import type { Lang } from '../rules/types.js';
import { columns } from './table.js';
import type { Status, Verdict } from '../engine/report-model.js';

const STATUS: Record<Lang, Record<Status | 'absent', string>> = {
  en: { fail: 'fail', pass: 'pass', 'not-applicable': 'n/a', advisory: 'advisory', waived: 'waived', error: 'error', absent: 'absent' },
  zh: { fail: '不合规', pass: '合规', 'not-applicable': '不适用', advisory: '观察（审计模式）', waived: '已豁免', error: '无法判定', absent: '无此规则' },
};
const VERDICT: Record<Lang, Record<Verdict, string>> = {
  en: { fail: 'FAIL', pass: 'PASS', error: 'ERROR' },
  zh: { fail: '不通过', pass: '通过', error: '无法判定' },
};

const W = {
  en: {
    head: (p: PreviewResult) => `Proposed rule set ${p.proposed} against the current ${p.current}`,
    rulesChanged: 'What changes in the rules:',
    added: 'rules added',
    changed: 'rules changed',
    removed: 'rules removed',
    none: 'none',
    noRuleChange: 'no rule and no parameter changes',
    param: (name: string, label: string | undefined) => `parameter ${name}${label ? ` (${label})` : ''}`,
    added1: (v: string, from: string, was?: string) => `${v} from ${from}${was === undefined ? ' (new)' : ` (was ${was})`}`,
    changed1: (v: string, from: string, was?: string) => `${v} from ${from} (was ${was ?? 'none'})`,
    removed1: (from: string, was?: string) => `the value from ${from} removed (was ${was ?? 'none'})`,
    totals: (p: PreviewResult) => `${n(p.filings)} filings judged with both: ${n(p.verdictChanges)} change verdict, ${n(p.changes.length)} change findings`,
    platform: (id: string, c: FilingChange[], v: number) =>
      `Platform ${id}: ${n(c.length)} ${c.length === 1 ? 'filing changes' : 'filings change'}, ${n(v)} in verdict`,
    header: ['FILING', 'AS OF', 'VERDICT', 'FINDINGS'],
    byRule: 'Per rule:',
    ruleHeader: ['RULE', 'APPEARED', 'DISAPPEARED', 'CHANGED'],
    list: ', ',
    sep: ': ',
  },
  zh: {
    head: (p: PreviewResult) => `拟议规则集 ${p.proposed} 与现行规则集 ${p.current} 比较`,
    rulesChanged: '规则变更：',
    added: '新增规则',
    changed: '修改规则',
    removed: '删除规则',
    none: '无',
    noRuleChange: '规则和参数均无变更',
    param: (name: string, label: string | undefined) => `参数 ${name}${label ? `（${label}）` : ''}`,
    added1: (v: string, from: string, was?: string) => `自${from}起为${v}${was === undefined ? '（新增）' : `（原为${was}）`}`,
    changed1: (v: string, from: string, was?: string) => `自${from}起改为${v}（原为${was ?? '无'}）`,
    removed1: (from: string, was?: string) => `删除自${from}起施行的值（原为${was ?? '无'}）`,
    totals: (p: PreviewResult) => `两套规则共判定${n(p.filings)}份报送：${n(p.verdictChanges)}份结论改变，${n(p.changes.length)}份结果改变`,
    platform: (id: string, c: FilingChange[], v: number) => `平台 ${id}：${n(c.length)}份报送结果改变，其中${n(v)}份结论改变`,
    header: ['报送', '报告期截止日', '结论', '规则结果'],
    byRule: '按规则：',
    ruleHeader: ['规则', '新出现', '已消失', '有变化'],
    list: '、',
    sep: '：',
  },
} as const;

function n(x: number): string {
  return x.toLocaleString('en-US');
}

function value(v: unknown): string {
  return v === undefined ? '' : JSON.stringify(v);
}

/** The preview as text: the rule-set changes, the totals, then per platform the filings that change, then per rule. */
export function formatPreview(p: PreviewResult, lang: Lang = 'en'): string {
  const w = W[lang];
  const out: string[] = [w.head(p), ''];
  const rs = p.ruleSet;
  if (rs) {
    const any = rs.rules.added.length + rs.rules.changed.length + rs.rules.removed.length + rs.parameters.length > 0;
    if (!any) out.push(w.noRuleChange);
    else {
      out.push(w.rulesChanged);
      const ids = (xs: string[]) => (xs.length > 0 ? xs.join(w.list) : w.none);
      out.push(`  ${w.added}${w.sep}${ids(rs.rules.added)}`, `  ${w.changed}${w.sep}${ids(rs.rules.changed)}`, `  ${w.removed}${w.sep}${ids(rs.rules.removed)}`);
      for (const prm of rs.parameters) {
        const label = parameterName(prm.name, lang);
        for (const v of prm.values) {
          const was = v.was === undefined ? undefined : value(v.was);
          const text =
            v.kind === 'removed' ? w.removed1(v.from, was) : v.kind === 'changed' ? w.changed1(value(v.value), v.from, was) : w.added1(value(v.value), v.from, was);
          out.push(`  ${w.param(prm.name, label)}${w.sep}${text}`);
        }
      }
    }
    out.push('');
  }
  out.push(w.totals(p));
  const byPlatform = new Map<string, FilingChange[]>();
  for (const c of p.changes) {
    const list = byPlatform.get(c.platformId) ?? [];
    list.push(c);
    byPlatform.set(c.platformId, list);
  }
  for (const id of [...byPlatform.keys()].sort()) {
    const list = byPlatform.get(id)!;
    const verdicts = list.filter((c) => c.verdict.from !== c.verdict.to).length;
    out.push('', w.platform(id, list, verdicts));
    out.push(
      columns(
        [...w.header],
        list.map((c) => [
          c.filingId,
          c.asOf,
          c.verdict.from === c.verdict.to ? VERDICT[lang][c.verdict.to] : `${VERDICT[lang][c.verdict.from]} → ${VERDICT[lang][c.verdict.to]}`,
          c.findings.map((f) => `${f.ruleId} ${STATUS[lang][f.from]} → ${STATUS[lang][f.to]}`).join(lang === 'zh' ? '；' : '; '),
        ]),
      ),
    );
  }
  if (Object.keys(p.byRule).length > 0) {
    out.push('', w.byRule, columns([...w.ruleHeader], Object.entries(p.byRule).map(([id, r]) => [id, n(r.appeared), n(r.disappeared), n(r.changed)])));
  }
  return out.join('\n') + '\n';
}
