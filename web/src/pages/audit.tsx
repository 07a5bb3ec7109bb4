// The audit log, newest first, a page at a time (GET /v1/audit?limit=&cursor=).

import { useEffect, useState } from 'preact/hooks';
import { call, qs, type Answer } from '../api';
import { textOr } from '../i18n';
import { Loading, ProblemView, useApp } from '../ui';

interface Entry {
  id: number;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  note: string;
  before: string | null;
  after: string | null;
  [more: string]: unknown;
}

export function AuditPage() {
  const { t, lang } = useApp();
  const [items, setItems] = useState<Entry[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [problem, setProblem] = useState<Answer | null>(null);
  const load = async (cursor: string | null) => {
    const res = await call(`/v1/audit${qs({ limit: 50, cursor })}`);
    if (!res.ok) return setProblem(res);
    const list: Entry[] = res.json.items ?? res.json.entries ?? [];
    setItems((prev) => [...(cursor ? (prev ?? []) : []), ...list]);
    setNext(res.json.nextCursor ?? null);
  };
  useEffect(() => void load(null), []);
  if (problem) return <ProblemView answer={problem} />;
  if (!items) return <Loading />;
  const short = (v: unknown) =>
    typeof v === 'string' && v.startsWith('sha256:')
      ? v.slice(7, 19)
      : v === null || v === undefined
        ? ''
        : String(v);
  return (
    <div>
      <h1>{t('auditTitle')}</h1>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('at')}</th>
            <th scope="col">{t('by')}</th>
            <th scope="col">{t('action')}</th>
            <th scope="col">{t('target')}</th>
            <th scope="col">{t('before')}</th>
            <th scope="col">{t('after')}</th>
            <th scope="col">{t('note')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((e) => (
            <tr key={e.id}>
              <td>{e.at.replace('T', ' ').slice(0, 19)}</td>
              <td>{e.actor}</td>
              <td>{textOr(lang, `action_${e.action}`, e.action)}</td>
              <td>{short(e.target ?? e.orderId ?? e.version)}</td>
              <td>
                <code>{short(e.before)}</code>
              </td>
              <td>
                <code>{short(e.after)}</code>
              </td>
              <td>{e.note}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {next && (
        <button type="button" onClick={() => void load(next)}>
          {t('more')}
        </button>
      )}
    </div>
  );
}
