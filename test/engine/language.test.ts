// Reports written for the reader (DESIGN §6): every rule of the bundled pack, failed by its own test
// cases, in both languages — no raw float, camelCase name, true/false/null; zh without English words
// (but rule ids, codes, proper names and quotations) and without insurance words in rules about mutual aid.
// Then the style the third edition asks for (DESIGN §5, §6, issue 17): titles that state the rule,
// messages that give the figure and the limit and say which case applies, citations that claim no more
// than domain/facts.md, and one word per thing in every format and in the console.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { historyRecord, Judge, type HistoryRecord } from '../../src/engine/index.js';
import { applySet } from '../../src/engine/rule-tests.js';
import type { Filing } from '../../src/filing/types.js';
import { REASON_CODES, type Finding } from '../../src/engine/report-model.js';
import type { Lang, Rule, RuleTestCase } from '../../src/rules/types.js';
import { bundledRuleSet } from '../support/rule-sets.js';
import { judgeReport } from '../../src/report/render.js';
import { formatReports } from '../../src/report/index.js';
import { formatHtml } from '../../src/report/html.js';
import { formatExplain } from '../../src/report/explain.js';
import { formatScanSummary } from '../../src/report/scan-table.js';
import { fieldName } from '../../src/report/glossary.js';
import { formatNumber, formatPercent } from '../../src/report/message.js';
import { isParamRef } from '../../src/rules/types.js';
import { forEachLeaf } from '../../src/rules/walk.js';
import { fixtureFiling } from '../support/fixtures.js';
import { goldenJudge } from '../support/golden-rules.js';
import { REPO_ROOT } from '../support/filing-factory.js';

const ruleSet = bundledRuleSet();
const judge = new Judge(ruleSet);
const base = ruleSet.fixtures['tests/base.yaml'];

/** A case's filing and history, as `compliance rules test` builds them. */
function caseInput(tc: RuleTestCase): { filing: Filing; history: HistoryRecord[] } {
  const start = tc.filing !== undefined ? ruleSet.fixtures[tc.filing] : base;
  const filing = applySet(start, tc.set ?? {}) as Filing;
  const history = (tc.history ?? []).map((h) =>
    historyRecord((h.filing !== undefined ? ruleSet.fixtures[h.filing] : applySet(base, h.set ?? {})) as Filing),
  );
  return { filing, history };
}

