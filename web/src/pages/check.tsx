// Officer: paste or open a filing (JSON or YAML), check it as a draft (POST /v1/check) or submit it (POST /v1/filings)
// after confirming, with a receipt (filing id, time stored, rule-set version); read and download the report.

import { useEffect, useRef, useState } from 'preact/hooks';
import { parse as parseYaml } from 'yaml';
import { call, filingType, type Answer } from '../api';
import { forgetPlatformNames, PlatformName, usePlatformNames } from '../names';
import { ReportView, type Report } from '../report';
import { href, Id, ProblemView, Time, useApp } from '../ui';

/** What the service kept of a submitted filing: when, and the rule-set version that judged it. */
interface Receipt {
  storedAt: string;
  version: string;
  label: number | null;
  period: { start: string; end: string } | null;
}

type Shown = {
  kind: 'draft' | 'stored';
  report: Report;
  filing: unknown;
  platformId: string;
  filingId: string;
  note?: string;
  receipt?: Receipt;
};

/** What the confirmation shows of the filing about to be submitted (read from the text, as far as it parses). */
interface Summary {
  filingId: string;
  platformId: string;
  platformName: string;
  period: string;
}

function summaryOf(doc: unknown): Summary | null {
  if (!doc || typeof doc !== 'object') return null;
  const d = doc as {
    filingId?: unknown;
    platform?: { id?: unknown; name?: unknown };
    period?: { start?: unknown; end?: unknown };
  };
  const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
  return {
    filingId: str(d.filingId),
    platformId: str(d.platform?.id),
    platformName: str(d.platform?.name),
    period: d.period ? `${str(d.period.start)} – ${str(d.period.end)}` : '',
  };
}

function parseFiling(text: string): unknown {
  try {
    return filingType(text) === 'application/json' ? JSON.parse(text) : parseYaml(text);
  } catch {
    return undefined;
  }
}

