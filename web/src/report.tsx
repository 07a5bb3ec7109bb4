// A report as the officer and the supervisor read it: verdict, findings by status and severity, pointed fields, basis, remediation, downloads.

import { useState } from 'preact/hooks';
import { readableValue } from '../../src/report/readable.js';
import { download } from './api';
import { pick, SEVERITIES, type Key } from './i18n';
import { DataTable, type Column } from './table';
import { ApiText, Id, readableField, useApp, Verdict } from './ui';

export interface Finding {
  ruleId: string;
  status: 'fail' | 'pass' | 'not-applicable' | 'advisory' | 'waived' | 'error';
  severity: (typeof SEVERITIES)[number];
  family: string;
  title: string;
  message?: string;
  remediation?: string;
  evidence?: Record<string, unknown>;
  citation: { source: unknown; article?: unknown; url?: string; note?: unknown };
  reason?: string;
  waiver?: { reason: string; reference: string; until: string };
  error?: { message: string };
}

export interface Report {
  filingId: string;
  platformId: string;
  asOf: string;
  lang: string;
  ruleset: { version: string; rules: number };
  /** DESIGN §5.1: null without history. */
  history?: { filings: number; from: string; through: string } | null;
  verdict: 'pass' | 'fail' | 'error';
  summary: {
    failed: number;
    passed: number;
    notApplicable: number;
    advisory: number;
    waived: number;
    error: number;
    bySeverity: Record<string, number>;
  };
  findings: Finding[];
}

/** Each JSON pointer named in evidence (`pointer` fields at any depth), once. */
export function pointersOf(evidence: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown, depth: number): void => {
    if (depth > 16 || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.forEach((x) => walk(x, depth + 1));
    for (const [k, x] of Object.entries(v)) {
      if (k === 'pointer' && typeof x === 'string') {
        if (!out.includes(x)) out.push(x);
      } else walk(x, depth + 1);
    }
  };
  walk(evidence, 0);
  return out;
}

/** The value at a JSON pointer (own properties only). */
export function valueAt(doc: unknown, pointer: string): unknown {
  let v: unknown = doc;
  if (pointer === '') return v;
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(v)) v = v[Number(seg)];
    else if (v !== null && typeof v === 'object' && Object.hasOwn(v, seg))
      v = (v as Record<string, unknown>)[seg];
    else return undefined;
  }
  return v;
}

const ORDER = ['fail', 'error', 'advisory', 'waived'] as const;

/** Where the report can be downloaded from: each returns the text of the report in that format. */
export interface Downloads {
  json(): Promise<string>;
  sarif(): Promise<string>;
  html(): Promise<string>;
}

