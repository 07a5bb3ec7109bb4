// The console's shell: sign-in with a token (kept for this tab), the language switch (语言 / Language), navigation by role, hash routes.
// Every request asks the API in the console's language; each route is mounted afresh, so a page that failed (404) never
// sticks to the next one.

import { render, type ComponentType } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { call, session, setApiLang, type Answer } from './api';
import { initialLang, rememberLang, text, type Key, type Lang } from './i18n';
import { AuditPage } from './pages/audit';
import { CheckPage } from './pages/check';
import { FilingPage } from './pages/filing';
import { OrdersPage } from './pages/orders';
import { PlatformPage } from './pages/platform';
import { PlatformsPage } from './pages/platforms';
import { RulesPage } from './pages/rules';
import { preloadPlatformNames, resetPlatformNames } from './names';
import { App, fill, Id, Loading, ProblemView, type Me } from './ui';
import './style.css';

/** The route in the hash: `#/platforms/p1/filings/f1?x=y` → ['platforms','p1','filings','f1'] and its query. */
function readHash(): { parts: string[]; query: URLSearchParams } {
  const raw = location.hash.replace(/^#\/?/, '');
  const [path = '', q = ''] = raw.split('?');
  return { parts: path.split('/').filter(Boolean).map(decodeURIComponent), query: new URLSearchParams(q) };
}

function useHash() {
  const [h, setH] = useState(readHash());
  useEffect(() => {
    const on = () => setH(readHash());
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return h;
}

/** The editor page (with CodeMirror) is its own chunk, loaded when first opened. */
function LazyEditor({ initialRule }: { initialRule?: string }) {
  const [Page, setPage] = useState<ComponentType<{ initialRule?: string }> | null>(null);
  useEffect(() => {
    void import('./pages/editor').then((m) => setPage(() => m.EditorPage));
  }, []);
  return Page ? <Page initialRule={initialRule} /> : <Loading />;
}

function SignIn({ lang, onSignedIn }: { lang: Lang; onSignedIn: (me: Me) => void }) {
  const t = (k: Key) => text(lang, k);
  const [token, setToken] = useState('');
  const [answer, setAnswer] = useState<Answer | null>(null);
  return (
    <main id="main">
      <h1>{t('appName')}</h1>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          session.set(token.trim());
          const res = await call<Me>('/v1/me');
          if (res.ok) onSignedIn(res.json);
          else {
            session.clear();
            setAnswer(res);
          }
        }}
      >
        <p>
          <label for="token">{t('token')}</label>
          <br />
          <input
            id="token"
            type="password"
            autocomplete="off"
            size={60}
            value={token}
            required
            aria-describedby="token-help"
            onInput={(e) => setToken((e.target as HTMLInputElement).value)}
          />
        </p>
        <p id="token-help" class="note">
          {fill(t('tokenHelp'), { command: <code>compliance token create</code> })}
        </p>
        <button type="submit">{t('signIn')}</button>
      </form>
      {answer && (
        <div role="alert" class="problem">
          <p>
            {t('signInFailed')} ({answer.status}
            {answer.json?.code ? (
              <>
                {' '}
                <code>{answer.json.code}</code>
              </>
            ) : null}
            )
          </p>
        </div>
      )}
    </main>
  );
}

function Shell() {
  const [lang, setLang] = useState<Lang>(initialLang());
  const [me, setMe] = useState<Me | null>(null);
  const [checking, setChecking] = useState(session.get() !== null);
  const [meProblem, setMeProblem] = useState<Answer | null>(null);
  const route = useHash();
  // before any request of this render's effects: the API answers people in the console's language
  setApiLang(lang);
  useEffect(() => rememberLang(lang), [lang]);
  useEffect(() => {
    if (!session.get()) return;
    void call<Me>('/v1/me').then((res) => {
      if (res.ok) {
        preloadPlatformNames();
        setMe(res.json);
      } else {
        session.clear();
        if (res.status !== 401) setMeProblem(res);
      }
      setChecking(false);
    });
  }, []);
  const t = (k: Key) => text(lang, k);
  const state = useMemo(
    () => (me ? { lang, me, t, go: (h: string) => (location.hash = h) } : null),
    [lang, me],
  );
  useEffect(() => {
    document.title = `${t('appName')}`;
  }, [lang]);

  const switcher = (
    <p class="lang" data-id="">
      <label for="lang-switch">{text(lang, 'language')}</label>{' '}
      <select
        id="lang-switch"
        value={lang}
        onChange={(e) => setLang((e.target as HTMLSelectElement).value as Lang)}
      >
        <option value="zh">中文</option>
        <option value="en">English</option>
      </select>
    </p>
  );

  if (checking) return <p role="status">{t('loading')}</p>;
  if (!me || !state)
    return (
      <>
        <header class="top">{switcher}</header>
        {meProblem && <ProblemView answer={meProblem} />}
        <SignIn
          lang={lang}
          onSignedIn={(m) => {
            preloadPlatformNames();
            setMe(m);
          }}
        />
      </>
    );

  const [page = me.role === 'officer' ? 'check' : 'platforms', a, b, c] = route.parts;
  let body;
  if (page === 'check' && me.role !== 'auditor') body = <CheckPage />;
  else if (page === 'platforms' && a && b === 'filings' && c)
    body = <FilingPage platform={a} filingId={c} family={route.query.get('family') ?? undefined} />;
  else if (page === 'platforms' && a) body = <PlatformPage platform={a} />;
  else if (page === 'platforms') body = <PlatformsPage />;
  else if (page === 'rules') body = <RulesPage />;
  else if (page === 'editor' && me.role !== 'officer')
    body = <LazyEditor initialRule={route.query.get('rule') ?? undefined} />;
  else if (page === 'audit' && me.role !== 'officer') body = <AuditPage />;
  else if (page === 'orders') body = <OrdersPage initialState={route.query.get('state') ?? undefined} />;
  else body = <p>{t('notFound')}</p>;

  const links: [string, Key][] = [
    ...(me.role !== 'auditor' ? ([['#/check', 'navCheck']] as [string, Key][]) : []),
    // an officer of one platform goes straight to its filings
    [
      me.role === 'officer' && me.platforms.length === 1
        ? `#/platforms/${encodeURIComponent(me.platforms[0]!)}`
        : '#/platforms',
      me.role === 'officer' ? 'navMyFilings' : 'navPlatforms',
    ],
    ['#/orders', 'navOrders'],
    ['#/rules', 'navRules'],
    ...(me.role !== 'officer'
      ? ([
          ['#/editor', 'navEditor'],
          ['#/audit', 'navAudit'],
        ] as [string, Key][])
      : []),
  ];
  const current = route.parts.length > 0 ? `#/${route.parts.map(encodeURIComponent).join('/')}` : `#/${page}`;
  return (
    <App.Provider value={state}>
      <header class="top">
        <p class="brand">{t('appName')}</p>
        <nav aria-label={t('mainNav')}>
          <ul>
            {links.map(([h, k]) => (
              <li key={h}>
                <a href={h} aria-current={current === h ? 'page' : undefined}>
                  {t(k)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        {switcher}
        <p class="who">
          {t('signedInAs')} <Id>{me.name}</Id> ({t(`role_${me.role}` as Key)}){' '}
          <button
            type="button"
            onClick={() => {
              session.clear();
              resetPlatformNames();
              setMe(null);
              location.hash = '';
            }}
          >
            {t('signOut')}
          </button>
        </p>
      </header>
      {/* keyed by the route: every navigation mounts the page anew, with no state (a 404) left from the last */}
      <main id="main" key={`${route.parts.join('/')}?${route.query.toString()}`}>
        {body}
      </main>
    </App.Provider>
  );
}

render(<Shell />, document.getElementById('app')!);
