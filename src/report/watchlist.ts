// The watchlist for people (DESIGN §5.1): a table in the reader's language — level, platform, the rules, and the trend.

import type { WatchEntry } from '../engine/watchlist.js';
import type { Lang } from '../rules/types.js';
import { formatMoney, formatNumber, formatPercent } from './message.js';
import { columns } from './table.js';

/** The watchlist's words in each language (the text table's and the HTML page's). */
export const WATCH_WORDS: Record<Lang, { header: string[]; empty: string; title: string; none: string; arrow: string }> = {
  en: { title: 'Watchlist', header: ['level', 'platform', 'filing', 'rules', 'members (reference → now)', 'mean share (reference → now)'], empty: 'No platform on the watchlist.', none: '—', arrow: ' → ' },
  zh: { title: '预警名单', header: ['预警等级', '平台', '报送', '规则', '活跃会员（参考 → 本期）', '人均分摊（参考 → 本期）'], empty: '预警名单为空。', none: '—', arrow: ' → ' },
};

/** `ref → now (±x %)`, for members or a mean share. */
function change(ref: number | null, now: number | null, lang: Lang, show: (n: number) => string): string {
  const w = WATCH_WORDS[lang];
  const text = `${ref === null ? w.none : show(ref)}${w.arrow}${now === null ? w.none : show(now)}`;
  if (ref === null || now === null || ref === 0) return text;
  const rate = (now - ref) / ref;
  return `${text} (${rate > 0 ? '+' : ''}${formatPercent(rate, lang)})`;
}

/** The watchlist's rows in `lang`: level, platform, filing, rules, and the trends. */
export function watchRows(entries: readonly WatchEntry[], lang: Lang): string[][] {
  return entries.map((e) => [
    formatNumber(e.level, 1),
    `${e.name} (${e.platformId})`,
    `${e.filingId} (${e.asOf})`,
    e.rules.join(lang === 'zh' ? '、' : ', '),
    change(e.trend.membersActive[0], e.trend.membersActive[1], lang, (n) => formatNumber(n)),
    change(e.trend.meanPerMemberShareCny[0], e.trend.meanPerMemberShareCny[1], lang, formatMoney),
  ]);
}

/** The watchlist as a table in `lang`, with its title; a line saying it is empty when it is. */
export function formatWatchlist(entries: readonly WatchEntry[], lang: Lang): string {
  const w = WATCH_WORDS[lang];
  if (entries.length === 0) return `${w.title}\n${w.empty}\n`;
  return `${w.title}\n${columns(w.header, watchRows(entries, lang))}\n`;
}