export function CheckPage() {
  const { t, lang, me } = useApp();
  const names = usePlatformNames();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<Answer | null>(null);
  const [shown, setShown] = useState<Shown | null>(null);
  const [busy, setBusy] = useState(false);
  const [empty, setEmpty] = useState(false);
  const [confirming, setConfirming] = useState<Summary | null>(null);
  const sent = useRef('');
  const confirmButton = useRef<HTMLButtonElement>(null);
  const submitButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);

  const check = async (body: string, l = lang) => {
    const res = await call<Report>('/v1/check', { method: 'POST', body, type: filingType(body), lang: l });
    if (!res.ok) return res;
    setShown({
      kind: 'draft',
      report: res.json,
      filing: parseFiling(body),
      platformId: res.json.platformId,
      filingId: res.json.filingId,
    });
    return null;
  };
  const loadStored = async (platformId: string, filingId: string, l = lang, note?: string) => {
    const base = `/v1/platforms/${encodeURIComponent(platformId)}/filings/${encodeURIComponent(filingId)}`;
    const [rep, fil] = await Promise.all([call<Report>(`${base}/report?lang=${l}`), call(base)]);
    if (!rep.ok) return rep;
    setShown({
      kind: 'stored',
      report: rep.json,
      filing: fil.ok ? fil.json.filing : undefined,
      platformId,
      filingId,
      note,
      receipt: fil.ok
        ? {
            storedAt: fil.json.storedAt,
            version: fil.json.ruleset?.version ?? rep.json.ruleset.version,
            label: fil.json.ruleset?.label ?? null,
            period: fil.json.period ?? null,
          }
        : undefined,
    });
    return null;
  };

  /** Submitting asks first: what is about to be stored, and that it stays stored. */
  const askToSubmit = () => {
    if (text.trim() === '') {
      setEmpty(true);
      return;
    }
    setEmpty(false);
    setConfirming(
      summaryOf(parseFiling(text)) ?? { filingId: '', platformId: '', platformName: '', period: '' },
    );
  };

  const run = async (kind: 'draft' | 'submit') => {
    if (text.trim() === '') {
      setEmpty(true);
      return;
    }
    setEmpty(false);
    setConfirming(null);
    setBusy(true);
    setProblem(null);
    sent.current = text;
    try {
      if (kind === 'draft') {
        setProblem(await check(text));
      } else {
        const res = await call<Report>(`/v1/filings?lang=${lang}`, {
          method: 'POST',
          body: text,
          type: filingType(text),
        });
        if (!res.ok) setProblem(res);
        else {
          forgetPlatformNames();
          setProblem(
            await loadStored(
              res.json.platformId,
              res.json.filingId,
              lang,
              res.status === 201 ? t('submitted') : t('alreadyStored'),
            ),
          );
        }
      }
    } finally {
      setBusy(false);
    }
  };

  // switching the language shows the same report again in the new language
  useEffect(() => {
    if (!shown || shown.report.lang === lang) return;
    if (shown.kind === 'draft') void check(sent.current, lang).then(setProblem);
    else void loadStored(shown.platformId, shown.filingId, lang, shown.note).then(setProblem);
  }, [lang]);

  const onFile = async (e: Event) => {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (file) setText(await file.text());
  };

  const downloads = shown && {
    json: async () => JSON.stringify(shown.report, null, 2) + '\n',
    sarif: async () =>
      shown.kind === 'draft'
        ? (
            await call('/v1/check', {
              method: 'POST',
              body: sent.current,
              type: filingType(sent.current),
              accept: 'application/sarif+json',
              lang,
            })
          ).text
        : (
            await call(
              `/v1/platforms/${encodeURIComponent(shown.platformId)}/filings/${encodeURIComponent(shown.filingId)}/report?lang=${lang}`,
              { accept: 'application/sarif+json' },
            )
          ).text,
    html: async () =>
      shown.kind === 'draft'
        ? (
            await call('/v1/check', {
              method: 'POST',
              body: sent.current,
              type: filingType(sent.current),
              accept: 'text/html',
              lang,
            })
          ).text
        : (
            await call(
              `/v1/platforms/${encodeURIComponent(shown.platformId)}/filings/${encodeURIComponent(shown.filingId)}/report?lang=${lang}`,
              { accept: 'text/html' },
            )
          ).text,
  };

  return (
    <div>
      <h1>{t('checkTitle')}</h1>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void run('draft');
        }}
      >
        <p>
          <label for="filing-file">{t('filingFile')}</label>{' '}
          <input
            id="filing-file"
            type="file"
            accept=".json,.yaml,.yml,application/json,application/yaml"
            onChange={onFile}
          />
        </p>
        <p>
          <label for="filing-text">{t('filingText')}</label>
          <textarea
            id="filing-text"
            rows={16}
            spellcheck={false}
            value={text}
            onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
          />
        </p>
        {empty && (
          <p role="alert" class="problem">
            {t('emptyFiling')}
          </p>
        )}
        <p class="actions">
          <button type="submit" disabled={busy}>
            {t('checkDraft')}
          </button>{' '}
          <button type="button" ref={submitButton} disabled={busy} onClick={askToSubmit}>
            {t('submit')}
          </button>
        </p>
      </form>
      {confirming && (
        <div class="panel confirm" role="dialog" aria-modal="false" aria-labelledby="confirm-submit-h">
          <h2 id="confirm-submit-h">{t('confirmSubmitTitle')}</h2>
          <p>{t('confirmSubmitText')}</p>
          <dl class="meta">
            <dt>{t('filing')}</dt>
            <dd>
              <Id>{confirming.filingId || '—'}</Id>
            </dd>
            <dt>{t('platform')}</dt>
            <dd>
              {confirming.platformName ||
                (confirming.platformId ? (
                  <PlatformName names={names} id={confirming.platformId} />
                ) : (
                  '—'
                ))}{' '}
              {confirming.platformId && <code>{confirming.platformId}</code>}
            </dd>
            <dt>{t('period')}</dt>
            <dd>{confirming.period || '—'}</dd>
          </dl>
          <p class="actions">
            <button type="button" class="primary" ref={confirmButton} onClick={() => void run('submit')}>
              {t('confirmSubmit')}
            </button>{' '}
            <button
              type="button"
              onClick={() => {
                setConfirming(null);
                submitButton.current?.focus();
              }}
            >
              {t('cancel')}
            </button>
          </p>
        </div>
      )}
      <ProblemView answer={problem} filing />
      {shown?.note && (
        <p role="status" class="ok">
          {shown.note} <a href={href('platforms', shown.platformId)}>{t('navMyFilings')}</a>
        </p>
      )}
      {shown?.kind === 'stored' && shown.receipt && (
        <section class="panel receipt" aria-labelledby="receipt-h">
          <h2 id="receipt-h">{t('receipt')}</h2>
          <dl class="meta">
            <dt>{t('filing')}</dt>
            <dd>
              <Id>{shown.filingId}</Id>
            </dd>
            <dt>{t('platform')}</dt>
            <dd>
              <PlatformName names={names} id={shown.platformId} />
            </dd>
            {shown.receipt.period && (
              <>
                <dt>{t('period')}</dt>
                <dd>
                  {shown.receipt.period.start} – {shown.receipt.period.end}
                </dd>
              </>
            )}
            <dt>{t('storedAt')}</dt>
            <dd>
              <Time iso={shown.receipt.storedAt} />
            </dd>
            <dt>{t('ruleset')}</dt>
            <dd>
              {shown.receipt.label !== null &&
                t('versionLabel').replaceAll('{n}', String(shown.receipt.label))}{' '}
              <code>{shown.receipt.version}</code>
            </dd>
            <dt>{t('verdict')}</dt>
            <dd>{t(`verdict_${shown.report.verdict}`)}</dd>
          </dl>
        </section>
      )}
      {shown && <ReportView report={shown.report} filing={shown.filing} downloads={downloads ?? undefined} />}
      {me.role === 'officer' && me.platforms.length > 0 && (
        <nav aria-label={t('navMyFilings')}>
          <h2>{t('navMyFilings')}</h2>
          <ul>
            {me.platforms.map((p) => (
              <li key={p}>
                <a href={href('platforms', p)}>
                  <PlatformName names={names} id={p} />
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </div>
  );
}
