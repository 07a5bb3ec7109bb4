// The audit log, newest first, a page at a time (GET /v1/audit?limit=&cursor=), with each rule-set version by its
// label (GET /v1/rules/versions), times in Beijing time (said so), and filters by action and by any text.

import { useEffect, useState } from 'preact/hooks';
import { call, qs, type Answer } from '../api';
import { textOr } from '../i18n';
import { DataTable, type Column } from '../table';
import { ApiText, Id, Loading, ProblemView, Time, useApp } from '../ui';

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
  // the versions' labels, asked once; the log is drawn when they are in (an auditor reads versions by label)
  const [labels, setLabels] = useState<Map<string, number> | null>(null);
  const [action, setAction] = useState('');
  const load = async (cursor: string | null) => {
    const res = await call(`/v1/audit${qs({ limit: 50, cursor })}`);
    if (!res.ok) return setProblem(res);
    const list: Entry[] = res.json.items ?? res.json.entries ?? [];
    setItems((prev) => [...(cursor ? (prev ?? []) : []), ...list]);
    setNext(res.json.nextCursor ?? null);
  };
  useEffect(() => {
    void load(null);
    void call('/v1/rules/versions').then((r) => {
      setLabels(
        r.ok
          ? new Map(
              (r.json.versions as { version: string; label: number }[]).map((v) => [v.version, v.label]),
            )
          : new Map(),
      );
    });
  }, []);
  if (problem) return <ProblemView answer={problem} />;
  if (!items || !labels) return <Loading />;

  /** A version by its label (`version 3`), a state by its word, anything else as it is. */
  const word = (v: unknown): string => {
    if (v === null || v === undefined) return '';
    const s = String(v);
    if (s.startsWith('sha256:')) {
      const label = labels.get(s);
      return label !== undefined ? t('versionLabel').replaceAll('{n}', String(label)) : s.slice(7, 19);
    }
    return textOr(lang, `state_${s}`, s);
  };
  const versionCell = (v: unknown) => {
    if (typeof v !== 'string' || !v.startsWith('sha256:')) return <Id>{word(v)}</Id>;
    return (
      <>
        {word(v)} <code title={v}>{v.slice(7, 15)}</code>
      </>
    );
  };
  const actionWord = (a: string) => textOr(lang, `action_${a}`, a);
  const actions = [...new Set(items.map((e) => e.action))].sort();
  const columns: Column<Entry>[] = [
    {
      key: 'at',
      label: `${t('at')} ${t('beijingTime')}`,
      value: (e) => e.at,
      render: (e) => <Time iso={e.at} zone={false} />,
      csv: (e) => e.at,
    },
    { key: 'by', label: t('by'), value: (e) => e.actor, render: (e) => <Id>{e.actor}</Id> },
    { key: 'action', label: t('action'), value: (e) => actionWord(e.action) },
    {
      key: 'target',
      label: t('target'),
      value: (e) => word(e.target ?? e.orderId ?? e.version),
      render: (e) => versionCell(e.target ?? e.orderId ?? e.version),
    },
    { key: 'before', label: t('before'), value: (e) => word(e.before), render: (e) => versionCell(e.before) },
    { key: 'after', label: t('after'), value: (e) => word(e.after), render: (e) => versionCell(e.after) },
    { key: 'note', label: t('note'), value: (e) => e.note, render: (e) => <ApiText>{e.note}</ApiText> },
  ];
  return (
    <div>
      <h1>{t('auditTitle')}</h1>
      <p class="note">{t('auditTimes')}</p>
      <p>
        <label for="audit-action">{t('showAction')}</label>{' '}
        <select
          id="audit-action"
          value={action}
          onChange={(e) => setAction((e.target as HTMLSelectElement).value)}
        >
          <option value="">{t('allActions')}</option>
          {actions.map((a) => (
            <option key={a} value={a}>
              {actionWord(a)}
            </option>
          ))}
        </select>
      </p>
      <DataTable
        name={t('auditTitle')}
        file="audit"
        columns={columns}
        rows={action ? items.filter((e) => e.action === action) : items}
        rowKey={(e) => String(e.id)}
      />
      {next && (
        <button type="button" onClick={() => void load(next)}>
          {t('more')}
        </button>
      )}
    </div>
  );
}
