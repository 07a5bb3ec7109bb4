// One platform: its filings page by page (GET /v1/platforms/:p/filings), its orders (GET /v1/orders?platform=), charts over its filings.

import { useEffect, useRef, useState } from 'preact/hooks';
import { call, qs, type Answer } from '../api';
import { changeOf, figure } from '../format';
import { SEVERITIES, type Key } from '../i18n';
import { PlatformName, usePlatformNames } from '../names';
import { DataTable, type Column } from '../table';
import { href, Id, Loading, ProblemView, Time, useApp, Verdict } from '../ui';
import { OrdersTable, type Order } from './orders';

export interface FilingItem {
  filingId: string;
  period: { start: string; end: string };
  submittedAt: string;
  verdict: 'pass' | 'fail' | 'error';
  bySeverity: Record<string, number> | null;
  membersActive: number | null;
  meanPerMemberShareCny: number | null;
  superseded: boolean;
}

function Charts({ items }: { items: FilingItem[] }) {
  const { t, lang } = useApp();
  const membersCanvas = useRef<HTMLCanvasElement>(null);
  const share = useRef<HTMLCanvasElement>(null);
  const failures = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    let destroy: (() => void) | null = null;
    let cancelled = false;
    // Chart.js is its own chunk, loaded only by this page
    void import('../charts').then((m) => {
      if (cancelled || !membersCanvas.current || !share.current || !failures.current) return;
      destroy = m.drawPlatformCharts(
        { members: membersCanvas.current, share: share.current, failures: failures.current },
        [...items].filter((i) => !i.superseded).reverse(),
        {
          members: t('members'),
          share: t('meanShare'),
          severities: SEVERITIES.map((s) => t(`severity_${s}` as Key)),
        },
      );
    });
    return () => {
      cancelled = true;
      destroy?.();
    };
  }, [items, lang]);
  const shown = [...items].filter((i) => !i.superseded).reverse();
  const span = (pick: (i: FilingItem) => number | null) => {
    const values = shown.map(pick).filter((v): v is number => v !== null);
    if (values.length < 2) return null;
    const a = values[0]!;
    const b = values[values.length - 1]!;
    return `${figure(a)} → ${figure(b)}${changeOf(a, b) ? ` (${changeOf(a, b)})` : ''}`;
  };
  const members = span((i) => i.membersActive);
  const shares = span((i) => i.meanPerMemberShareCny);
  return (
    <section aria-labelledby="charts-h" class="charts">
      <h2 id="charts-h">{t('charts')}</h2>
      <p class="note">{t('chartsFromZero')}</p>
      <figure>
        <figcaption>
          {t('chartMembers')}
          {members && <span class="note"> · {members}</span>}
        </figcaption>
        <canvas ref={membersCanvas} role="img" aria-label={t('chartMembers')} />
      </figure>
      <figure>
        <figcaption>
          {t('chartShare')}
          {shares && <span class="note"> · {shares}</span>}
        </figcaption>
        <canvas ref={share} role="img" aria-label={t('chartShare')} />
      </figure>
      <figure>
        <figcaption>{t('chartFailures')}</figcaption>
        <canvas ref={failures} role="img" aria-label={t('chartFailures')} />
      </figure>
    </section>
  );
}

export function PlatformPage({ platform }: { platform: string }) {
  const { t } = useApp();
  const names = usePlatformNames();
  const [items, setItems] = useState<FilingItem[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [problem, setProblem] = useState<Answer | null>(null);
  const [orders, setOrders] = useState<Answer<{ orders?: Order[]; items?: Order[] }> | null>(null);
  const base = `/v1/platforms/${encodeURIComponent(platform)}/filings`;
  const load = async (cursor: string | null) => {
    const res = await call(`${base}${qs({ limit: 50, cursor })}`);
    if (!res.ok) return setProblem(res);
    setProblem(null);
    setItems((prev) => [...(cursor ? (prev ?? []) : []), ...res.json.items]);
    setNext(res.json.nextCursor);
  };
  const loadOrders = () => void call(`/v1/orders${qs({ platform })}`).then(setOrders);
  useEffect(() => {
    // a page opened after a failed one starts afresh (the shell also mounts each route anew)
    setItems(null);
    setProblem(null);
    void load(null);
    loadOrders();
  }, [platform]);
  if (problem) return <ProblemView answer={problem} />;
  if (!items) return <Loading />;
  const columns: Column<FilingItem>[] = [
    {
      key: 'filing',
      label: t('filing'),
      rowHeader: true,
      value: (f) => f.filingId,
      csv: (f) => (f.superseded ? `${f.filingId} (${t('superseded')})` : f.filingId),
      render: (f) => (
        <>
          <a href={href('platforms', platform, 'filings', f.filingId)}>
            <Id>{f.filingId}</Id>
          </a>
          {f.superseded ? ` (${t('superseded')})` : ''}
        </>
      ),
    },
    { key: 'period', label: t('period'), value: (f) => `${f.period.start} – ${f.period.end}` },
    {
      key: 'submitted',
      label: `${t('submittedAt')} ${t('beijingTime')}`,
      value: (f) => f.submittedAt,
      render: (f) => <Time iso={f.submittedAt} zone={false} />,
    },
    {
      key: 'verdict',
      label: t('verdict'),
      value: (f) => t(`verdict_${f.verdict}` as Key),
      render: (f) => <Verdict verdict={f.verdict} />,
    },
    ...SEVERITIES.map((s): Column<FilingItem> => ({
      key: `sev-${s}`,
      label: `${t('status_fail')} · ${t(`severity_${s}` as Key)}`,
      numeric: true,
      value: (f) => f.bySeverity?.[s] ?? 0,
    })),
    {
      key: 'members',
      label: t('members'),
      numeric: true,
      value: (f) => f.membersActive,
      render: (f) => figure(f.membersActive),
    },
    {
      key: 'share',
      label: t('meanShare'),
      numeric: true,
      value: (f) => f.meanPerMemberShareCny,
      render: (f) => figure(f.meanPerMemberShareCny),
    },
  ];
  return (
    <div>
      <h1>
        {t('platform')}: <PlatformName names={names} id={platform} />
      </h1>
      <section aria-labelledby="filings-h">
        <h2 id="filings-h">{t('filings')}</h2>
        <DataTable
          name={t('filings')}
          labelledBy="filings-h"
          file={`filings-${platform}`}
          columns={columns}
          rows={items}
          rowKey={(f) => f.filingId}
        />
        {next && (
          <button type="button" onClick={() => void load(next)}>
            {t('more')}
          </button>
        )}
      </section>
      <section aria-labelledby="orders-h">
        <h2 id="orders-h">{t('orders')}</h2>
        {!orders ? (
          <Loading />
        ) : orders.status === 404 || orders.status === 405 ? (
          <p>{t('ordersUnavailable')}</p>
        ) : !orders.ok ? (
          <ProblemView answer={orders} />
        ) : (
          <OrdersTable
            orders={orders.json.orders ?? orders.json.items ?? []}
            onChange={loadOrders}
            file={`orders-${platform}`}
          />
        )}
      </section>
      {items.length > 0 && <Charts items={items} />}
    </div>
  );
}
