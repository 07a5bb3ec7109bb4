// The overview (DESIGN §12 revision 3): the watchlist first (GET /v1/watchlist, supervisor and auditor), the key
// figures (GET /v1/platforms, GET /v1/orders?state=overdue), every platform with its latest verdict, and the grid of
// platforms × rule families coloured by the most severe failure in each cell, each cell opening those findings.

import { useEffect, useState } from 'preact/hooks';
import { call, type Answer } from '../api';
import { changeOf, figure } from '../format';
import { FAMILIES, SEVERITIES, type Key } from '../i18n';
import { DataTable, type Column } from '../table';
import { href, Id, Loading, ProblemView, severityShade, useApp, Verdict } from '../ui';

interface PlatformItem {
  platformId: string;
  name: string;
  filings: number;
  latest: {
    filingId: string;
    period: { start: string; end: string };
    verdict: 'pass' | 'fail' | 'error';
    bySeverity: Record<string, number> | null;
    failedByFamily: Record<string, number>;
    /** The most severe failure of each family (absent from an older service: then by count alone). */
    worstByFamily?: Record<string, string>;
  };
  openOrders: number;
}

export interface WatchEntry {
  platformId: string;
  name: string;
  level: number;
  rules: string[];
  filingId: string;
  asOf: string;
  trend: {
    membersActive: [number | null, number | null];
    meanPerMemberShareCny: [number | null, number | null];
  };
}

/** A trend as people read it: reference → now, and the change (or only now without a reference). */
function Trend({ pair }: { pair: [number | null, number | null] }) {
  const [a, b] = pair;
  const change = changeOf(a, b);
  if (a === null) return <>{figure(b)}</>;
  return (
    <>
      {figure(a)} → {figure(b)}
      {change ? <span class={`change ${change.startsWith('−') ? 'down' : 'up'}`}> ({change})</span> : null}
    </>
  );
}

const trendCsv = ([a, b]: [number | null, number | null]) => {
  const change = changeOf(a, b);
  return a === null ? (b === null ? '' : String(b)) : `${a} → ${b ?? ''}${change ? ` (${change})` : ''}`;
};
const ratio = ([a, b]: [number | null, number | null]) =>
  a === null || b === null || a === 0 ? null : (b - a) / a;

function Watchlist({ entries }: { entries: WatchEntry[] }) {
  const { t } = useApp();
  const columns: Column<WatchEntry>[] = [
    {
      key: 'platform',
      label: t('platform'),
      rowHeader: true,
      value: (w) => w.name,
      render: (w) => <a href={href('platforms', w.platformId)}>{w.name}</a>,
    },
    { key: 'level', label: t('watchLevel'), numeric: true, value: (w) => w.level },
    {
      key: 'rules',
      label: t('watchRules'),
      value: (w) => w.rules.join(' '),
      render: (w) => (
        <a href={href('platforms', w.platformId, 'filings', w.filingId)}>
          <Id>{w.rules.join(', ')}</Id>
        </a>
      ),
    },
    {
      key: 'members',
      label: t('watchMembers'),
      value: (w) => ratio(w.trend.membersActive),
      csv: (w) => trendCsv(w.trend.membersActive),
      render: (w) => <Trend pair={w.trend.membersActive} />,
    },
    {
      key: 'share',
      label: t('watchShare'),
      value: (w) => ratio(w.trend.meanPerMemberShareCny),
      csv: (w) => trendCsv(w.trend.meanPerMemberShareCny),
      render: (w) => <Trend pair={w.trend.meanPerMemberShareCny} />,
    },
    {
      key: 'asOf',
      label: t('asOf'),
      value: (w) => w.asOf,
      render: (w) => (
        <a href={href('platforms', w.platformId, 'filings', w.filingId)} aria-label={`${w.name} ${w.asOf}`}>
          {w.asOf}
        </a>
      ),
    },
  ];
  return (
    <section aria-labelledby="watch-h">
      <h2 id="watch-h">{t('watchlist')}</h2>
      <p class="note">{t('watchlistHelp')}</p>
      <DataTable
        name={t('watchlist')}
        labelledBy="watch-h"
        file="watchlist"
        columns={columns}
        rows={entries}
        rowKey={(w) => w.platformId}
        rowClass={(w) => (w.level >= 2 ? 'watch-high' : undefined)}
        empty={t('watchlistEmpty')}
      />
    </section>
  );
}

function KeyFigures({ platforms, overdue }: { platforms: PlatformItem[]; overdue: number | null }) {
  const { t } = useApp();
  const failing = platforms.filter((p) => p.latest.verdict === 'fail').length;
  const critical = platforms.reduce((n, p) => n + (p.latest.bySeverity?.critical ?? 0), 0);
  return (
    <section aria-labelledby="figures-h">
      <h2 id="figures-h">{t('keyFigures')}</h2>
      <ul class="figures">
        <li class={failing > 0 ? 'bad' : 'good'}>
          <span class="big">{failing}</span>{' '}
          <span>{t('figFailing').replaceAll('{m}', String(platforms.length))}</span>
        </li>
        <li class={critical > 0 ? 'bad' : 'good'}>
          <span class="big">{critical}</span> <span>{t('figCritical')}</span>
        </li>
        <li class={overdue ? 'bad' : 'good'}>
          <span class="big">{overdue ?? '—'}</span>{' '}
          <a href={`${href('orders')}?state=overdue`}>{t('figOverdue')}</a>
        </li>
      </ul>
    </section>
  );
}

