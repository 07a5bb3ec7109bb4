// Rectification orders (DESIGN §11): list (GET /v1/orders), close one (POST /v1/orders/:id/close); opening is on the filing page.
// Overdue orders come first and stand out; each order's timeline says which date is the day of opening and which a
// filing's as-of date (its period's end).

import { useEffect, useState } from 'preact/hooks';
import { call, type Answer } from '../api';
import { textOr, type Key } from '../i18n';
import { nameOf, PlatformName, usePlatformNames } from '../names';
import { DataTable, type Column } from '../table';
import { href, Id, Loading, ProblemView, useApp } from '../ui';

export interface Order {
  id: string;
  platformId: string;
  ruleId: string;
  fromFilingId: string;
  openedOn: string;
  openedBy?: string;
  deadline: string;
  note: string;
  state: string;
  relapsed: boolean;
  rectifiedBy: string | null;
  late: boolean;
  timeline?: { on: string; state: string; cause: string }[];
  closed?: { on: string; by: string; note: string } | null;
}

const STATE_RANK: Record<string, number> = { overdue: 0, open: 1, rectified: 2, closed: 3 };

function CloseForm({ order, onDone }: { order: Order; onDone: () => void }) {
  const { t } = useApp();
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<Answer | null>(null);
  const id = `close-${order.id}`;
  return (
    <form
      onSubmit={async (e) => {
        e.preventDefault();
        const res = await call(`/v1/orders/${encodeURIComponent(order.id)}/close`, {
          method: 'POST',
          body: { note },
        });
        if (res.ok) onDone();
        else setProblem(res);
      }}
    >
      <label for={id}>
        {t('closeNote')} (<Id>{order.id}</Id>)
      </label>{' '}
      <input id={id} value={note} required onInput={(e) => setNote((e.target as HTMLInputElement).value)} />{' '}
      <button type="submit">
        {t('closeOrder')} <Id>{order.id}</Id>
      </button>
      <ProblemView answer={problem} />
    </form>
  );
}

/** An order's life, each date saying what kind of date it is: the day of opening, a filing's as-of date, the day of closing. */
export function Timeline({ order }: { order: Order }) {
  const { t, lang } = useApp();
  const entries = order.timeline ?? [];
  if (entries.length === 0) return null;
  return (
    <details class="timeline">
      <summary>
        {t('timeline')} ({entries.length})
      </summary>
      <ol>
        {entries.map((e, i) => {
          const kind = i === 0 ? 'opened' : e.state === 'closed' ? 'closed' : 'filing';
          return (
            <li key={i}>
              <time dateTime={e.on}>{e.on}</time>{' '}
              <span class="date-kind">
                {kind === 'opened' ? t('tlOpened') : kind === 'closed' ? t('tlClosed') : t('tlFilingAsOf')}
              </span>
              {lang === 'zh' ? '：' : ': '}
              {kind === 'filing' ? (
                <>
                  <a href={href('platforms', order.platformId, 'filings', e.cause)}>
                    <Id>{e.cause}</Id>
                  </a>{' '}
                  → {textOr(lang, `state_${e.state}`, e.state)}
                </>
              ) : (
                <>
                  {textOr(lang, `state_${e.state}`, e.state)} · {t('tlBy')} <Id>{e.cause}</Id>
                </>
              )}
            </li>
          );
        })}
      </ol>
    </details>
  );
}

