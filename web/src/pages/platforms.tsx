// Supervisor and auditor (officer: own platforms): every platform with its latest verdict, and the grid platforms × rule families (GET /v1/platforms).

import { useEffect, useState } from 'preact/hooks';
import { call, type Answer } from '../api';
import { FAMILIES, type Key } from '../i18n';
import { href, Loading, ProblemView, shade, useApp, Verdict } from '../ui';

interface PlatformItem {
  platformId: string;
  name: string;
  filings: number;
  latest: {
    filingId: string;
    period: { start: string; end: string };
    verdict: 'pass' | 'fail' | 'error';
    bySeverity: Record<string, number> | null;
    failedByFamily: Record<string, number>;
  };
  openOrders: number;
}

export function PlatformsPage() {
  const { t } = useApp();
  const [answer, setAnswer] = useState<Answer<{ platforms: PlatformItem[] }> | null>(null);
  useEffect(() => {
    void call('/v1/platforms').then(setAnswer);
  }, []);
  if (!answer) return <Loading />;
  if (!answer.ok) return <ProblemView answer={answer} />;
  const platforms = answer.json.platforms;
  let max = 0;
  for (const p of platforms) for (const f of FAMILIES) max = Math.max(max, p.latest.failedByFamily[f] ?? 0);
  return (
    <div>
      <h1>{t('platformsTitle')}</h1>
      {platforms.length === 0 && <p>{t('noPlatforms')}</p>}
      {platforms.length > 0 && (
        <>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('platform')}</th>
                <th scope="col">{t('latestFiling')}</th>
                <th scope="col">{t('period')}</th>
                <th scope="col">{t('verdict')}</th>
                <th scope="col">{t('filings')}</th>
                <th scope="col">{t('openOrders')}</th>
              </tr>
            </thead>
            <tbody>
              {platforms.map((p) => (
                <tr key={p.platformId}>
                  <th scope="row">
                    <a href={href('platforms', p.platformId)}>
                      {p.name} ({p.platformId})
                    </a>
                  </th>
                  <td>
                    <a href={href('platforms', p.platformId, 'filings', p.latest.filingId)}>
                      {p.latest.filingId}
                    </a>
                  </td>
                  <td>
                    {p.latest.period.start} – {p.latest.period.end}
                  </td>
                  <td>
                    <Verdict verdict={p.latest.verdict} />
                  </td>
                  <td>{p.filings}</td>
                  <td>{p.openOrders}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2 id="grid-h">{t('failuresGrid')}</h2>
          <p class="note">{t('gridLegend')}</p>
          <table class="grid" aria-labelledby="grid-h">
            <thead>
              <tr>
                <th scope="col">{t('platform')}</th>
                {FAMILIES.map((f) => (
                  <th scope="col" key={f}>
                    {t(`family_${f}` as Key)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {platforms.map((p) => (
                <tr key={p.platformId}>
                  <th scope="row">
                    <a href={href('platforms', p.platformId)}>{p.platformId}</a>
                  </th>
                  {FAMILIES.map((f) => {
                    const n = p.latest.failedByFamily[f] ?? 0;
                    return (
                      <td key={f} class={`n ${shade(n, max)}`} data-family={f}>
                        {n}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
