// One platform: its filings page by page (GET /v1/platforms/:p/filings), its orders (GET /v1/orders?platform=), charts over its filings.

import { useEffect, useRef, useState } from 'preact/hooks';
import { call, qs, type Answer } from '../api';
import { SEVERITIES } from '../i18n';
import { href, Loading, num, ProblemView, useApp, Verdict } from '../ui';
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
  const members = useRef<HTMLCanvasElement>(null);
  const share = useRef<HTMLCanvasElement>(null);
  const failures = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    let destroy: (() => void) | null = null;
    let cancelled = false;
    // Chart.js is its own chunk, loaded only by this page
    void import('../charts').then((m) => {
      if (cancelled || !members.current || !share.current || !failures.current) return;
      destroy = m.drawPlatformCharts(
        { members: members.current, share: share.current, failures: failures.current },
        [...items].filter((i) => !i.superseded).reverse(),
        {
          members: t('members'),
          share: t('meanShare'),
          severities: SEVERITIES.map((s) => t(`severity_${s}`)),
        },
      );
    });
    return () => {
      cancelled = true;
      destroy?.();
    };
  }, [items, lang]);
  return (
    <section aria-labelledby="charts-h" class="charts">
      <h2 id="charts-h">{t('charts')}</h2>
      <figure>
        <figcaption>{t('chartMembers')}</figcaption>
        <canvas ref={members} role="img" aria-label={t('chartMembers')} />
      </figure>
      <figure>
        <figcaption>{t('chartShare')}</figcaption>
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
  const [items, setItems] = useState<FilingItem[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [problem, setProblem] = useState<Answer | null>(null);
  const [orders, setOrders] = useState<Answer<{ orders?: Order[]; items?: Order[] }> | null>(null);
  const base = `/v1/platforms/${encodeURIComponent(platform)}/filings`;
  const load = async (cursor: string | null) => {
    const res = await call(`${base}${qs({ limit: 50, cursor })}`);
    if (!res.ok) return setProblem(res);
    setItems((prev) => [...(cursor ? (prev ?? []) : []), ...res.json.items]);
    setNext(res.json.nextCursor);
  };
  const loadOrders = () => void call(`/v1/orders${qs({ platform })}`).then(setOrders);
  useEffect(() => {
    setItems(null);
    void load(null);
    loadOrders();
  }, [platform]);
  if (problem) return <ProblemView answer={problem} />;
  if (!items) return <Loading />;
  return (
    <div>
      <h1>
        {t('platform')}: {platform}
      </h1>
      <section aria-labelledby="filings-h">
        <h2 id="filings-h">{t('filings')}</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('filing')}</th>
              <th scope="col">{t('period')}</th>
              <th scope="col">{t('submittedAt')}</th>
              <th scope="col">{t('verdict')}</th>
              {SEVERITIES.map((s) => (
                <th scope="col" key={s}>
                  {t('status_fail')} · {t(`severity_${s}`)}
                </th>
              ))}
              <th scope="col">{t('members')}</th>
              <th scope="col">{t('meanShare')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((f) => (
              <tr key={f.filingId}>
                <th scope="row">
                  <a href={href('platforms', platform, 'filings', f.filingId)}>{f.filingId}</a>
                  {f.superseded ? ` (${t('superseded')})` : ''}
                </th>
                <td>
                  {f.period.start} – {f.period.end}
                </td>
                <td>{f.submittedAt.slice(0, 10)}</td>
                <td>
                  <Verdict verdict={f.verdict} />
                </td>
                {SEVERITIES.map((s) => (
                  <td key={s}>{f.bySeverity?.[s] ?? 0}</td>
                ))}
                <td>{num(f.membersActive)}</td>
                <td>{num(f.meanPerMemberShareCny)}</td>
              </tr>
            ))}
          </tbody>
        </table>
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
          <OrdersTable orders={orders.json.orders ?? orders.json.items ?? []} onChange={loadOrders} />
        )}
      </section>
      {items.length > 0 && <Charts items={items} />}
    </div>
  );
}
