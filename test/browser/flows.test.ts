// Issue 18's console flows in Chromium: a 404 never sticks to the next page; an officer's submission asks to confirm
// and ends with a receipt (keyboard only); a parameter typed wrong is marked on its line naming the rule it breaks;
// orders refuse a past deadline before sending, show a conflict in words, say which date is which, and overdue ones
// stand out; the audit log in Beijing time with version labels and filters; publishing shows the diff and the
// preview and asks to confirm.

import type { Page, Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { makeFiling } from '../support/filing-factory.js';
import {
  api,
  browserAvailability,
  consoleHarness,
  example,
  OFFICER_PLATFORM,
  tabTo,
  waitUntil,
  type ConsoleServer,
} from './support.js';

const available = browserAvailability();
/** The officer's next filing, submitted in the test (the first is seeded). */
const FILING_ID = 'kangai-2019-07a';
const NEXT_FILING = example('fund-pool.yaml')
  .replace('filingId: kangai-2019-06b', `filingId: ${FILING_ID}`)
  .replace('period: { start: 2019-06-16, end: 2019-06-30 }', 'period: { start: 2019-07-01, end: 2019-07-15 }')
  .replace('submittedAt: 2019-07-01T09:00:00+08:00', 'submittedAt: 2019-07-16T09:00:00+08:00');

async function seed(server: ConsoleServer): Promise<void> {
  const token = server.tokens.supervisor;
  for (const name of ['licensed-mutual-insurer.yaml', 'xianghubao-2021-12b.yaml', 'fund-pool.yaml']) {
    const res = await api(server, token, 'POST', '/v1/filings', example(name), 'application/yaml');
    expect(res.status, res.text).toBe(201);
  }
  // a platform that fails LIC-001 in one filing and fixes it in the next
  const fix = { '/platform/id': 'fix-mutual', '/platform/name': '整改互助' };
  for (const f of [
    makeFiling({
      ...fix,
      '/filingId': 'fix-a',
      '/period': { start: '2021-06-01', end: '2021-06-15' },
      '/licenses': [],
    }),
    makeFiling({ ...fix, '/filingId': 'fix-b' }),
  ]) {
    const res = await api(server, token, 'POST', '/v1/filings', f);
    expect(res.status, res.text).toBe(201);
  }
}

/** The parameters YAML in force, read as the page would. */
async function parametersYaml(page: Page): Promise<string> {
  return page.evaluate(
    async () =>
      (
        (await (
          await fetch('/v1/parameters', {
            headers: { authorization: `Bearer ${sessionStorage.getItem('compliance.token')}` },
          })
        ).json()) as { yaml: string }
      ).yaml,
  );
}

describe.runIf(available.ok)('the console’s flows in Chromium', { timeout: 120_000 }, () => {
  const h = consoleHarness(seed);
  const { newPage, signIn, expectAccessible, setLanguage } = h;

  it('after a 404 (another platform, a mistyped link) the next page loads', async () => {
    const page = await newPage();
    await signIn(page, h.server.tokens.officer);
    // another platform: 404, as if it did not exist
    await page.goto(`${h.server.url}/#/platforms/xianghubao`);
    await page.getByRole('alert').filter({ hasText: 'Not found.' }).waitFor();
    // the officer's own platform loads at once, with nothing left of the 404
    await page.getByRole('link', { name: 'My filings' }).click();
    await page.getByRole('heading', { name: 'Platform: 康爱公社' }).waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    // a mistyped link, then a link on the page
    await page.goto(`${h.server.url}/#/platforms/${OFFICER_PLATFORM}/filings/no-such-filing`);
    await page.getByRole('alert').filter({ hasText: 'Not found.' }).waitFor();
    await page.getByRole('link', { name: '← 康爱公社' }).click();
    await page.getByRole('heading', { name: 'Platform: 康爱公社' }).waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    // and back again to the other platform, then forward to one's own
    await page.goto(`${h.server.url}/#/platforms/xianghubao`);
    await page.getByRole('alert').filter({ hasText: 'Not found.' }).waitFor();
    await page.goBack();
    await page.getByRole('heading', { name: 'Platform: 康爱公社' }).waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.close();
  });

  it('officer, keyboard only: a submission asks to confirm, can be cancelled, and ends with a receipt', async () => {
    const page = await newPage();
    await page.goto(`${h.server.url}/`);
    await tabTo(page, /Access token/);
    await page.keyboard.type(h.server.tokens.officer);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Check a filing' }).waitFor();
    await tabTo(page, /Filing \(JSON or YAML\)/);
    await page.keyboard.insertText(NEXT_FILING);
    await tabTo(page, /^Submit filing$/);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Submit this filing?' });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain(FILING_ID);
    expect(await dialog.innerText()).toContain('2019-07-01 – 2019-07-15');
    // the focus is on the confirmation; cancelling sends nothing
    await waitUntil(page, `document.activeElement?.textContent === 'Confirm and submit'`);
    await expectAccessible(page, 'officer-submit-confirm');
    await tabTo(page, /^Cancel$/);
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    expect(
      (
        await api(
          h.server,
          h.server.tokens.supervisor,
          'GET',
          `/v1/platforms/${OFFICER_PLATFORM}/filings/${FILING_ID}`,
        )
      ).status,
    ).toBe(404);
    await waitUntil(page, `document.activeElement?.textContent === 'Submit filing'`);
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await waitUntil(page, `document.activeElement?.textContent === 'Confirm and submit'`);
    await page.keyboard.press('Enter');
    const receipt = page.getByRole('region', { name: 'Receipt' });
    await receipt.waitFor();
    const stored = (
      await api(
        h.server,
        h.server.tokens.supervisor,
        'GET',
        `/v1/platforms/${OFFICER_PLATFORM}/filings/${FILING_ID}`,
      )
    ).json;
    const text = await receipt.innerText();
    expect(text).toContain(FILING_ID);
    expect(text).toContain('康爱公社');
    // the time it was stored, in Beijing time and said so; the rule-set version that judged it
    const beijing = new Date(Date.parse(stored.storedAt) + 8 * 3600_000)
      .toISOString()
      .replace('T', ' ')
      .slice(0, 19);
    expect(text).toContain(`${beijing} (Beijing time)`);
    expect(text).toContain(`version ${stored.ruleset.label} ${stored.ruleset.version}`);
    await receipt.scrollIntoViewIfNeeded();
    await expectAccessible(page, 'officer-receipt');
    await page.close();
  });

  it('marks a parameter typed wrong on the line typed, naming the rules it breaks, in en and zh', async () => {
    const page = await newPage();
    await signIn(page, h.server.tokens.supervisor);
    await page.goto(`${h.server.url}/#/editor`);
    await page.getByRole('textbox', { name: 'YAML editor' }).waitFor();
    await page.getByText('No problem found.').waitFor();
    const lines = (await parametersYaml(page)).split('\n');
    const line =
      lines.findIndex(
        (l, i) => l === '  - { from: 2009-10-01, value: 0.08 }' && lines[i - 1] === 'managementFeeCap:',
      ) + 1;
    expect(line).toBeGreaterThan(1);
    const column = lines[line - 1]!.indexOf('0.08') + 1;
    const editor = page.getByRole('textbox', { name: 'YAML editor' });
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(
      lines.map((l, i) => (i === line - 1 ? '  - { from: 2009-10-01, value: 0.08x }' : l)).join('\n'),
    );
    const problems = page.getByRole('region', { name: 'Problems' });
    const item = problems
      .getByRole('listitem')
      .filter({ hasText: 'parameter managementFeeCap breaks rule FEE-001' });
    await item.waitFor();
    expect(await item.getByRole('button').innerText()).toBe(`${line}:${column}`);
    expect(await item.innerText()).toMatch(/\(fee-001\.yaml:\d+:\d+\)/);
    expect(await problems.innerText()).not.toMatch(/in another file/);
    // the gutter marks the line typed, and the value is underlined
    await page.locator('.cm-lint-marker-error').first().waitFor();
    const marked = await page.evaluate(`(() => {
      const marker = document.querySelector('.cm-lint-marker-error').getBoundingClientRect();
      const numbers = [...document.querySelectorAll('.cm-lineNumbers .cm-gutterElement')];
      return numbers.find((n) => Math.abs(n.getBoundingClientRect().top - marker.top) < 4)?.textContent;
    })()`);
    expect(marked).toBe(String(line));
    expect(await page.locator('.cm-lintRange-error').first().innerText()).toBe('0.08x');
    // the button moves the cursor there
    await item.getByRole('button').click();
    await waitUntil(page, `document.activeElement?.closest('.cm-editor') !== null`);
    await expectAccessible(page, 'supervisor-editor-parameter');

    await setLanguage(page, 'zh');
    await page
      .getByRole('region', { name: '问题' })
      .getByRole('listitem')
      .filter({ hasText: '参数 managementFeeCap 使规则 FEE-001 出错' })
      .waitFor();
    await setLanguage(page, 'en');
    await page.close();
  });

  it('orders: a past deadline is refused before sending, a conflict is said in words, the timeline names its dates, overdue ones stand out', async () => {
    const page = await newPage();
    await signIn(page, h.server.tokens.supervisor);
    const posted: Request[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/v1/orders')) posted.push(r);
    });
    await page.goto(`${h.server.url}/#/platforms/fix-mutual/filings/fix-a`);
    await page.getByRole('button', { name: 'Open a rectification order (LIC-001)' }).click();
    const form = page.getByRole('form', { name: /Open a rectification order LIC-001/ });
    await form.getByLabel('Deadline (optional)').fill('2020-01-01');
    await form.getByRole('button', { name: 'Open a rectification order' }).click();
    await form.getByRole('alert').filter({ hasText: 'The deadline 2020-01-01 has already passed' }).waitFor();
    expect(posted).toHaveLength(0);
    await expectAccessible(page, 'supervisor-order-past-deadline');
    // the default deadline: opened
    await form.getByLabel('Deadline (optional)').fill('');
    await form.getByRole('button', { name: 'Open a rectification order' }).click();
    await form.getByRole('status').filter({ hasText: 'Order opened' }).waitFor();
    expect(posted).toHaveLength(1);
    // again: the service's 409, said in words
    await form.getByRole('button', { name: 'Open a rectification order' }).click();
    await form
      .getByRole('alert')
      .filter({
        hasText: 'An order already follows this rule from this filing; close it before opening another.',
      })
      .waitFor();

    // one overdue order (its deadline before today), made through the API
    const overdue = await api(h.server, h.server.tokens.supervisor, 'POST', '/v1/orders', {
      platformId: 'xianghubao',
      ruleId: 'LIC-001',
      fromFilingId: 'xhb-2021-12b',
      deadline: '2022-01-01',
    });
    expect(overdue.status, overdue.text).toBe(201);
    await page.getByRole('link', { name: 'Rectification orders' }).first().click();
    await page.getByText('1 order overdue: its deadline has passed and it is not rectified.').waitFor();
    const table = page.getByRole('table', { name: 'Rectification orders' });
    // overdue first, marked in the row and in the state, the platform by its name
    await table.getByRole('row', { name: /相互宝/ }).waitFor();
    const first = table.locator('tbody tr').first();
    expect(await first.getAttribute('class')).toContain('overdue');
    expect(await first.innerText()).toContain('⚠ Overdue');
    expect(await first.innerText()).toContain('相互宝');
    // the rectified one: its timeline says which date is the day of opening and which the filing's as-of date
    const fixed = table.getByRole('row', { name: /整改互助/ });
    await fixed.getByText('Timeline (2)').click();
    const timeline = await fixed.locator('details.timeline ol').innerText();
    const opened = (await api(h.server, h.server.tokens.supervisor, 'GET', '/v1/orders?platform=fix-mutual'))
      .json.orders[0];
    expect(timeline).toContain(`${opened.openedOn} day of opening: Open · by sam`);
    expect(timeline).toContain('2021-06-30 as-of date of the filing: fix-b → Rectified');
    await expectAccessible(page, 'supervisor-orders-overdue');
    // filtered by state
    await page.getByLabel('Show the orders that are').selectOption('overdue');
    await waitUntil(page, `document.querySelectorAll('table tbody tr').length === 1`);
    await page.close();
  });

  it('the audit log: Beijing time, said so; versions by their label; filters by action and text', async () => {
    const page = await newPage();
    await signIn(page, h.server.tokens.auditor);
    await page.goto(`${h.server.url}/#/audit`);
    const table = page.getByRole('table', { name: 'Audit log' });
    await table.waitFor();
    expect(await table.getByRole('columnheader').first().innerText()).toMatch(/^At \(Beijing time\)/);
    const entries = (await api(h.server, h.server.tokens.auditor, 'GET', '/v1/audit?limit=50')).json
      .items as {
      at: string;
      action: string;
    }[];
    const seed = entries.find((e) => e.action === 'seed')!;
    const beijing = new Date(Date.parse(seed.at) + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 19);
    const row = table.getByRole('row', { name: /Seeded/ });
    expect(await row.innerText()).toContain(beijing);
    expect(await row.innerText()).toMatch(/version 1 [0-9a-f]{8}/);
    await expectAccessible(page, 'auditor-audit-log');
    // by action
    await page.getByLabel('Show the action').selectOption({ label: 'Order opened' });
    await waitUntil(
      page,
      `[...document.querySelectorAll('table tbody tr')].every((tr) => tr.children[2].textContent === 'Order opened')`,
    );
    expect(await table.locator('tbody tr').count()).toBe(
      entries.filter((e) => e.action === 'order-open').length,
    );
    // by any text
    await page.getByLabel('Show the action').selectOption('');
    await page.getByLabel('Filter: Audit log').fill('fix-mutual');
    await page.getByText(/of \d+ rows shown/).waitFor();
    for (const text of await table.locator('tbody tr').allInnerTexts()) expect(text).toContain('fix-mutual');
    await page.close();
  });

  it('publishing shows the diff against the version in force and the preview, and asks to confirm', async () => {
    const page = await newPage();
    await signIn(page, h.server.tokens.supervisor);
    await page.goto(`${h.server.url}/#/editor`);
    await page.getByRole('textbox', { name: 'YAML editor' }).waitFor();
    await page.getByText('No problem found.').waitFor();
    const lines = (await parametersYaml(page)).split('\n');
    const at = lines.findIndex(
      (l, i) => l === '  - { from: 2009-10-01, value: 0.08 }' && lines[i - 1] === 'managementFeeCap:',
    );
    const added = '  - { from: 2021-01-01, value: 0.07 }';
    const text = [...lines.slice(0, at + 1), added, ...lines.slice(at + 1)].join('\n');
    await page.getByRole('textbox', { name: 'YAML editor' }).click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(text);
    await page.getByText('No problem found.').waitFor();
    await page.getByLabel('Note for the audit log').fill('fee cap 7 % from 2021');
    await page.getByRole('button', { name: 'Publish', exact: true }).click();

    const dialog = page.getByRole('dialog', { name: 'Publish this change?' });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('It replaces version 1, in force now');
    // the diff: the one line added, at its line, with its neighbours
    const diff = dialog.getByRole('list', { name: 'Changes against the version in force' });
    const addedLine = diff.locator('li.d-added');
    expect(await addedLine.count()).toBe(1);
    expect(await addedLine.innerText()).toContain(`${at + 2}`);
    expect(await addedLine.innerText()).toContain(added.trim());
    expect(await diff.locator('li.d-same').first().innerText()).toContain('managementFeeCap:');
    // the CLI's line, then which verdicts change
    await dialog
      .getByText('managementFeeCap: 0.07 from 2021-01-01 (was 0.08) — management fee cap')
      .waitFor();
    expect(await dialog.getByRole('row', { name: /信美互助/ }).innerText()).toMatch(/PASS → FAIL/);
    await expectAccessible(page, 'supervisor-publish-confirm');

    // in Chinese, the same confirmation
    await setLanguage(page, 'zh');
    const zh = page.getByRole('dialog', { name: '确认发布此变更？' });
    await zh.getByText('managementFeeCap：自2021-01-01起为0.07（原为0.08） — 管理费上限').waitFor();
    await expectAccessible(page, 'supervisor-publish-confirm-zh');
    await setLanguage(page, 'en');

    // cancelled: nothing published
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(
      (await api(h.server, h.server.tokens.supervisor, 'GET', '/v1/rules/versions')).json.versions,
    ).toHaveLength(1);

    // confirmed: published
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await dialog.getByRole('button', { name: 'Confirm and publish' }).click();
    await page.getByRole('status').filter({ hasText: 'Published as version 2' }).waitFor();
    await page.getByRole('row', { name: /^2 .*\(current\)/ }).waitFor();
    expect((await parametersYaml(page)).split('\n')[at + 1]).toBe(added);
    await page.close();
  });
});