export function PlatformsPage() {
  const { t, me } = useApp();
  const watcher = me.role !== 'officer';
  const [answer, setAnswer] = useState<Answer<{ platforms: PlatformItem[] }> | null>(null);
  const [watch, setWatch] = useState<Answer<WatchEntry[]> | null>(null);
  const [overdue, setOverdue] = useState<number | null>(null);
  useEffect(() => {
    void call('/v1/platforms').then(setAnswer);
    if (watcher) void call<WatchEntry[]>('/v1/watchlist').then(setWatch);
    void call('/v1/orders?state=overdue').then((r) => r.ok && setOverdue((r.json.orders ?? []).length));
  }, []);
  if (!answer) return <Loading />;
  if (!answer.ok) return <ProblemView answer={answer} />;
  const platforms = answer.json.platforms;

  const columns: Column<PlatformItem>[] = [
    {
      key: 'platform',
      label: t('platform'),
      rowHeader: true,
      value: (p) => p.name,
      render: (p) => <a href={href('platforms', p.platformId)}>{p.name}</a>,
    },
    {
      key: 'filing',
      label: t('latestFiling'),
      value: (p) => p.latest.filingId,
      render: (p) => (
        <a href={href('platforms', p.platformId, 'filings', p.latest.filingId)}>
          <Id>{p.latest.filingId}</Id>
        </a>
      ),
    },
    {
      key: 'period',
      label: t('period'),
      value: (p) => `${p.latest.period.start} – ${p.latest.period.end}`,
    },
    {
      key: 'verdict',
      label: t('verdict'),
      value: (p) => t(`verdict_${p.latest.verdict}` as Key),
      render: (p) => <Verdict verdict={p.latest.verdict} />,
    },
    ...SEVERITIES.filter((s) => s !== 'info').map((s): Column<PlatformItem> => ({
      key: `sev-${s}`,
      label: `${t('status_fail')} · ${t(`severity_${s}` as Key)}`,
      numeric: true,
      value: (p) => p.latest.bySeverity?.[s] ?? 0,
    })),
    { key: 'filings', label: t('filings'), numeric: true, value: (p) => p.filings },
    { key: 'orders', label: t('openOrders'), numeric: true, value: (p) => p.openOrders },
  ];

  const rank = (s: string | undefined) =>
    s ? SEVERITIES.length - (SEVERITIES as readonly string[]).indexOf(s) : 0;
  const worst = (p: PlatformItem, f: string): string | undefined =>
    (p.latest.failedByFamily[f] ?? 0) > 0 ? (p.latest.worstByFamily?.[f] ?? 'major') : undefined;
  const grid: Column<PlatformItem>[] = [
    {
      key: 'platform',
      label: t('platform'),
      rowHeader: true,
      value: (p) => p.name,
      render: (p) => <a href={href('platforms', p.platformId)}>{p.name}</a>,
    },
    ...FAMILIES.map((f): Column<PlatformItem> => ({
      key: f,
      label: t(`family_${f}` as Key),
      // sorts by the most severe failure, then by how many
      value: (p) => rank(worst(p, f)) * 1000 + (p.latest.failedByFamily[f] ?? 0),
      csv: (p) => {
        const n = p.latest.failedByFamily[f] ?? 0;
        const w = worst(p, f);
        return n > 0 && w ? `${n} (${t(`severity_${w}` as Key)})` : '0';
      },
      cell: (p) => ({
        'data-family': f,
        'data-severity': worst(p, f) ?? 'none',
        class: severityShade(worst(p, f), p.latest.failedByFamily[f] ?? 0),
      }),
      render: (p) => {
        const n = p.latest.failedByFamily[f] ?? 0;
        const w = worst(p, f);
        if (n === 0 || !w) return <span>0</span>;
        return (
          <a
            href={`${href('platforms', p.platformId, 'filings', p.latest.filingId)}?family=${f}`}
            aria-label={t('gridCell')
              .replaceAll('{platform}', p.name)
              .replaceAll('{family}', t(`family_${f}` as Key))
              .replaceAll('{n}', String(n))
              .replaceAll('{severity}', t(`severity_${w}` as Key))}
          >
            {n} {t(`severity_${w}` as Key)}
          </a>
        );
      },
    })),
  ];

  return (
    <div>
      <h1>{watcher ? t('overviewTitle') : t('platformsTitle')}</h1>
      {watcher &&
        (!watch ? (
          <Loading />
        ) : watch.ok ? (
          <Watchlist entries={watch.json} />
        ) : (
          <ProblemView answer={watch} />
        ))}
      {platforms.length > 0 && <KeyFigures platforms={platforms} overdue={overdue} />}
      {platforms.length === 0 && <p>{t('noPlatforms')}</p>}
      {platforms.length > 0 && (
        <>
          <section aria-labelledby="platforms-h">
            <h2 id="platforms-h">{t('platformsTitle')}</h2>
            <DataTable
              name={t('platformsTitle')}
              labelledBy="platforms-h"
              file="platforms"
              columns={columns}
              rows={platforms}
              rowKey={(p) => p.platformId}
            />
          </section>
          <section aria-labelledby="grid-h">
            <h2 id="grid-h">{t('failuresGrid')}</h2>
            <p class="note">{t('gridLegend')}</p>
            <ul class="legend" aria-label={t('legend')}>
              {SEVERITIES.map((s) => (
                <li key={s}>
                  <span class={`swatch sev-${s}`} aria-hidden="true" /> {t(`severity_${s}` as Key)}
                </li>
              ))}
              <li>
                <span class="swatch c0" aria-hidden="true" /> {t('gridNone')}
              </li>
            </ul>
            <DataTable
              name={t('failuresGrid')}
              labelledBy="grid-h"
              file="failures-by-family"
              tableClass="grid"
              columns={grid}
              rows={platforms}
              rowKey={(p) => p.platformId}
            />
          </section>
        </>
      )}
    </div>
  );
}
