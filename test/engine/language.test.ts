// Reports written for the reader (DESIGN §6): every rule of the bundled pack, failed by its own test
// cases, in both languages — no raw float, camelCase name, true/false/null; zh without English words
// (but rule ids, codes and proper names) and without insurance words in rules about mutual aid.

import { describe, expect, it } from 'vitest';
import { historyRecord, Judge, type HistoryRecord } from '../../src/engine/index.js';
import { applySet } from '../../src/engine/rule-tests.js';
import type { Filing } from '../../src/filing/types.js';
import { REASON_CODES, type Finding } from '../../src/engine/report-model.js';
import type { Lang, Rule, RuleTestCase } from '../../src/rules/types.js';
import { bundledRuleSet } from '../support/rule-sets.js';
import { judgeReport } from '../../src/report/render.js';

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
    for (const m of plain.matchAll(/[A-Za-z]+/g)) if (!ZH_ALLOWED.test(m[0])) problems.push(`Latin word ${m[0]}`);
    // quoted terms are quotations (a forbidden term list, a source's words), not the rule's own usage
    const unquoted = plain.replace(/“[^”]*”|「[^」]*」|"[^"]*"/g, ' ');
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
