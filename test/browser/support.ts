// Browser test support: Debian's Chromium driven by playwright-core, a real service on 127.0.0.1 (port 0)
// over a fresh SQLite file seeded with the bundled pack, the console built from web/ for this run, axe-core.

import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, expect } from 'vitest';
import { createApp } from '../../src/http/app.js';
import { BUNDLED_RULES_DIR, readRuleSources } from '../../src/rules/load.js';
import { seedRuleSet } from '../../src/store/seed.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { issueToken } from '../../src/store/tokens.js';

export const CHROMIUM = '/usr/bin/chromium';
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Screenshots and downloads of the browser tests (gitignored). */
export const ARTIFACTS = join(ROOT, 'test-artifacts', 'console');

/** Whether the browser tests can run; when they cannot, says why in one line (and CI fails instead: COMPLIANCE_REQUIRE_BROWSER=1). */
export function browserAvailability(): { ok: true } | { ok: false; why: string } {
  if (existsSync(CHROMIUM)) return { ok: true };
  return {
    ok: false,
    why: `browser tests skipped: ${CHROMIUM} not found (apt-get install -y chromium; CI sets COMPLIANCE_REQUIRE_BROWSER=1 to fail instead)`,
  };
}

/** The tokens of the console's users. */
export interface ConsoleTokens {
  officer: string;
  otherOfficer: string;
  supervisor: string;
  auditor: string;
}

export interface ConsoleServer {
  url: string;
  tokens: ConsoleTokens;
  close(): Promise<void>;
}

let built: string | null = null;

