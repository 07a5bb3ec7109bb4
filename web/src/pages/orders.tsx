// Rectification orders (DESIGN §11): list (GET /v1/orders), close one (POST /v1/orders/:id/close); opening is on the filing page.

import { useEffect, useState } from 'preact/hooks';
import { call, type Answer } from '../api';
import { textOr } from '../i18n';
import { href, Loading, ProblemView, useApp } from '../ui';

export interface Order {
  id: string;
  platformId: string;
  ruleId: string;
  fromFilingId: string;
  openedOn: string;
  deadline: string;
  note: string;
  state: string;
  relapsed: boolean;
  rectifiedBy: string | null;
  late: boolean;
}

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
        {t('closeNote')} ({order.id})
      </label>{' '}
      <input id={id} value={note} required onInput={(e) => setNote((e.target as HTMLInputElement).value)} />{' '}
      <button type="submit">
        {t('closeOrder')} {order.id}
      </button>
      <ProblemView answer={problem} />
    </form>
  );
}

export function OrdersTable({ orders, onChange }: { orders: Order[]; onChange: () => void }) {
  const { t, me, lang } = useApp();
  if (orders.length === 0) return <p>{t('noOrders')}</p>;
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{t('order')}</th>
          <th scope="col">{t('platform')}</th>
          <th scope="col">{t('rule')}</th>
          <th scope="col">{t('filing')}</th>
          <th scope="col">{t('deadline')}</th>
          <th scope="col">{t('state')}</th>
          {me.role === 'supervisor' && <th scope="col">{t('closeOrder')}</th>}
        </tr>
      </thead>
      <tbody>
        {orders.map((o) => (
          <tr key={o.id}>
            <th scope="row">{o.id}</th>
            <td>
              <a href={href('platforms', o.platformId)}>{o.platformId}</a>
            </td>
            <td>{o.ruleId}</td>
            <td>
              <a href={href('platforms', o.platformId, 'filings', o.fromFilingId)}>{o.fromFilingId}</a>
            </td>
            <td>{o.deadline}</td>
            <td>
              {textOr(lang, `state_${o.state}`, o.state)}
              {o.relapsed ? ` · ${t('relapsed')}` : ''}
              {o.late ? ` · ${t('late')}` : ''}
              {o.rectifiedBy ? ` (${o.rectifiedBy})` : ''}
            </td>
            {me.role === 'supervisor' && (
              <td>{o.state !== 'closed' ? <CloseForm order={o} onDone={onChange} /> : '—'}</td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function OrdersPage() {
  const { t } = useApp();
  const [answer, setAnswer] = useState<Answer | null>(null);
  const load = () => void call('/v1/orders').then(setAnswer);
  useEffect(load, []);
  return (
    <div>
      <h1>{t('orders')}</h1>
      {!answer ? (
        <Loading />
      ) : answer.status === 404 || answer.status === 405 ? (
        <p>{t('ordersUnavailable')}</p>
      ) : !answer.ok ? (
        <ProblemView answer={answer} />
      ) : (
        <OrdersTable orders={answer.json.orders ?? answer.json.items ?? []} onChange={load} />
      )}
    </div>
  );
}
