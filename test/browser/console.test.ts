// The console end to end in Chromium: the officer's and the supervisor's tasks of issues 11 and 18 (in zh and en,
// keyboard only where the issues say), the other officer and the auditor, axe-core on every page, screenshots as
// artefacts. The overview, the stuck 404, confirmations and the Chinese pages have files of their own beside this one.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ARTIFACTS,
  browserAvailability,
  consoleHarness,
  example,
  OFFICER_PLATFORM,
  screenshot,
  seriousViolations,
  tabTo,
  waitUntil,
} from './support.js';

const available = browserAvailability();
if (!available.ok) {
  // one clear line instead of silence; CI turns it into a failure
  console.warn(available.why);
}
const requireBrowser = process.env.COMPLIANCE_REQUIRE_BROWSER === '1';

describe.runIf(!available.ok && requireBrowser)('browser required', () => {
  it('Chromium is installed (COMPLIANCE_REQUIRE_BROWSER=1)', () => {
    expect(available.ok, available.ok ? '' : available.why).toBe(true);
  });
});

const FILING_ID = 'kangai-2019-06b';
const PASSING = 'licensed-mutual-insurer.yaml'; // xinmei-mutual: passes the pack as shipped

describe.runIf(available.ok)('the console in Chromium', { timeout: 120_000 }, () => {
  const h = consoleHarness(async (server) => {
    // a passing platform for the supervisor's preview to flip
    const res = await fetch(`${server.url}/v1/filings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.tokens.supervisor}`, 'content-type': 'application/yaml' },
      body: example(PASSING),
    });
    expect(res.status).toBe(201);
  });
  const { newPage, signIn, expectAccessible, setLanguage } = h;

  /** The officer's filing stored (idempotent: the same document again is 200), for tests run on their own. */
  async function ensureStored(): Promise<void> {
    const res = await fetch(`${h.server.url}/v1/filings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${h.server.tokens.supervisor}`, 'content-type': 'application/yaml' },
      body: example('fund-pool.yaml'),
    });
    expect([200, 201]).toContain(res.status);
  }

  it('sign-in page: the token field and the language switch have names in both languages', async () => {
    const page = await newPage();
    await page.goto(`${h.server.url}/`);
    await expect(page.getByLabel('语言 / Language').isVisible()).resolves.toBe(true);
    await expectAccessible(page, 'sign-in');
    // the check can fail: a button without a name is a critical violation
    // (page-side code is written as strings: the tests are type-checked without the DOM library)
    await page.evaluate("document.body.appendChild(document.createElement('button')).id = 'nameless'");
    expect((await seriousViolations(page)).map((v) => v.id)).toContain('button-name');
    await page.evaluate("document.getElementById('nameless').remove()");
    await page.getByLabel('Access token').fill('not-a-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText('The token was refused.').waitFor();
    await setLanguage(page, 'zh');
    await page.getByLabel('访问令牌').waitFor();
    await page.getByRole('button', { name: '登录' }).waitFor();
    await setLanguage(page, 'en');
    await page.close();
  });

  it('officer: checks a draft with failing rules, reads evidence and citation in en and zh, submits it, downloads SARIF and HTML', async () => {
    const page = await newPage();
    await signIn(page, h.server.tokens.officer);
    await page.getByRole('heading', { name: 'Check a filing' }).waitFor();
    await page.getByLabel('Filing (JSON or YAML)').fill(example('fund-pool.yaml'));
    await page.getByRole('button', { name: 'Check draft' }).click();
    const report = page.getByRole('region', { name: new RegExp(`Report: ${FILING_ID}`) });
    await report.waitFor();
    await expect(report.getByText('FAIL', { exact: true }).first().isVisible()).resolves.toBe(true);
    // LIC-001: message, the pointed fields with their values, the legal basis and the remediation
    const lic = page.getByRole('article', { name: /^LIC-001/ });
    await lic.waitFor();
    const licText = await lic.innerText();
    expect(licText).toMatch(/Legal basis:/);
    expect(licText).toMatch(/Remediation:/);
    expect(
      await lic
        .getByRole('table', { name: 'Fields pointed at in the filing' })
        .locator('code')
        .first()
        .innerText(),
    ).toMatch(/^\/products\/\d/);
    const englishTitle = await page.getByRole('heading', { name: /^LIC-001/ }).innerText();
    await page.evaluate("document.getElementById('report-h').scrollIntoView()");
    await expectAccessible(page, 'officer-check-en');

    // the same report in Chinese: headings, statuses and the report's own text
    await setLanguage(page, 'zh');
    await page.getByRole('region', { name: new RegExp(`检查报告: ${FILING_ID}`) }).waitFor();
    await page
      .getByRole('heading', { name: /^LIC-001/ })
      .filter({ hasNotText: englishTitle.slice(10) })
      .waitFor();
    const licZh = await page.getByRole('article', { name: /^LIC-001/ }).innerText();
    expect(licZh).toMatch(/依据:/);
    expect(licZh).toMatch(/整改要求:/);
    expect(licZh).toMatch(/不合规/);
    expect(licZh).toMatch(/[\u4e00-\u9fff]{4,}/);
    await page.evaluate("document.getElementById('report-h').scrollIntoView()");
    await expectAccessible(page, 'officer-check-zh');

    // submit: asked to confirm, then a receipt; then download the stored report as SARIF and HTML
    await page.getByRole('button', { name: '正式报送' }).click();
    const confirm = page.getByRole('dialog', { name: '确认正式报送？' });
    await confirm.waitFor();
    expect(await confirm.innerText()).toContain(FILING_ID);
    expect(await confirm.innerText()).toContain('康爱公社');
    await expectAccessible(page, 'officer-submit-confirm-zh');
    await confirm.getByRole('button', { name: '确认报送' }).click();
    await page.getByRole('status').filter({ hasText: '已报送并保存。' }).waitFor();
    const receipt = page.getByRole('region', { name: '报送回执' });
    await receipt.waitFor();
    const receiptText = await receipt.innerText();
    expect(receiptText).toContain(FILING_ID);
    expect(receiptText).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} （北京时间）/);
    expect(receiptText).toMatch(/第\d+版 sha256:[0-9a-f]{64}/);
    await receipt.scrollIntoViewIfNeeded();
    await expectAccessible(page, 'officer-receipt-zh');
    const [sarif] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载 SARIF' }).click(),
    ]);
    await sarif.saveAs(join(ARTIFACTS, `${FILING_ID}.sarif`));
    const log = JSON.parse(readFileSync(join(ARTIFACTS, `${FILING_ID}.sarif`), 'utf8'));
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0].results.length).toBeGreaterThan(3);
    expect(
      log.runs[0].results.some(
        (r: { locations: { physicalLocation?: { region?: { startLine: number } } }[] }) =>
          r.locations.some((l) => (l.physicalLocation?.region?.startLine ?? 0) > 1),
      ),
    ).toBe(true);
    const [html] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载 HTML' }).click(),
    ]);
    await html.saveAs(join(ARTIFACTS, `${FILING_ID}.html`));
    const page2 = readFileSync(join(ARTIFACTS, `${FILING_ID}.html`), 'utf8');
    expect(page2).toMatch(/^<!DOCTYPE html>/);
    expect(page2).toContain('<html lang="zh-CN">');
    expect(page2).not.toMatch(/\b(?:src|href)\s*=|<script|<link|url\(/i);

    // the platform's filings
    await page.getByRole('link', { name: '本平台报送材料' }).first().click();
    await page.getByRole('heading', { name: '平台: 康爱公社' }).waitFor();
    await page.getByRole('link', { name: FILING_ID }).waitFor();
    await expectAccessible(page, 'officer-platform-zh');
    await setLanguage(page, 'en');
    await page.close();
  });

  it('an officer of another platform cannot see that filing', async () => {
    await ensureStored();
    const page = await newPage();
    await signIn(page, h.server.tokens.otherOfficer);
    await page.goto(`${h.server.url}/#/platforms/${OFFICER_PLATFORM}/filings/${FILING_ID}`);
    await page
      .getByRole('alert')
      .filter({ hasText: /Not found|未找到/ })
      .waitFor();
    await page.goto(`${h.server.url}/#/platforms`);
    await page
      .getByRole('heading', { name: /Platforms|平台/ })
      .first()
      .waitFor();
    expect(await page.getByRole('link', { name: /康爱公社/ }).count()).toBe(0);
    await page.close();
  });

  it('officer, keyboard only: signs in and checks a draft', async () => {
    const page = await newPage();
    await page.goto(`${h.server.url}/`);
    await tabTo(page, /Access token/);
    await page.keyboard.type(h.server.tokens.officer);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Check a filing' }).waitFor();
    await tabTo(page, /Filing \(JSON or YAML\)/);
    await page.keyboard.insertText(example('fund-pool.yaml'));
    await tabTo(page, /^Check draft$/);
    await page.keyboard.press('Enter');
    await page.getByRole('region', { name: new RegExp(`Report: ${FILING_ID}`) }).waitFor();
    await page.getByRole('article', { name: /^LIC-001/ }).waitFor();
    await page.close();
  });

  it('supervisor: the platform grid, a platform’s charts, a filing, the rules in force', async () => {
    await ensureStored();
    const page = await newPage();
    await signIn(page, h.server.tokens.supervisor);
    await page.getByRole('heading', { name: 'Overview', exact: true }).waitFor();
    const grid = page.getByRole('table', { name: 'Failed findings by platform and rule family' });
    await grid.waitFor();
    const kangai = grid.getByRole('row', { name: /康爱公社/ });
    const licensing = kangai.locator('td[data-family="licensing"]');
    expect(parseInt(await licensing.innerText(), 10)).toBeGreaterThan(0);
    // one critical licence failure is the darkest cell, whatever the counts elsewhere
    expect(await licensing.getAttribute('class')).toMatch(/\bsev-critical\b/);
    const xinmei = grid.getByRole('row', { name: /信美/ });
    expect(await xinmei.locator('td.c0').count()).toBe(8);
    await expectAccessible(page, 'supervisor-platforms');

    await page.getByRole('table', { name: 'Platforms' }).getByRole('link', { name: '康爱公社' }).click();
    await page.getByRole('heading', { name: 'Charts over the filings' }).waitFor();
    for (const name of [
      'Active members per filing',
      'Mean per-member share per filing (CNY)',
      'Failed findings by severity per filing',
    ]) {
      const canvas = page.getByRole('img', { name });
      await canvas.waitFor();
      // Chart.js has drawn into it
      await waitUntil(
        page,
        `(() => { const c = document.querySelector('canvas[aria-label="${name}"]'); return !!c && c.width > 0 && c.getContext('2d').getImageData(0, 0, c.width, c.height).data.some((v) => v !== 0); })()`,
      );
    }
    await expectAccessible(page, 'supervisor-platform');

    await page.getByRole('link', { name: FILING_ID }).click();
    await page.getByRole('article', { name: /^LIC-001/ }).waitFor();
    await expectAccessible(page, 'supervisor-filing');

    await page.getByRole('link', { name: 'Rules in force' }).click();
    await page.getByRole('heading', { name: /^LIC-001/ }).waitFor();
    await page
      .getByRole('article', { name: /^FEE-001/ })
      .getByText('managementFeeCap')
      .waitFor();
    await expectAccessible(page, 'supervisor-rules');
    await page.close();
  });

  it('supervisor: opens a rectification order from a failed finding and closes it', async () => {
    await ensureStored();
    const page = await newPage();
    await signIn(page, h.server.tokens.supervisor);
    await page.goto(`${h.server.url}/#/platforms/${OFFICER_PLATFORM}/filings/${FILING_ID}`);
    await page.getByRole('button', { name: 'Open a rectification order (LIC-001)' }).click();
    const form = page.getByRole('form', { name: /Open a rectification order LIC-001/ });
    await form.getByLabel('Note').fill('licence needed');
    await form.getByRole('button', { name: 'Open a rectification order' }).click();
    await form.getByRole('status').filter({ hasText: 'Order opened' }).waitFor();
    await page.getByRole('link', { name: 'Rectification orders' }).first().click();
    const row = page.getByRole('row', { name: /LIC-001/ });
    await row.waitFor();
    await expectAccessible(page, 'supervisor-orders');
    await row.getByLabel(/Why it is closed/).fill('accepted');
    await row.getByRole('button', { name: /Close order/ }).click();
    await page
      .getByRole('row', { name: /LIC-001/ })
      .getByRole('cell', { name: 'Closed', exact: true })
      .waitFor();
    await page.close();
  });

  it('supervisor: edits a parameter, sees the lint error at its line, fixes it, previews the flip, publishes; a stale tab gets 412; rolls back', async () => {
    const page = await newPage();
    await signIn(page, h.server.tokens.supervisor);
    const stale = await newPage();
    await signIn(stale, h.server.tokens.supervisor);
    for (const p of [page, stale]) {
      await p.goto(`${h.server.url}/#/editor`);
      await p.getByRole('textbox', { name: 'YAML editor' }).waitFor();
      await p.getByText('No problem found.').waitFor();
    }
    const original = await page.evaluate(
      async () =>
        (
          (await (
            await fetch('/v1/parameters', {
              headers: { authorization: `Bearer ${sessionStorage.getItem('compliance.token')}` },
            })
          ).json()) as { yaml: string }
        ).yaml,
    );
    const entry = '  - { from: 2009-10-01, value: 0.08 }';
    const lines = original.split('\n');
    const line = lines.findIndex((l, i) => l === entry && lines[i - 1] === 'managementFeeCap:') + 1;
    expect(line).toBeGreaterThan(1);
    const at = (text: string) => lines.map((l, i) => (i === line - 1 ? text : l)).join('\n');

    const editor = page.getByRole('textbox', { name: 'YAML editor' });
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(at('  - { from: 2009-13-45, value: 0.07 }'));
    // marked at its line: the problem list names line:column, the gutter carries a marker on that line
    const problems = page.getByRole('region', { name: 'Problems' });
    await problems.getByRole('button', { name: `${line}:13` }).waitFor();
    expect(await problems.innerText()).toMatch(/not a calendar date/);
    // what the date breaks in the rules is marked here too, on the parameter's line, naming each rule
    expect(await problems.innerText()).toMatch(
      /parameter managementFeeCap breaks rule FEE-001 \(fee-001\.yaml:\d+:\d+\)/,
    );
    await page.locator('.cm-lint-marker-error').first().waitFor();
    const markerLine = await page.evaluate(`(() => {
      const marker = document.querySelector('.cm-lint-marker-error').getBoundingClientRect();
      const numbers = [...document.querySelectorAll('.cm-lineNumbers .cm-gutterElement')];
      return numbers.find((n) => Math.abs(n.getBoundingClientRect().top - marker.top) < 4)?.textContent;
    })()`);
    expect(markerLine).toBe(String(line));
    await page.locator('.cm-lintRange-error').first().waitFor();
    await expectAccessible(page, 'supervisor-editor-lint');

    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(at('  - { from: 2009-10-01, value: 0.07 }'));
    await problems.getByText('No problem found.').waitFor();

    await page.getByRole('button', { name: 'Preview the change' }).click();
    const preview = page.getByRole('region', { name: 'What the change would do' });
    await preview.getByRole('row', { name: /信美互助/ }).waitFor();
    expect(await preview.getByRole('row', { name: /信美互助/ }).innerText()).toMatch(/PASS → FAIL/);
    await preview.scrollIntoViewIfNeeded();
    await screenshot(page, 'supervisor-editor-preview');

    await page.getByLabel('Note for the audit log').fill('fee cap lowered to 7 %');
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    const confirmPublish = page.getByRole('dialog', { name: 'Publish this change?' });
    await confirmPublish.getByRole('button', { name: 'Confirm and publish' }).click();
    await page.getByRole('status').filter({ hasText: 'Published as version 2' }).waitFor();

    // the stale tab was opened on version 1
    const staleEditor = stale.getByRole('textbox', { name: 'YAML editor' });
    await staleEditor.click();
    await stale.keyboard.press('Control+A');
    await stale.keyboard.insertText(at('  - { from: 2009-10-01, value: 0.06 }'));
    await stale.getByLabel('Note for the audit log').fill('from a stale tab');
    await stale.getByRole('button', { name: 'Publish', exact: true }).click();
    const alert = stale.getByRole('alert').filter({ hasText: 'Someone published another version first' });
    await alert.waitFor();
    await alert.scrollIntoViewIfNeeded();
    await screenshot(stale, 'supervisor-editor-stale');
    await alert.getByRole('button', { name: 'Reload the version in force' }).click();
    await alert.waitFor({ state: 'detached' });
    // wait for what a person sees: the editor refilled with the version in force (on a busy machine
    // the alert goes before the new text is in)
    await stale.getByRole('textbox', { name: 'YAML editor' }).filter({ hasText: 'value: 0.07' }).waitFor();
    expect(await stale.getByRole('textbox', { name: 'YAML editor' }).innerText()).not.toContain(
      'value: 0.06',
    );

    // roll back to the first version
    await page.getByLabel('Why roll back').fill('the cap change was premature');
    await page.getByRole('button', { name: 'Roll back to this version 1' }).click();
    await page.getByRole('status').filter({ hasText: 'Rolled back; now in force: 3' }).waitFor();
    await page.getByRole('row', { name: /^3 .*\(current\)/ }).waitFor();
    await expectAccessible(page, 'supervisor-editor');

    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('cell', { name: 'Rolled back', exact: true }).waitFor();
    await expectAccessible(page, 'supervisor-audit');
    await stale.close();
    await page.close();
  });

  it('supervisor, keyboard only: edits the parameters and publishes', async () => {
    const page = await newPage();
    await page.goto(`${h.server.url}/`);
    await tabTo(page, /Access token/);
    await page.keyboard.type(h.server.tokens.supervisor);
    await page.keyboard.press('Enter');
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    await tabTo(page, /^Edit rules$/);
    await page.keyboard.press('Enter');
    await page.getByText('No problem found.').waitFor();
    const before = await page.getByRole('row', { name: /\(current\)/ }).innerText();
    const text = await page.evaluate(
      async () =>
        (
          (await (
            await fetch('/v1/parameters', {
              headers: { authorization: `Bearer ${sessionStorage.getItem('compliance.token')}` },
            })
          ).json()) as { yaml: string }
        ).yaml,
    );
    const lines = text.split('\n');
    const line = lines.findIndex((l, i) => lines[i - 1] === 'memberFloor:') + 1;
    expect(lines[line - 1]).toMatch(/value: \d+ \}$/);
    const value = /value: (\d+) \}$/.exec(lines[line - 1]!)![1]!;
    await tabTo(page, /^YAML editor$/);
    // to the memberFloor value with the arrow keys, and raise it by one
    await page.keyboard.press('Control+Home');
    for (let i = 1; i < line; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    for (let i = 0; i < value.length; i++) await page.keyboard.press('Backspace');
    await page.keyboard.type(String(Number(value) + 1));
    await page.getByText('No problem found.').waitFor();
    await tabTo(page, /^Note for the audit log$/);
    await page.keyboard.type('keyboard review');
    await page.keyboard.press('Enter');
    // asked to confirm, the focus on the confirm button
    await page.getByRole('dialog', { name: 'Publish this change?' }).waitFor();
    await waitUntil(page, `document.activeElement?.textContent === 'Confirm and publish'`);
    await page.keyboard.press('Enter');
    const published = page.getByRole('status').filter({ hasText: /Published as version \d+/ });
    await published.waitFor();
    const label = /version (\d+)/.exec(await published.innerText())![1];
    await page.getByRole('row', { name: new RegExp(`^${label} .*\\(current\\)`) }).waitFor();
    expect(await page.getByRole('row', { name: /\(current\)/ }).innerText()).not.toBe(before);
    const now = await page.evaluate(
      async () =>
        (
          (await (
            await fetch('/v1/parameters', {
              headers: { authorization: `Bearer ${sessionStorage.getItem('compliance.token')}` },
            })
          ).json()) as { yaml: string }
        ).yaml,
    );
    expect(now.split('\n')[line - 1]).toContain(`value: ${Number(value) + 1} }`);
    await page.close();
  });

  it('auditor: sees everything and can change nothing', async () => {
    await ensureStored();
    const page = await newPage();
    await signIn(page, h.server.tokens.auditor);
    const nav = page.getByRole('navigation', { name: 'Main' });
    // the menu is drawn (its last link is there) before counting what it lacks
    await nav.getByRole('link', { name: 'Audit log' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Check a filing' }).count()).toBe(0);
    await page.getByRole('table', { name: 'Failed findings by platform and rule family' }).waitFor();
    await expectAccessible(page, 'auditor-platforms');

    await page.goto(`${h.server.url}/#/platforms/${OFFICER_PLATFORM}/filings/${FILING_ID}`);
    await page.getByRole('article', { name: /^LIC-001/ }).waitFor();
    expect(await page.getByRole('button', { name: /Open a rectification order/ }).count()).toBe(0);

    await page.goto(`${h.server.url}/#/editor`);
    await page.getByText('Read only: this role cannot change rules.').waitFor();
    await page.getByRole('textbox', { name: 'YAML editor' }).waitFor();
    expect(await page.getByRole('button', { name: 'Publish', exact: true }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /Roll back/ }).count()).toBe(0);
    await page.getByRole('button', { name: 'Preview the change' }).waitFor();
    await expectAccessible(page, 'auditor-editor');

    await page.goto(`${h.server.url}/#/orders`);
    await page.getByRole('heading', { name: 'Rectification orders' }).waitFor();
    expect(await page.getByRole('button', { name: /Close order/ }).count()).toBe(0);
    await expectAccessible(page, 'auditor-orders');

    await page.goto(`${h.server.url}/#/audit`);
    await page.getByRole('heading', { name: 'Audit log' }).waitFor();
    await expectAccessible(page, 'auditor-audit');
    // and the check page is not there for an auditor
    await page.goto(`${h.server.url}/#/check`);
    await page.getByText('Not found.').waitFor();
    expect(await page.getByLabel('Filing (JSON or YAML)').count()).toBe(0);
    await page.close();
  });
});