function FindingCard({
  f,
  filing,
  onOpenOrder,
}: {
  f: Finding;
  filing?: unknown;
  onOpenOrder?: (f: Finding) => void;
}) {
  const { t, lang } = useApp();
  const pointers = pointersOf(f.evidence);
  const basis = [pick(f.citation.source, lang), pick(f.citation.article, lang)]
    .filter(Boolean)
    .join(lang === 'zh' ? '，' : ', ');
  const hid = `f-${f.ruleId}`;
  // an info finding is a note (提示), never drawn red as a failure
  const look = f.status === 'fail' && f.severity === 'info' ? 'info' : f.status;
  return (
    <article class={`finding st-${look}`} aria-labelledby={hid}>
      <h4 id={hid}>
        <Id>{f.ruleId}</Id> — <ApiText>{f.title}</ApiText>
      </h4>
      <p class="tags">
        <span class={`status s-${look}`}>
          {look === 'info' ? t('severity_info') : t(`status_${f.status}` as Key)}
        </span>
        {look !== 'info' && (
          <>
            {' '}
            · {t('severity')}: {t(`severity_${f.severity}` as Key)}
          </>
        )}{' '}
        · {t(`family_${f.family}` as Key)}
      </p>
      {f.message && (
        <p class="message">
          <ApiText>{f.message}</ApiText>
        </p>
      )}
      {f.error && (
        <p class="message">
          <ApiText>{f.error.message}</ApiText>
        </p>
      )}
      {pointers.length > 0 && (
        <table class="pointed">
          <caption>{t('whereInFiling')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('field')}</th>
              {filing !== undefined && <th scope="col">{t('value')}</th>}
            </tr>
          </thead>
          <tbody>
            {pointers.slice(0, 50).map((p) => (
              <tr key={p}>
                <td>
                  {readableField(p, lang) ?? ''} <code>{p || '/'}</code>
                </td>
                {filing !== undefined && (
                  <td>
                    <Id>{readableValue(p, valueAt(filing, p), lang)}</Id>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {f.evidence && (
        <details>
          <summary>{t('evidence')}</summary>
          <pre>{JSON.stringify(f.evidence, null, 2)}</pre>
        </details>
      )}
      <p>
        <strong>{t('citation')}:</strong> <ApiText>{basis}</ApiText>
        {f.citation.url ? (
          <span class="url">
            {' '}
            (<Id>{f.citation.url}</Id>)
          </span>
        ) : null}
      </p>
      {f.citation.note ? (
        <p class="note">
          <ApiText>{pick(f.citation.note, lang)}</ApiText>
        </p>
      ) : null}
      {f.remediation && (
        <p>
          <strong>{t('remediation')}:</strong> <ApiText>{f.remediation}</ApiText>
        </p>
      )}
      {f.waiver && (
        <p>
          <strong>
            {t('waivedUntil')} {f.waiver.until}:
          </strong>{' '}
          <ApiText>
            {f.waiver.reason} ({f.waiver.reference})
          </ApiText>
        </p>
      )}
      {onOpenOrder && f.status === 'fail' && (
        <button type="button" onClick={() => onOpenOrder(f)}>
          {t('openOrder')} ({f.ruleId})
        </button>
      )}
    </article>
  );
}

/** The report, every heading and label in the page's language (the report's own text is in the language it was asked for). */
export function ReportView({
  report,
  filing,
  downloads,
  onOpenOrder,
  platformName,
  onlyFamily,
}: {
  report: Report;
  filing?: unknown;
  downloads?: Downloads;
  onOpenOrder?: (f: Finding) => void;
  /** The platform's name (else the filing's own, else its id). */
  platformName?: string;
  /** Only this family's failing findings (a cell of the overview's grid). */
  onlyFamily?: string;
}) {
  const { t } = useApp();
  const [busy, setBusy] = useState(false);
  const name =
    platformName ??
    ((filing as { platform?: { name?: unknown } } | undefined)?.platform?.name as string | undefined) ??
    report.platformId;
  const shown = report.findings
    .filter((f) => (ORDER as readonly string[]).includes(f.status))
    .filter((f) => !onlyFamily || (f.family === onlyFamily && f.status === 'fail'))
    .sort(
      (a, b) =>
        ORDER.indexOf(a.status as (typeof ORDER)[number]) -
          ORDER.indexOf(b.status as (typeof ORDER)[number]) ||
        SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
        (a.ruleId < b.ruleId ? -1 : 1),
    );
  const rest = report.findings.filter((f) => !(ORDER as readonly string[]).includes(f.status));
  const passingColumns: Column<Finding>[] = [
    {
      key: 'rule',
      label: t('rule'),
      rowHeader: true,
      value: (f) => f.ruleId,
      render: (f) => <Id>{f.ruleId}</Id>,
    },
    { key: 'status', label: t('status'), value: (f) => t(`status_${f.status}` as Key) },
    {
      key: 'title',
      label: t('message'),
      value: (f) => `${f.title}${f.reason ? ` (${f.reason})` : ''}`,
      render: (f) => (
        <ApiText>
          {f.title}
          {f.reason ? ` (${f.reason})` : ''}
        </ApiText>
      ),
    },
  ];
  const s = report.summary;
  const save = async (kind: keyof Downloads) => {
    if (!downloads) return;
    setBusy(true);
    try {
      const body = await downloads[kind]();
      const ext = kind === 'sarif' ? 'sarif' : kind;
      download(
        `${report.filingId}.${ext}`,
        kind === 'html' ? 'text/html' : kind === 'sarif' ? 'application/sarif+json' : 'application/json',
        body,
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="report" aria-labelledby="report-h">
      <h2 id="report-h">
        {t('report')}: <Id>{report.filingId}</Id> <Verdict verdict={report.verdict} />
      </h2>
      <dl class="meta">
        <dt>{t('verdict')}</dt>
        <dd>{t(`verdict_${report.verdict}` as Key)}</dd>
        <dt>{t('platform')}</dt>
        <dd>{name}</dd>
        <dt>{t('asOf')}</dt>
        <dd>{report.asOf}</dd>
        <dt>{t('ruleset')}</dt>
        <dd>
          <code>{report.ruleset.version.slice(0, 19)}…</code>
        </dd>
        {report.history && (
          <>
            <dt>{t('history')}</dt>
            <dd>
              {t('historyText')
                .replaceAll('{n}', String(report.history.filings))
                .replaceAll('{from}', report.history.from)
                .replaceAll('{through}', report.history.through)}
            </dd>
          </>
        )}
      </dl>
      <table class="summary">
        <caption>{t('findings')}</caption>
        <thead>
          <tr>
            {(['fail', 'error', 'advisory', 'waived', 'pass', 'not-applicable'] as const).map((st) => (
              <th scope="col" key={st}>
                {t(`status_${st}` as Key)}
              </th>
            ))}
            {SEVERITIES.map((sv) => (
              <th scope="col" key={sv}>
                {t('status_fail')} · {t(`severity_${sv}` as Key)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            {[s.failed, s.error, s.advisory, s.waived, s.passed, s.notApplicable].map((n, i) => (
              <td key={i}>{n}</td>
            ))}
            {SEVERITIES.map((sv) => (
              <td key={sv}>{s.bySeverity[sv] ?? 0}</td>
            ))}
          </tr>
        </tbody>
      </table>
      {downloads && (
        <div role="group" aria-label={t('download')} class="downloads">
          <button type="button" disabled={busy} onClick={() => save('json')}>
            {t('downloadJson')}
          </button>
          <button type="button" disabled={busy} onClick={() => save('sarif')}>
            {t('downloadSarif')}
          </button>
          <button type="button" disabled={busy} onClick={() => save('html')}>
            {t('downloadHtml')}
          </button>
        </div>
      )}
      <h3>{t('findings')}</h3>
      {shown.map((f) => (
        <FindingCard key={f.ruleId} f={f} filing={filing} onOpenOrder={onOpenOrder} />
      ))}
      {!onlyFamily && (
        <>
          <h3 id="passing-h">{t('passingRules')}</h3>
          <DataTable
            name={t('passingRules')}
            labelledBy="passing-h"
            file={`${report.filingId}-passing`}
            columns={passingColumns}
            rows={rest}
            rowKey={(f) => f.ruleId}
          />
        </>
      )}
    </section>
  );
}
