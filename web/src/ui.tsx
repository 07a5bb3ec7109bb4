// Shared pieces of every page: the app context (language, who is signed in), problems, loading, colour scale, links.

import { createContext, type ComponentChildren } from 'preact';
import { useContext } from 'preact/hooks';
import type { Answer } from './api';
import { text, type Key, type Lang } from './i18n';

/** Who is signed in (GET /v1/me). */
export interface Me {
  name: string;
  role: 'officer' | 'supervisor' | 'auditor';
  platforms: string[];
  expires: string | null;
}

export interface AppState {
  lang: Lang;
  me: Me;
  t: (key: Key) => string;
  go: (hash: string) => void;
}

export const App = createContext<AppState>(null as unknown as AppState);
export const useApp = () => useContext(App);

/** A problem answer (RFC 9457) as people read it: the detail and every located problem. */
export function ProblemView({ answer }: { answer: Answer | null | undefined }) {
  const { t } = useApp();
  if (!answer || answer.ok) return null;
  const doc = answer.json as {
    detail?: string;
    code?: string;
    problems?: { message: string; pointer?: string; line?: number; column?: number; file?: string }[];
  } | null;
  const head =
    answer.status === 403
      ? t('forbidden')
      : answer.status === 404
        ? t('notFound')
        : (doc?.detail ?? `${t('error')} ${answer.status}`);
  return (
    <div role="alert" class="problem">
      <p>
        <strong>{t('error')}</strong> ({answer.status}
        {doc?.code ? ` ${doc.code}` : ''}): {head}
      </p>
      {doc?.problems && doc.problems.length > 0 && (
        <ul>
          {doc.problems.map((p, i) => (
            <li key={i}>
              {p.file ? `${p.file}${p.line ? `:${p.line}:${p.column ?? 1}` : ''} ` : ''}
              {p.pointer ? <code>{p.pointer}</code> : null} {p.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function Loading() {
  const { t } = useApp();
  return (
    <p role="status" aria-live="polite">
      {t('loading')}
    </p>
  );
}

/** The shade class of a failure count: 0 green, then four steps of red up to the largest count. */
export function shade(n: number, max: number): string {
  if (n <= 0) return 'c0';
  if (max <= 1) return 'c4';
  return `c${Math.min(4, 1 + Math.floor(((n - 1) / (max - 1)) * 3.999))}`;
}

export function Section({
  title,
  children,
  id,
}: {
  title: string;
  children: ComponentChildren;
  id?: string;
}) {
  const hid = id ?? `h-${title.replace(/\W+/g, '-')}`;
  return (
    <section aria-labelledby={hid}>
      <h2 id={hid}>{title}</h2>
      {children}
    </section>
  );
}

/** A verdict badge in the page's language. */
export function Verdict({ verdict }: { verdict: 'pass' | 'fail' | 'error' }) {
  const { t } = useApp();
  return <span class={`verdict v-${verdict}`}>{t(`verdict_${verdict}` as Key)}</span>;
}

export const tr = (lang: Lang, key: string) => text(lang, key as Key);

/** Formats a number for people: thousands separators, up to two decimals. */
export const num = (v: unknown): string =>
  typeof v === 'number'
    ? new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }).format(v)
    : v === null || v === undefined
      ? '—'
      : String(v);

/** The href of an in-app page. */
export const href = (...parts: string[]) => '#/' + parts.map((p) => encodeURIComponent(p)).join('/');
