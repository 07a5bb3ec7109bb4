// A stored filing's report (GET /v1/platforms/:p/filings/:id and …/report, JSON, SARIF or HTML by Accept); a supervisor opens an order from a failed finding (POST /v1/orders).

import { useEffect, useState } from 'preact/hooks';
import { call, type Answer } from '../api';
import { ReportView, type Finding, type Report } from '../report';
import { href, Loading, ProblemView, useApp } from '../ui';

function OpenOrderForm({
  platform,
  filingId,
  finding,
  onClose,
}: {
  platform: string;
  filingId: string;
  finding: Finding;
  onClose: () => void;
}) {
  const { t } = useApp();
  const [deadline, setDeadline] = useState('');
  const [note, setNote] = useState('');
  const [answer, setAnswer] = useState<Answer | null>(null);
  return (
    <form
      class="panel"
      aria-label={`${t('openOrder')} ${finding.ruleId}`}
      onSubmit={async (e) => {
        e.preventDefault();
        setAnswer(
          await call('/v1/orders', {
            method: 'POST',
            body: {
              platformId: platform,
              ruleId: finding.ruleId,
              fromFilingId: filingId,
              ...(deadline ? { deadline } : {}),
              ...(note ? { note } : {}),
            },
          }),
        );
      }}
    >
      <h3>
        {t('openOrder')}: {finding.ruleId}
      </h3>
      <p>
        <label for="order-deadline">{t('orderDeadline')}</label>{' '}
        <input
          id="order-deadline"
          type="date"
          value={deadline}
          onInput={(e) => setDeadline((e.target as HTMLInputElement).value)}
        />
      </p>
      <p>
        <label for="order-note">{t('orderNote')}</label>{' '}
        <input id="order-note" value={note} onInput={(e) => setNote((e.target as HTMLInputElement).value)} />
      </p>
      <button type="submit">{t('openOrder')}</button>{' '}
      <button type="button" onClick={onClose}>
        {t('cancel')}
      </button>
      {answer?.ok && (
        <p role="status" class="ok">
          {t('orderOpened')}: {answer.json.id} · {t('deadline')} {answer.json.deadline} ·{' '}
          <a href={href('orders')}>{t('navOrders')}</a>
        </p>
      )}
      <ProblemView answer={answer} />
    </form>
  );
}

export function FilingPage({ platform, filingId }: { platform: string; filingId: string }) {
  const { lang, me } = useApp();
  const [report, setReport] = useState<Answer<Report> | null>(null);
  const [filing, setFiling] = useState<unknown>(undefined);
  const [ordering, setOrdering] = useState<Finding | null>(null);
  const base = `/v1/platforms/${encodeURIComponent(platform)}/filings/${encodeURIComponent(filingId)}`;
  useEffect(() => {
    void call<Report>(`${base}/report?lang=${lang}`).then(setReport);
  }, [base, lang]);
  useEffect(() => {
    void call(base).then((r) => setFiling(r.ok ? r.json.filing : undefined));
  }, [base]);
  if (!report) return <Loading />;
  if (!report.ok) return <ProblemView answer={report} />;
  const fetchAs = async (accept: string) => (await call(`${base}/report?lang=${lang}`, { accept })).text;
  return (
    <div>
      <p>
        <a href={href('platforms', platform)}>← {platform}</a>
      </p>
      {ordering && (
        <OpenOrderForm
          platform={platform}
          filingId={filingId}
          finding={ordering}
          onClose={() => setOrdering(null)}
        />
      )}
      <ReportView
        report={report.json}
        filing={filing}
        downloads={{
          json: () => fetchAs('application/json'),
          sarif: () => fetchAs('application/sarif+json'),
          html: () => fetchAs('text/html'),
        }}
        onOpenOrder={me.role === 'supervisor' ? setOrdering : undefined}
      />
    </div>
  );
}
