// A stored filing's report (GET /v1/platforms/:p/filings/:id and …/report, JSON, SARIF or HTML by Accept); a supervisor opens an order from a failed finding (POST /v1/orders).
// `?family=` (a cell of the overview's grid) shows only that family's failing findings. A deadline already past, or
// not after the filing's as-of date, is refused before anything is sent.

import { useEffect, useRef, useState } from 'preact/hooks';
import { call, type Answer } from '../api';
import { todayInBeijing } from '../format';
import { FAMILIES, type Key } from '../i18n';
import { PlatformName, usePlatformNames } from '../names';
import { ReportView, type Finding, type Report } from '../report';
import { fill, href, Id, Loading, ProblemView, useApp } from '../ui';

function OpenOrderForm({
  platform,
  filingId,
  asOf,
  finding,
  onClose,
}: {
  platform: string;
  filingId: string;
  /** The filing's as-of date (its period's end): a deadline must be after it. */
  asOf: string;
  finding: Finding;
  onClose: () => void;
}) {
  const { t } = useApp();
  const [deadline, setDeadline] = useState('');
  const [note, setNote] = useState('');
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <form
      class="panel"
      aria-label={`${t('openOrder')} ${finding.ruleId}`}
      onSubmit={async (e) => {
        e.preventDefault();
        setAnswer(null);
        const today = todayInBeijing();
        if (deadline && deadline < today) {
          setRefused(t('deadlinePast').replaceAll('{deadline}', deadline).replaceAll('{today}', today));
          return;
        }
        if (deadline && deadline <= asOf) {
          setRefused(
            t('deadlineNotAfterFiling').replaceAll('{deadline}', deadline).replaceAll('{asOf}', asOf),
          );
          return;
        }
        setRefused(null);
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
      <h3 ref={heading} tabIndex={-1}>
        {t('openOrder')}: <Id>{finding.ruleId}</Id>
      </h3>
      <p>
        <label for="order-deadline">{t('orderDeadline')}</label>{' '}
        <input
          id="order-deadline"
          type="date"
          value={deadline}
          aria-describedby="order-deadline-help"
          onInput={(e) => setDeadline((e.target as HTMLInputElement).value)}
        />
      </p>
      <p id="order-deadline-help" class="note">
        {fill(t('orderDeadlineHelp').replaceAll('{asOf}', asOf), { param: <code>orderDeadlineDays</code> })}
      </p>
      <p>
        <label for="order-note">{t('orderNote')}</label>{' '}
        <input id="order-note" value={note} onInput={(e) => setNote((e.target as HTMLInputElement).value)} />
      </p>
      <button type="submit">{t('openOrder')}</button>{' '}
      <button type="button" onClick={onClose}>
        {t('cancel')}
      </button>
      {refused && (
        <p role="alert" class="problem">
          {refused}
        </p>
      )}
      {answer?.ok && (
        <p role="status" class="ok">
          {t('orderOpened')}: <Id>{answer.json.id}</Id> · {t('openedOn')} {answer.json.openedOn} ·{' '}
          {t('deadline')} {answer.json.deadline} · <a href={href('orders')}>{t('navOrders')}</a>
        </p>
      )}
      <ProblemView answer={answer} />
    </form>
  );
}

export function FilingPage({
  platform,
  filingId,
  family,
}: {
  platform: string;
  filingId: string;
  family?: string;
}) {
  const { lang, me, t } = useApp();
  const names = usePlatformNames();
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
  const back = (
    <p>
      <a href={href('platforms', platform)}>
        ← <PlatformName names={names} id={platform} />
      </a>
    </p>
  );
  if (!report.ok)
    return (
      <div>
        {back}
        <ProblemView answer={report} />
      </div>
    );
  const fetchAs = async (accept: string) => (await call(`${base}/report?lang=${lang}`, { accept })).text;
  const only = family && (FAMILIES as readonly string[]).includes(family) ? family : undefined;
  return (
    <div>
      {back}
      {only && (
        <p class="panel" role="status">
          {t('onlyFamily').replaceAll('{family}', t(`family_${only}` as Key))}{' '}
          <a href={href('platforms', platform, 'filings', filingId)}>{t('showAllFindings')}</a>
        </p>
      )}
      {ordering && (
        <OpenOrderForm
          platform={platform}
          filingId={filingId}
          asOf={report.json.asOf}
          finding={ordering}
          onClose={() => setOrdering(null)}
        />
      )}
      <ReportView
        report={report.json}
        filing={filing}
        platformName={names.get(platform)}
        onlyFamily={only}
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
