// Officer: paste or open a filing (JSON or YAML), check it as a draft (POST /v1/check) or submit it (POST /v1/filings); read and download the report.

import { useEffect, useRef, useState } from 'preact/hooks';
import { parse as parseYaml } from 'yaml';
import { call, filingType, type Answer } from '../api';
import { ReportView, type Report } from '../report';
import { href, ProblemView, useApp } from '../ui';

type Shown = {
  kind: 'draft' | 'stored';
  report: Report;
  filing: unknown;
  platformId: string;
  filingId: string;
  note?: string;
};

function parseFiling(text: string): unknown {
  try {
    return filingType(text) === 'application/json' ? JSON.parse(text) : parseYaml(text);
  } catch {
    return undefined;
  }
}

export function CheckPage() {
  const { t, lang, me } = useApp();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<Answer | null>(null);
  const [shown, setShown] = useState<Shown | null>(null);
  const [busy, setBusy] = useState(false);
  const [empty, setEmpty] = useState(false);
  const sent = useRef('');

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
    });
    return null;
  };

  const run = async (kind: 'draft' | 'submit') => {
    if (text.trim() === '') {
      setEmpty(true);
      return;
    }
    setEmpty(false);
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
        else
          setProblem(
            await loadStored(
              res.json.platformId,
              res.json.filingId,
              lang,
              res.status === 201 ? t('submitted') : t('alreadyStored'),
            ),
          );
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
          <button type="button" disabled={busy} onClick={() => void run('submit')}>
            {t('submit')}
          </button>
        </p>
      </form>
      <ProblemView answer={problem} />
      {shown?.note && (
        <p role="status" class="ok">
          {shown.note} <a href={href('platforms', shown.platformId)}>{t('navMyFilings')}</a>
        </p>
      )}
      {shown && <ReportView report={shown.report} filing={shown.filing} downloads={downloads ?? undefined} />}
      {me.role === 'officer' && me.platforms.length > 0 && (
        <nav aria-label={t('navMyFilings')}>
          <h2>{t('navMyFilings')}</h2>
          <ul>
            {me.platforms.map((p) => (
              <li key={p}>
                <a href={href('platforms', p)}>{p}</a>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </div>
  );
}
