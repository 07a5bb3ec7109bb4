// Shared pieces of every page: the app context (language, who is signed in), problems, loading, colour scale, links.

import { createContext, type ComponentChildren } from 'preact';
import { useContext } from 'preact/hooks';
import { readablePointer } from '../../src/report/readable.js';
import type { Answer } from './api';
import { beijingTime } from './format';
import { text, textOr, type Key, type Lang } from './i18n';

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

/** Text the API wrote for people (a problem's detail, a lint message, a report's own words): marked so a reader
 * (and the test that no English is left on a Chinese page) can tell it from the console's own words. */
export function ApiText({ children }: { children: ComponentChildren }) {
  return <span data-api="">{children}</span>;
}

/** A filing's JSON pointer in the reader's words, or null where the glossary does not know a field (the pointer says it). */
export function readableField(pointer: string, lang: Lang): string | null {
  const words = readablePointer(pointer, lang);
  return lang === 'zh' && /[A-Za-z]{2,}/.test(words) ? null : words;
}

/** A sentence with `{name}` holes filled by elements (a command or a parameter name in code). */
export function fill(template: string, parts: Record<string, ComponentChildren>): ComponentChildren[] {
  return template.split(/(\{[a-zA-Z]+\})/).map((piece) => {
    const m = /^\{([a-zA-Z]+)\}$/.exec(piece);
    return m && Object.hasOwn(parts, m[1]!) ? parts[m[1]!] : piece;
  });
}

/** An id, a code, a version or a name as data (not words of the console). */
export function Id({ children }: { children: ComponentChildren }) {
  return <span data-id="">{children}</span>;
}

interface ProblemDoc {
  detail?: string;
  code?: string;
  problems?: { message: string; pointer?: string; line?: number; column?: number; file?: string }[];
}

/** The console's own sentence for a problem: by its code where the console knows it, else by its status. */
export function problemSentence(lang: Lang, status: number, code: string | undefined, count: number): string {
  const byCode = code ? textOr(lang, `problem_${code}`, '') : '';
  const byStatus = textOr(lang, `problem_${status}`, '');
  const s = byCode || byStatus || `${text(lang, 'error')} ${status}`;
  return s.replaceAll('{n}', String(count));
}

/**
 * A problem answer (RFC 9457) as people read it: the console's sentence for it in the page's language, then the
 * API's own detail and every located problem (marked as the API's text). `filing` shows pointers as the filing's
 * field names.
 */
export function ProblemView({ answer, filing }: { answer: Answer | null | undefined; filing?: boolean }) {
  const { t, lang } = useApp();
  if (!answer || answer.ok) return null;
  const doc = answer.json as ProblemDoc | null;
  const problems = doc?.problems ?? [];
  const sentence = problemSentence(lang, answer.status, doc?.code, problems.length);
  const detail = doc?.detail && doc.detail !== sentence ? doc.detail : null;
  return (
    <div role="alert" class="problem">
      <p>
        <strong>{t('error')}</strong> ({answer.status}
        {doc?.code ? (
          <>
            {' '}
            <code>{doc.code}</code>
          </>
        ) : null}
        ){lang === 'zh' ? '：' : ': '}
        {sentence}
      </p>
      {detail && problems.length <= 1 && (
        <p class="note">
          {t('apiSays')} <ApiText>{detail}</ApiText>
        </p>
      )}
      {problems.length > 0 && (
        <ul>
          {problems.slice(0, 100).map((p, i) => (
            <li key={i}>
              {p.file ? (
                <code>
                  {p.file}
                  {p.line ? `:${p.line}:${p.column ?? 1}` : ''}
                </code>
              ) : p.line ? (
                <code>
                  {p.line}:{p.column ?? 1}
                </code>
              ) : null}{' '}
              {p.pointer ? (
                <>
                  {filing && readableField(p.pointer, lang) ? `${readableField(p.pointer, lang)} ` : ''}
                  <code>{p.pointer}</code>
                </>
              ) : null}{' '}
              <ApiText>{p.message}</ApiText>
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

/** The class of a grid cell: by the most severe failure in it (none: green), never by how many. */
export function severityShade(worst: string | undefined, count: number): string {
  if (count <= 0 || !worst) return 'c0';
  return `sev-${worst}`;
}

/** An instant in Beijing time, said so in the page's language. */
export function Time({ iso, zone = true }: { iso: string | null | undefined; zone?: boolean }) {
  const { t } = useApp();
  if (!iso) return <>—</>;
  return (
    <time dateTime={iso}>
      {beijingTime(iso)}
      {zone ? ` ${t('beijingTime')}` : ''}
    </time>
  );
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