/** Identifiers a filing itself gives (filing ids, product ids, licence and registration numbers, USCCs): codes, not words. */
function identifiers(filing: Filing, history: readonly HistoryRecord[]): string[] {
  const out = new Set<string>([filing.filingId, filing.platform.id, ...history.map((h) => h.filingId)]);
  const walk = (v: unknown, key: string) => {
    if (typeof v === 'string' && /^(id|number|uscc|holderUscc|underwriterUscc|filingId|supersedes)$/.test(key)) out.add(v);
    else if (Array.isArray(v)) v.forEach((x) => walk(x, key));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  walk(filing, '');
  return [...out].filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
}

/** Proper names and codes a Chinese report may write in Latin letters. */
const ZH_ALLOWED = /^(CBIRC|CIRC|P2P|GB|UTC|ID)$/;
const RULE_ID = /\b[A-Z]{2,8}-\d{3}\b/g;
const URL = /https?:\/\/\S+/g;

/** What a reader reads in a finding: title, message, remediation, reason and the citation's texts. */
function readable(f: Finding): [string, string][] {
  const out: [string, string][] = [['title', f.title]];
  if (f.message !== undefined) out.push(['message', f.message]);
  if (f.remediation !== undefined) out.push(['remediation', f.remediation]);
  if (f.reason !== undefined) out.push(['reason', f.reason]);
  out.push(['citation.source', f.citation.source]);
  if (f.citation.article !== undefined) out.push(['citation.article', f.citation.article]);
  if (f.citation.note !== undefined) out.push(['citation.note', f.citation.note]);
  return out;
}

/** Every problem a reader would see in one text. */
export function languageProblems(text: string, lang: Lang, codes: readonly string[] = []): string[] {
  const problems: string[] = [];
  let plain = text.replace(URL, ' ');
  for (const c of codes) plain = plain.split(c).join(' ');
  plain = plain.replace(RULE_ID, ' ');
  // a percentage just beyond its limit shows the places it needs (8.0000005 %), at most ten; nothing else shows five
  const float = /\d+\.\d{11,}|\d+\.\d{5,}(?!\d*\s?%)|\d(?:\.\d+)?e[+-]?\d+/i.exec(plain);
  if (float) problems.push(`raw number ${float[0]}`);
  const camel = /(?<![A-Za-z])[a-z]+(?:[A-Z][a-z0-9]*)+(?![A-Za-z])/.exec(plain);
  if (camel) problems.push(`camelCase name ${camel[0]}`);
  const word = /(?<![A-Za-z])(true|false|null|undefined|NaN)(?![A-Za-z])/.exec(plain);
  if (word) problems.push(`programmer's word ${word[0]}`);
  if (lang === 'zh') {
    // quoted terms are quotations (a forbidden term list, a source's words, a filing's own names), not the rule's own usage
    const unquoted = plain.replace(/“[^”]*”|「[^」]*」|"[^"]*"/g, ' ');
    for (const m of unquoted.matchAll(/[A-Za-z]+/g)) if (!ZH_ALLOWED.test(m[0])) problems.push(`Latin word ${m[0]}`);
    const insurance = /理赔|保障|保费/.exec(unquoted);
    if (insurance) problems.push(`insurance word ${insurance[0]} in a rule about mutual aid`);
  }
  return problems;
}

function casesOf(rule: Rule, expect: RuleTestCase['expect']): RuleTestCase[] {
  return rule.tests.filter((t) => t.expect === expect);
}

describe('languageProblems (the checker itself)', () => {
  it.each<[string, Lang, string]>([
    ['ratio 0.21739130434782608', 'en', 'raw number'],
    ['tiny 1e-7', 'en', 'raw number'],
    ['field managementFeeCny is wrong', 'en', 'camelCase'],
    ['segregated: false', 'en', "programmer's word"],
    ['存管银行：null', 'zh', "programmer's word"],
    ['收费模式：pre-collection', 'zh', 'Latin word'],
    ['停止运营后的理赔申请期', 'zh', 'insurance word'],
    ['rate 8.000000000000002 %', 'en', 'raw number'],
  ])('%j (%s) is refused: %s', (text, lang, kind) => {
    expect(languageProblems(text, lang).join('; ')).toContain(kind);
  });
  it.each<[string, Lang]>([
    ['费率12%，上限8%', 'zh'],
    ['规则 LIC-001，中国银保监会（CBIRC）', 'zh'],
    ['名称不得含“保障”字样', 'zh'],
    ['18,766.33 yuan (1.88 %)', 'en'],
    ['费率8.0000005%，超过上限8%', 'zh'],
    ['名称“互助Bao险计划”使用了“bao险”字样', 'zh'],
  ])('%j (%s) is accepted', (text, lang) => {
    expect(languageProblems(text, lang)).toEqual([]);
  });
});

describe('every rule of the bundled pack, failed by its own cases, reads well in both languages', () => {
  it('covers every rule with at least one failing case', () => {
    const without = ruleSet.rules.filter((r) => casesOf(r, 'fail').length === 0).map((r) => r.id);
    expect(without).toEqual([]);
  });

  for (const rule of ruleSet.rules) {
    for (const lang of ['en', 'zh'] as const) {
      it(`${rule.id} (${lang})`, () => {
        const seen: string[] = [];
        for (const tc of [...casesOf(rule, 'fail'), ...casesOf(rule, 'not-applicable')]) {
          const { filing, history } = caseInput(tc);
          const report = judgeReport(judge, filing, { lang, history });
          const finding = report.findings.find((f) => f.ruleId === rule.id)!;
          expect(finding.status, `${rule.id} ${tc.name}`).toBe(tc.expect);
          if (tc.expect === 'fail') {
            expect(finding.message, tc.name).toBeDefined();
            expect(finding.citation.note ?? 'no note', tc.name).not.toBe('');
          } else {
            expect(finding.reasonCode, tc.name).toMatch(/^[a-z_]+$/);
          }
          const codes = identifiers(filing, history);
          for (const [field, text] of readable(finding)) {
            expect(languageProblems(text, lang, codes), `${rule.id} ${tc.name} ${field}: ${text}`).toEqual([]);
            seen.push(text);
          }
        }
        expect(seen.length).toBeGreaterThan(0);
      });
    }
  }

  it('the not-applicable cases of the pack give every reason code, each with its words in both languages', () => {
    const seen = new Map<string, Set<string>>();
    for (const rule of ruleSet.rules) {
      for (const tc of casesOf(rule, 'not-applicable')) {
        const { filing, history } = caseInput(tc);
        for (const lang of ['en', 'zh'] as const) {
          const f = judgeReport(judge, filing, { lang, history }).findings.find((x) => x.ruleId === rule.id)!;
          const words = seen.get(f.reasonCode!) ?? new Set<string>();
          words.add(f.reason!);
          seen.set(f.reasonCode!, words);
        }
      }
    }
    expect([...seen.keys()].sort()).toEqual([...REASON_CODES].sort());
    for (const [code, words] of seen) expect(words.size, code).toBe(2);
    expect([...seen.get('not_in_schema')!]).toContain('本报送的版本无此字段');
  });

  it('the two languages differ in every text a reader reads (nothing left untranslated)', () => {
    for (const rule of ruleSet.rules) {
      const [tc] = casesOf(rule, 'fail');
      const { filing, history } = caseInput(tc!);
      const en = judgeReport(judge, filing, { lang: 'en', history }).findings.find((f) => f.ruleId === rule.id)!;
      const zh = judgeReport(judge, filing, { lang: 'zh', history }).findings.find((f) => f.ruleId === rule.id)!;
      const enTexts = readable(en);
      const zhTexts = new Map(readable(zh));
      for (const [field, text] of enTexts) expect(zhTexts.get(field), `${rule.id} ${field}`).not.toBe(text);
    }
  });
});

// ---------------------------------------------------------------------------------------------------
// The third edition's style (DESIGN §5 and §6 "Written for the reader", issue 17)

/** The instruments of domain/facts.md: a zh text names them inside 《》. */
const INSTRUMENTS = [
  '中华人民共和国保险法',
  '关于开展以网络互助计划形式非法从事保险业务专项整治工作的通知',
  '互联网保险风险专项整治工作实施方案',
  '关于加强相互保险组织信息披露有关事项的通知',
  '网络借贷资金存管业务指引',
  '网络借贷信息中介机构业务活动管理暂行办法',
  '非法商业保险活动分析及对策建议研究',
  '互联网保险业务监管办法',
];

/**
 * What the third edition's style refuses in one text a reader reads (`field` as `readable` names it).
 * Each check is one of issue 17's passages, as the cases below show.
 */
export function styleProblems(text: string, lang: Lang, field: string): string[] {
  const problems: string[] = [];
  if (lang === 'zh') {
    // a figure and its limit, never "only": 公告期0天，少于规定的30天, not 仅0天
    if (/仅剩?\d|仅剩/.test(text)) problems.push('仅 before a figure: state the figure and the limit it broke');
    if (/略(高|低)于/.test(text)) problems.push('略高于 / 略低于: give the figure itself');
    if (/判定日期/.test(text)) problems.push('判定日期: period.end is 报告期截止日');
    if (/分摊总额/.test(text)) problems.push('分摊总额: say 待分摊金额 or 会员实际分摊金额');
    if (/事前预(收|存)/.test(text) && /事后分摊/.test(text) && field === 'message') problems.push('contradiction: 事前预收 and 事后分摊 in one message');
    if (/过短或未|或未(说明|公告|载明)/.test(text)) problems.push('two cases at once: say which applies');
    for (const name of INSTRUMENTS) {
      for (let i = text.indexOf(name); i !== -1; i = text.indexOf(name, i + 1)) {
        if (text[i - 1] !== '《') problems.push(`instrument ${name} not in 《》`);
      }
    }
  } else {
    if (/\bjust (over|under)\b/i.test(text)) problems.push('just over / under: give the figure itself');
    if (/\bonly \d/.test(text)) problems.push('only before a figure: state the figure and the limit it broke');
    if (/too short or not stated|\bor not stated\b/i.test(text)) problems.push('two cases at once: say which applies');
  }
  if (field === 'title') {
    // a title states the rule (活跃会员不得低于参考下限), never an observation (…难以稳健分摊)
    const rule = lang === 'zh' ? /应|不得|须/ : /\b(must|may|shall)\b/;
    if (!rule.test(text)) problems.push('title states no rule (应 / 不得 / must)');
  }
  if (field === 'citation.note' && /法院|\bcourts?\b/.test(text)) problems.push('a court: no source speaks of one');
  return problems;
}

describe('styleProblems (issue 17: each passage the third edition rewrote)', () => {
  it.each<[string, Lang, string, string]>([
    ['会员人数过少的互助计划难以稳健分摊', 'zh', 'title', 'title states no rule'],
    ['A plan with too few members cannot share costs soundly', 'en', 'title', 'title states no rule'],
    ['会员快速流失是“死亡螺旋”的预警信号', 'zh', 'title', 'title states no rule'],
    ['停止运营公告距生效日仅0天', 'zh', 'message', '仅 before a figure'],
    ['运营方的牌照有效期至2021-07-15届满，距2021-06-30仅剩15天', 'zh', 'message', '仅 before a figure'],
    ['The shutdown was announced only 0 days before it takes effect', 'en', 'message', 'only before a figure'],
    ['产品“大病互助计划”的管理费率为略高于8%，超过上限8%', 'zh', 'message', '略高于'],
    ['fee just over 8 % > 8 %', 'en', 'message', 'just over'],
    ['事前预收会员资金（收费模式：事后分摊，预收余额：0.01元）', 'zh', 'message', 'contradiction'],
    ['停止运营后的互助金申请期过短或未说明（公告的申请期天数：无）', 'zh', 'message', 'two cases at once'],
    ['The claims window after the shutdown is too short or not stated', 'en', 'message', 'two cases at once'],
    ['报告期截至2021-06-30，判定日期2021-06-30', 'zh', 'message', '判定日期'],
    ['人均分摊金额乘以参与分摊人数应与会员分摊总额相符', 'zh', 'title', '分摊总额'],
    ['也从未有规范性文件或法院认定事后分摊属于保险业务', 'zh', 'citation.note', 'a court'],
    ['no instrument or court ever ruled that post-event sharing is insurance business', 'en', 'citation.note', 'a court'],
    ['中华人民共和国保险法（2009年10月1日起施行的修订本）', 'zh', 'citation.source', 'not in 《》'],
    ['根据2017年网络借贷资金存管业务指引（可信度高至中）', 'zh', 'citation.note', 'not in 《》'],
  ])('%j (%s, %s) is refused: %s', (text, lang, field, kind) => {
    expect(styleProblems(text, lang, field).join('; ')).toContain(kind);
  });

  it.each<[string, Lang, string]>([
    ['活跃会员不得低于参考下限', 'zh', 'title'],
    ['Active members must not fall below the reference floor', 'en', 'title'],
    ['停止运营于2021-06-25公告、2021-06-25生效，公告期0天，少于规定的30天', 'zh', 'message'],
    ['产品“大病互助计划”的管理费率为8.0000005%，超过上限8%', 'zh', 'message'],
    ['停止运营方案未公告互助金申请期', 'zh', 'message'],
    ['停止运营后的互助金申请期7天，短于规定的180天', 'zh', 'message'],
    ['收费模式为事后分摊，但持有预收会员资金0.01元，超过上限0.00元', 'zh', 'message'],
    ['会员资金事前预收：收费模式为事前预存，预收余额0.00元', 'zh', 'message'],
    ['《中华人民共和国保险法》第六条', 'zh', 'citation.article'],
  ])('%j (%s, %s) is accepted', (text, lang, field) => {
    expect(styleProblems(text, lang, field)).toEqual([]);
  });
});

describe('every rule of the bundled pack in the third edition\'s style', () => {
  for (const rule of ruleSet.rules) {
    for (const lang of ['en', 'zh'] as const) {
      it(`${rule.id} (${lang}): titles, messages and citations`, () => {
        const cases = [...casesOf(rule, 'fail'), ...casesOf(rule, 'not-applicable')];
        for (const tc of cases) {
          const { filing, history } = caseInput(tc);
          const finding = judgeReport(judge, filing, { lang, history }).findings.find((f) => f.ruleId === rule.id)!;
          for (const [field, text] of readable(finding)) {
            expect(styleProblems(text, lang, field), `${rule.id} ${tc.name} ${field}: ${text}`).toEqual([]);
          }
        }
      });
    }

    // a message states the limit it broke: each scalar parameter of the rule shows, formatted, in the
    // message of at least one of its failing cases (费率8.0000005%，超过上限8%); a window or the ramp-up,
    // which choose the filings compared, is no limit a filing breaks
    const params = new Set<string>();
    const collect = (v: unknown) => {
      if (isParamRef(v)) params.add(v.param);
      else if (v && typeof v === 'object') Object.values(v).forEach(collect);
    };
    forEachLeaf(rule.when, (c) => collect(c), '/when');
    for (const name of params) {
      const values = ruleSet.parameters[name]!;
      const value = values[values.length - 1]!.value;
      if (typeof value !== 'number' || /WindowDays$|^rampUpDays$/.test(name)) continue;
      it(`${rule.id}: a failing message states the limit ${name} (${value})`, () => {
        const shown = [formatNumber(value), formatPercent(value, 'zh'), formatPercent(value, 'en'), value.toFixed(2)];
        const messages = casesOf(rule, 'fail').map((tc) => {
          const { filing, history } = caseInput(tc);
          return judgeReport(judge, filing, { lang: 'zh', history }).findings.find((f) => f.ruleId === rule.id)!.message!;
        });
        expect(messages.some((m) => shown.some((v) => m.includes(v))), messages.join('\n')).toBe(true);
      });
    }
  }

  it('EXIT-002 rests on 相互宝\'s practice: what 水滴互助 offered is not known (DESIGN §5)', () => {
    const rule = ruleSet.rules.find((r) => r.id === 'EXIT-002')!;
    for (const lang of ['en', 'zh'] as const) {
      expect(rule.citation.source[lang]).toContain('相互宝');
      expect(rule.citation.source[lang]).not.toContain('水滴');
    }
    expect(rule.citation.note!.zh).toMatch(/未说明水滴互助/);
  });

  it('PROD-001 asks for the product documents to be kept for inspection (no registration regime was adopted)', () => {
    const rule = ruleSet.rules.find((r) => r.id === 'PROD-001')!;
    expect(rule.remediation.zh).toContain('留存备查');
    expect(rule.remediation.en).toMatch(/on file for the supervisor's inspection/);
  });

  it('FUND-002 says which of its two cases applies, and never contradicts itself', () => {
    const fund = (set: Record<string, unknown>) =>
      judgeReport(judge, applySet(base, set) as Filing, { lang: 'zh' }).findings.find((f) => f.ruleId === 'FUND-002')!.message!;
    expect(fund({ '/funds/preCollectedBalanceCny': 0.01 })).toBe('收费模式为事后分摊，但持有预收会员资金0.01元，超过上限0.00元');
    expect(fund({ '/funds/collectionModel': 'pre-collection' })).toBe('会员资金事前预收：收费模式为事前预存，预收余额0.00元');
  });

  it('EXIT-003 says which case applies: 未公告申请期 / 申请期7天，短于规定的180天', () => {
    const exit = (claimsWindowDays?: number) =>
      judgeReport(judge, applySet(base, { '/shutdown': { announcedAt: '2021-06-20', effectiveAt: '2021-07-21', transitionCover: true, outstandingClaimsPlan: true, ...(claimsWindowDays === undefined ? {} : { claimsWindowDays }) } }) as Filing, { lang: 'zh' })
        .findings.find((f) => f.ruleId === 'EXIT-003')!.message!;
    expect(exit()).toBe('停止运营方案未公告互助金申请期');
    expect(exit(7)).toBe('停止运营后的互助金申请期7天，短于规定的180天');
  });

  it('EXIT-001 states the notice and the limit: 公告期0天，少于规定的30天', () => {
    const f = applySet(base, { '/shutdown': { announcedAt: '2021-06-25', effectiveAt: '2021-06-25', transitionCover: true, outstandingClaimsPlan: true, claimsWindowDays: 180 } }) as Filing;
    expect(judgeReport(judge, f, { lang: 'zh' }).findings.find((x) => x.ruleId === 'EXIT-001')!.message).toBe(
      '停止运营于2021-06-25公告、2021-06-25生效，公告期0天，少于规定的30天',
    );
  });

  it('a fee just over the cap shows its figure: 费率8.0000005%，超过上限8%', () => {
    const f = applySet(base, { '/products/0/managementFeeRate': 0.080000005 }) as Filing;
    expect(judgeReport(judge, f, { lang: 'zh' }).findings.find((x) => x.ruleId === 'PROD-002')!.message).toBe(
      '产品“大病互助计划”的管理费率为8.0000005%，超过上限8%',
    );
  });
});

describe('one word per thing in every format and in the console (DESIGN §6)', () => {
  const golden = goldenJudge();
  const filings = [fixtureFiling('xhb-2021-12b.yaml'), fixtureFiling('golden-mixed.yaml')];
  const reports = filings.map((f) => judgeReport(golden, f, { lang: 'zh' }));
  const table = formatReports(reports, 'table', { verbose: true });
  const html = formatHtml(reports.map((report, i) => ({ report, filing: filings[i] })), 'zh');
  const explain = formatExplain(reports);
  const scan = formatScanSummary(
    { ruleset: 'sha256:0', filings: 2, invalid: 0, verdicts: { pass: 1, fail: 1, error: 0 }, byPlatform: { p: { filings: 2, pass: 1, fail: 1, error: 0 } }, byRule: {} },
    'zh',
  );
  const i18n = readFileSync(new globalThis.URL('web/src/i18n.ts', REPO_ROOT), 'utf8');
  const zhConsole = new Map(
    [...i18n.slice(i18n.indexOf('const zh')).matchAll(/^\s+'?([\w-]+)'?: '([^']*)',$/gm)].map((m) => [m[1]!, m[2]!]),
  );

  it.each([
    ['the table', () => table],
    ['the HTML report', () => html],
    ['the explanation', () => explain],
    ['the scan summary', () => scan],
  ] as const)('%s: severities 严重/重大/一般/提示, verdict 通过/不通过, period.end 报告期截止日', (_name, out) => {
    const text = out();
    expect(text).not.toMatch(/重要|参考|判定日期|分摊总额/);
    expect(text).not.toMatch(/：合规\s|：不合规\s|结论[^\n]*不?合规/);
  });

  it('the table: the verdict is 通过 / 不通过, the advisory status 观察（审计模式）, 提示 the info severity only', () => {
    expect(table).toMatch(/报告期截止日2021-12-15：不通过/);
    expect(table).toMatch(/观察（审计模式）/);
    expect(table).toMatch(/重大/);
    for (const line of table.split('\n').filter((l) => /^[A-Z]+-\d{3}\s/.test(l))) {
      const [, status, severity] = line.split(/\s{2,}/);
      expect(['合规', '不合规', '不适用', '观察（审计模式）', '已豁免', '无法判定'], line).toContain(status);
      expect(['严重', '重大', '一般', '提示'], line).toContain(severity);
    }
  });

  it('the HTML report: 报告期截止日, 通过 / 不通过 for the verdict, 观察（审计模式） for the advisory status', () => {
    expect(html).toContain('报告期截止日');
    expect(html).toMatch(/不通过/);
    expect(html).toContain('观察（审计模式）');
  });

  it('the scan summary counts verdicts as 通过 / 不通过', () => {
    expect(scan).toMatch(/通过1份，不通过1份/);
  });

  it('the console says what the reports say', () => {
    expect(Object.fromEntries([...zhConsole].filter(([k]) => /^(verdict_|status_|severity_|asOf$)/.test(k)))).toEqual({
      verdict_pass: '通过',
      verdict_fail: '不通过',
      verdict_error: '无法判定',
      asOf: '报告期截止日',
      status_fail: '不合规',
      status_error: '无法判定',
      status_advisory: '观察（审计模式）',
      status_waived: '已豁免',
      status_pass: '合规',
      'status_not-applicable': '不适用',
      severity_critical: '严重',
      severity_major: '重大',
      severity_minor: '一般',
      severity_info: '提示',
    });
    expect([...zhConsole.values()].filter((v) => /重要|判定日期|分摊总额/.test(v))).toEqual([]);
  });

  it('the glossary: 待分摊金额 and 会员实际分摊金额 for the two amounts', () => {
    expect(fieldName('amountToShareCny', 'zh')).toBe('待分摊金额');
    expect(fieldName('expectedCny', 'zh')).toBe('会员实际分摊金额');
  });
});
