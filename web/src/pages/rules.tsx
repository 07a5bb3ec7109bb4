// The rules in force with citation, dates, parameters and tests (GET /v1/rules, /v1/parameters, /v1/waivers).

import { useEffect, useState } from 'preact/hooks';
import { call, type Answer } from '../api';
import { pick, type Key } from '../i18n';
import { nameOf, PlatformName, usePlatformNames } from '../names';
import { DataTable, type Column } from '../table';
import { ApiText, href, Id, Loading, ProblemView, useApp } from '../ui';

interface Rule {
  id: string;
  title: unknown;
  family: string;
  severity: string;
  mode: string;
  citation: { source: unknown; article?: unknown; url?: string; note?: unknown };
  effective: { from: string; until: string | null };
  tests: { name: string; expect: string }[];
}

/** The parameters a rule's conditions name (`{ param: name }` anywhere in them). */
function paramsOf(rule: unknown): string[] {
  const out = new Set<string>();
  const walk = (v: unknown, d: number): void => {
    if (d > 32 || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.forEach((x) => walk(x, d + 1));
    for (const [k, x] of Object.entries(v)) {
      if (k === 'param' && typeof x === 'string') out.add(x);
      else walk(x, d + 1);
    }
  };
  walk(rule, 0);
  return [...out].sort();
}

export function RulesPage() {
  const { t, lang, me } = useApp();
  const names = usePlatformNames();
  const [rules, setRules] = useState<Answer<{ version: string; label: number; rules: Rule[] }> | null>(null);
  const [params, setParams] = useState<Answer<{
    parameters: Record<string, { from: string; value: unknown }[]>;
  }> | null>(null);
  const [waivers, setWaivers] = useState<Answer<{
    waivers: {
      platform: string;
      rule: string;
      reason: string;
      reference: string;
      from: string;
      until: string;
    }[];
  }> | null>(null);
  useEffect(() => {
    void call('/v1/rules').then(setRules);
    void call('/v1/parameters').then(setParams);
    void call('/v1/waivers').then(setWaivers);
  }, []);
  // the page is drawn once its parts are in, so no rule shows without its parameters
  if (!rules || !params || !waivers) return <Loading />;
  if (!rules.ok) return <ProblemView answer={rules} />;
  const values = params?.ok ? params.json.parameters : {};
  type Waiver = NonNullable<typeof waivers>['json']['waivers'][number];
  const waiverColumns: Column<Waiver>[] = [
    {
      key: 'platform',
      label: t('platform'),
      rowHeader: true,
      value: (w) => nameOf(names, w.platform),
      render: (w) => (
        <a href={href('platforms', w.platform)}>
          <PlatformName names={names} id={w.platform} />
        </a>
      ),
    },
    { key: 'rule', label: t('rule'), value: (w) => w.rule, render: (w) => <Id>{w.rule}</Id> },
    { key: 'from', label: t('from'), value: (w) => w.from },
    { key: 'until', label: t('until'), value: (w) => w.until },
    {
      key: 'note',
      label: t('note'),
      value: (w) => `${w.reason} (${w.reference})`,
      render: (w) => (
        <ApiText>
          {w.reason} ({w.reference})
        </ApiText>
      ),
    },
  ];
  const show = (v: unknown) =>
    Array.isArray(v) ? v.join(', ') : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return (
    <div>
      <h1>{t('rulesTitle')}</h1>
      <p>
        {t('version')} {rules.json.label}: <code>{rules.json.version}</code>
      </p>
      {rules.json.rules.map((r) => {
        const used = paramsOf(r);
        const hid = `rule-${r.id}`;
        return (
          <article class="rule" key={r.id} aria-labelledby={hid}>
            <h2 id={hid}>
              <Id>{r.id}</Id> — <ApiText>{pick(r.title, lang)}</ApiText>
            </h2>
            <p>
              {t(`family_${r.family}` as Key)} · {t('severity')}: {t(`severity_${r.severity}` as Key)}
              {r.mode === 'audit' ? ` · ${t('status_advisory')}` : ''}
            </p>
            <p>
              <strong>{t('effective')}:</strong> {t('from')} {r.effective.from}
              {r.effective.until ? ` ${t('until')} ${r.effective.until}` : ''}
            </p>
            <p>
              <strong>{t('citation')}:</strong>{' '}
              <ApiText>
                {[pick(r.citation.source, lang), pick(r.citation.article, lang)]
                  .filter(Boolean)
                  .join(lang === 'zh' ? '，' : ', ')}
              </ApiText>
              {r.citation.url ? (
                <span class="url">
                  {' '}
                  (<Id>{r.citation.url}</Id>)
                </span>
              ) : null}
            </p>
            {r.citation.note ? (
              <p class="note">
                <ApiText>{pick(r.citation.note, lang)}</ApiText>
              </p>
            ) : null}
            {used.length > 0 && (
              <table>
                <caption>{t('parameters')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('parameters')}</th>
                    <th scope="col">{t('from')}</th>
                    <th scope="col">{t('value')}</th>
                  </tr>
                </thead>
                <tbody>
                  {used.flatMap((name) =>
                    (Object.hasOwn(values, name) ? values[name]! : []).map((v, i) => (
                      <tr key={`${name}-${i}`}>
                        <td>
                          <code>{name}</code>
                        </td>
                        <td>{v.from}</td>
                        <td>
                          <Id>{show(v.value)}</Id>
                        </td>
                      </tr>
                    )),
                  )}
                </tbody>
              </table>
            )}
            {r.tests.length > 0 && (
              <details>
                <summary>
                  {t('tests')} ({r.tests.length})
                </summary>
                <ul>
                  {r.tests.map((c, i) => (
                    <li key={i}>
                      <ApiText>{c.name}</ApiText> — {t('expect')} {t(`status_${c.expect}` as Key)}
                    </li>
                  ))}
                </ul>
              </details>
            )}
            {me.role !== 'officer' && (
              <a href={`${href('editor')}?rule=${encodeURIComponent(r.id)}`}>{`${t('edit')} ${r.id}`}</a>
            )}
          </article>
        );
      })}
      <h2 id="waivers-h">{t('waivers')}</h2>
      {waivers?.ok && (
        <DataTable
          name={t('waivers')}
          labelledBy="waivers-h"
          file="waivers"
          columns={waiverColumns}
          rows={waivers.json.waivers}
          rowKey={(w) => `${w.platform}/${w.rule}/${w.from}`}
          empty={t('none')}
        />
      )}
    </div>
  );
}