/** Builds the console from web/ into a temporary folder, once per test file. */
export async function buildConsole(): Promise<string> {
  if (built) return built;
  const outDir = mkdtempSync(join(tmpdir(), 'compliance-web-'));
  await build({
    configFile: join(ROOT, 'web', 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  built = outDir.endsWith('/') ? outDir : `${outDir}/`;
  return built;
}

/** Removes the console built for this test file (call in afterAll). */
export function removeConsoleBuild(): void {
  if (built) rmSync(built, { recursive: true, force: true });
  built = null;
}

/** The officer's platform (examples/filings/fund-pool.yaml) and another officer's. */
export const OFFICER_PLATFORM = 'kangai-gongshe';
export const OTHER_PLATFORM = 'xianghubao';

/** Starts the service with the console on a fresh SQLite file; tokens for each role. */
export async function startConsoleServer(): Promise<ConsoleServer> {
  const consoleDir = await buildConsole();
  const tmp = mkdtempSync(join(tmpdir(), 'compliance-browser-'));
  const store = openSqliteStore(join(tmp, 'compliance.db'));
  await seedRuleSet(store, readRuleSources(BUNDLED_RULES_DIR), 'seeded with the bundled rule pack');
  const issue = async (name: string, role: 'officer' | 'supervisor' | 'auditor', platforms: string[] = []) =>
    (await issueToken(store, { name, role, platforms, expiresAt: null }, 'test')).secret;
  const tokens: ConsoleTokens = {
    officer: await issue('olive', 'officer', [OFFICER_PLATFORM]),
    otherOfficer: await issue('oscar', 'officer', [OTHER_PLATFORM]),
    supervisor: await issue('sam', 'supervisor'),
    auditor: await issue('ada', 'auditor'),
  };
  const { app } = await createApp({ store, rateLimit: 0, consoleDir });
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    tokens,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/** Chromium with a fresh user-data folder, the flags a CI container needs, and nothing fetched from outside. */
export async function launch(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'compliance-chromium-'));
  const context = await chromium.launchPersistentContext(dataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
    locale: 'en-US',
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const AXE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/** axe-core's serious and critical violations on the page as it is now (rule id, impact, nodes). */
export async function seriousViolations(
  page: Page,
): Promise<{ id: string; impact: string; help: string; nodes: string[] }[]> {
  // evaluated through the DevTools protocol, so the service's Content-Security-Policy does not block it
  await page.evaluate(AXE);
  // page-side code as a string: the tests are type-checked without the DOM library
  const result = (await page.evaluate(`(async () => {
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  })()`)) as { id: string; impact: string; help: string; nodes: string[] }[];

  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Saves a full-page screenshot and one of the first screen (what docs/console.md shows) under test-artifacts/console/. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.screen.png`), fullPage: false });
}

/** Presses Tab until the focused element has this accessible name (role optional); fails after `max` presses. */
export async function tabTo(page: Page, name: RegExp, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const label = await page.evaluate(`(() => {
      const el = document.activeElement;
      if (!el) return '';
      const labelled = el.getAttribute('aria-label');
      if (labelled) return labelled;
      const lab = el.id ? document.querySelector('label[for="' + CSS.escape(el.id) + '"]') : null;
      return ((lab && lab.textContent) || el.textContent || '').trim();
    })()`);
    if (typeof label !== 'string') continue;

    if (name.test(label)) return;
  }
  throw new Error(`Tab never reached ${name}`);
}

/** The text of an example filing. */
export const example = (name: string) => readFileSync(join(ROOT, 'examples', 'filings', name), 'utf8');

/**
 * Polls a page-side expression until it is truthy. Each poll is a DevTools-protocol evaluation, which the
 * service's Content-Security-Policy allows (page.waitForFunction evaluates strings in the page: 'unsafe-eval').
 */
export async function waitUntil(page: Page, expression: string, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await page.evaluate(expression))) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${expression}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** A request to the service with a token, as a test seeds or checks what the console shows. */
export async function api(
  server: ConsoleServer,
  token: string,
  method: string,
  path: string,
  body?: unknown,
  type = 'application/json',
): Promise<{ status: number; json: Json; text: string }> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body !== undefined ? { 'content-type': type } : {}),
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: Json;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: res.status, json, text };
}

/** What a console test needs: the server, a fresh browser per page, signing in, axe with a screenshot, the language. */
export interface Harness {
  readonly server: ConsoleServer;
  newPage(): Promise<Page>;
  signIn(page: Page, token: string): Promise<void>;
  expectAccessible(page: Page, name: string): Promise<void>;
  setLanguage(page: Page, lang: 'en' | 'zh'): Promise<void>;
}

/**
 * Registers beforeAll/afterAll for a describe block: a service with the console (seeded by `seed`), browsers closed
 * at the end. Pages fail their test on any error thrown in the page.
 */
export function consoleHarness(seed?: (server: ConsoleServer) => Promise<void>): Harness {
  let server: ConsoleServer | null = null;
  const browsers: { context: BrowserContext; close(): Promise<void> }[] = [];
  beforeAll(async () => {
    server = await startConsoleServer();
    await seed?.(server);
  }, 180_000);
  afterAll(async () => {
    for (const b of browsers) await b.close();
    await server?.close();
    removeConsoleBuild();
  });
  const harness: Harness = {
    get server() {
      if (!server) throw new Error('the console server is not started');
      return server;
    },
    async newPage() {
      const browser = await launch();
      browsers.push(browser);
      const page = browser.context.pages()[0] ?? (await browser.context.newPage());
      page.setDefaultTimeout(20_000); // generous: the suite shares two cores with other test files
      page.on('pageerror', (e) => {
        throw e;
      });
      return page;
    },
    async signIn(page, token) {
      await page.goto(`${harness.server.url}/`);
      await page.getByLabel(/Access token|访问令牌/).fill(token);
      await page.getByRole('button', { name: /^(Sign in|登录)$/ }).click();
      await page.getByRole('navigation', { name: /Main|主导航/ }).waitFor();
    },
    async expectAccessible(page, name) {
      const serious = await seriousViolations(page);
      expect(serious, `${name}: ${JSON.stringify(serious, null, 1)}`).toEqual([]);
      await screenshot(page, name);
    },
    async setLanguage(page, lang) {
      await page.getByLabel('语言 / Language').selectOption(lang);
    },
  };
  return harness;
}

/** Clicks (or presses) what starts a download and gives back the downloaded file's name and text. */
export async function downloadText(
  page: Page,
  start: () => Promise<void>,
): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), start()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

/** CSV text (RFC 4180, a leading byte-order mark allowed) as rows of fields. */
export function parseCsv(text: string): string[][] {
  const s = text.replace(/^\ufeff/, '');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && s[i + 1] === '\n') {
      // the \n ends the row
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** The rows of an HTML table as the cells' text (header row first), read in the page. */
export async function tableRows(page: Page, selector: string): Promise<string[][]> {
  return (await page.evaluate(`(() => {
    const t = document.querySelector(${JSON.stringify(selector)});
    if (!t) return null;
    return [...t.querySelectorAll('tr')].map((tr) => [...tr.children].map((c) => c.innerText.replace(/[↕▲▼]/g, '').trim()));
  })()`)) as string[][];
}

/**
 * Latin words on the page that are the console's own (not the API's text, not ids, codes or names): the page's text
 * and its accessible names (aria-label, title, placeholder, alt) without what is marked `data-api` (text the API
 * wrote) or `data-id` (ids, codes, versions, names, data), `<code>`, `<pre>` and the editor's text; rule ids
 * (LIC-001), order and token ids and the format names JSON, YAML, SARIF, HTML and CSV are allowed.
 */
export async function englishWords(page: Page): Promise<string[]> {
  const text = (await page.evaluate(`(() => {
    const out = [];
    const skip = '[data-api], [data-id], code, pre, script, style, textarea, .cm-editor';
    const walk = (el) => {
      if (el.matches && el.matches(skip)) return;
      for (const a of ['aria-label', 'title', 'placeholder', 'alt']) if (el.getAttribute && el.getAttribute(a)) out.push(el.getAttribute(a));
      for (const n of el.childNodes) {
        if (n.nodeType === 3) out.push(n.nodeValue);
        else if (n.nodeType === 1) walk(n);
      }
    };
    walk(document.body);
    return out.join(' ');
  })()`)) as string;
  const cleaned = text
    .replace(/\b[A-Z]{2,8}-\d{3}\b/g, ' ')
    .replace(/\b(ord|tok)_[0-9a-f]+\b/g, ' ')
    .replace(/\bsha256:[0-9a-f]+/g, ' ');
  const allowed = new Set(['JSON', 'YAML', 'SARIF', 'HTML', 'CSV']);
  return [...new Set(cleaned.match(/[A-Za-z]{2,}/g) ?? [])].filter((w) => !allowed.has(w));
}