export function OrdersTable({
  orders,
  onChange,
  file = 'orders',
}: {
  orders: Order[];
  onChange: () => void;
  file?: string;
}) {
  const { t, me, lang } = useApp();
  const names = usePlatformNames();
  if (orders.length === 0) return <p>{t('noOrders')}</p>;
  const stateText = (o: Order) =>
    [
      textOr(lang, `state_${o.state}`, o.state),
      o.relapsed ? t('relapsed') : '',
      o.late ? t('late') : '',
      o.rectifiedBy ? `${t('rectifiedBy')} ${o.rectifiedBy}` : '',
    ]
      .filter(Boolean)
      .join(' · ');
  const columns: Column<Order>[] = [
    {
      key: 'state',
      label: t('state'),
      value: (o) => STATE_RANK[o.state] ?? 9,
      csv: stateText,
      render: (o) => (
        <>
          <span class={`order-state os-${o.state}`}>
            {o.state === 'overdue' && <span aria-hidden="true">⚠ </span>}
            {textOr(lang, `state_${o.state}`, o.state)}
          </span>
          {o.relapsed ? ` · ${t('relapsed')}` : ''}
          {o.late ? ` · ${t('late')}` : ''}
          {o.rectifiedBy ? (
            <>
              {' '}
              · {t('rectifiedBy')} <Id>{o.rectifiedBy}</Id>
            </>
          ) : null}
        </>
      ),
    },
    {
      key: 'order',
      label: t('order'),
      rowHeader: true,
      value: (o) => o.id,
      render: (o) => <Id>{o.id}</Id>,
    },
    {
      key: 'platform',
      label: t('platform'),
      value: (o) => nameOf(names, o.platformId),
      render: (o) => (
        <a href={href('platforms', o.platformId)}>
          <PlatformName names={names} id={o.platformId} />
        </a>
      ),
    },
    { key: 'rule', label: t('rule'), value: (o) => o.ruleId, render: (o) => <Id>{o.ruleId}</Id> },
    {
      key: 'filing',
      label: t('fromFiling'),
      value: (o) => o.fromFilingId,
      render: (o) => (
        <a href={href('platforms', o.platformId, 'filings', o.fromFilingId)}>
          <Id>{o.fromFilingId}</Id>
        </a>
      ),
    },
    { key: 'opened', label: t('openedOn'), value: (o) => o.openedOn },
    {
      key: 'deadline',
      label: t('deadline'),
      value: (o) => o.deadline,
      render: (o) => <span class={o.state === 'overdue' ? 'past' : undefined}>{o.deadline}</span>,
    },
    {
      key: 'timeline',
      label: t('timeline'),
      sortable: false,
      value: (o) =>
        (o.timeline ?? [])
          .map(
            (e, i) =>
              `${e.on} ${i === 0 ? t('tlOpened') : e.state === 'closed' ? t('tlClosed') : `${t('tlFilingAsOf')} ${e.cause}`} ${textOr(lang, `state_${e.state}`, e.state)}`,
          )
          .join('; '),
      render: (o) => <Timeline order={o} />,
    },
    ...(me.role === 'supervisor'
      ? [
          {
            key: 'close',
            label: t('closeOrder'),
            sortable: false,
            value: () => null,
            csv: () => '',
            render: (o: Order) => (o.state !== 'closed' ? <CloseForm order={o} onDone={onChange} /> : '—'),
          } satisfies Column<Order>,
        ]
      : []),
  ];
  return (
    <DataTable
      name={t('orders')}
      file={file}
      columns={columns}
      rows={orders}
      rowKey={(o) => o.id}
      rowClass={(o) => (o.state === 'overdue' ? 'overdue' : undefined)}
      initialSort={{ key: 'state', dir: 'asc' }}
    />
  );
}

const STATES = ['open', 'overdue', 'rectified', 'closed'] as const;

export function OrdersPage({ initialState }: { initialState?: string }) {
  const { t } = useApp();
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [state, setState] = useState<string>(
    initialState && (STATES as readonly string[]).includes(initialState) ? initialState : '',
  );
  const load = () => void call('/v1/orders').then(setAnswer);
  useEffect(load, []);
  const all: Order[] = answer?.ok ? (answer.json.orders ?? answer.json.items ?? []) : [];
  const overdue = all.filter((o) => o.state === 'overdue').length;
  return (
    <div>
      <h1>{t('orders')}</h1>
      {overdue > 0 && (
        <p class="problem overdue-note">
          <strong>
            {overdue === 1 ? t('overdueCountOne') : t('overdueCount').replaceAll('{n}', String(overdue))}
          </strong>
        </p>
      )}
      <p>
        <label for="order-state">{t('showState')}</label>{' '}
        <select
          id="order-state"
          value={state}
          onChange={(e) => setState((e.target as HTMLSelectElement).value)}
        >
          <option value="">{t('allStates')}</option>
          {STATES.map((s) => (
            <option key={s} value={s}>
              {t(`state_${s}` as Key)}
            </option>
          ))}
        </select>
      </p>
      {!answer ? (
        <Loading />
      ) : answer.status === 404 || answer.status === 405 ? (
        <p>{t('ordersUnavailable')}</p>
      ) : !answer.ok ? (
        <ProblemView answer={answer} />
      ) : (
        <OrdersTable orders={state ? all.filter((o) => o.state === state) : all} onChange={load} />
      )}
    </div>
  );
}
