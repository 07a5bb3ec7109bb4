// The Chinese console in Chromium: no English word but ids, codes and names on any page, fed an invalid filing, bad
// YAML and forbidden routes; DESIGN §6's words (提示 is the info severity only; an info finding is not drawn red as
// 不合规); every request asks the API in Chinese.
//
// What the API itself wrote for people (a problem's detail, lint and validation messages, a report's own text) is
// marked `data-api` in the DOM and left out: the API translates its own messages (DESIGN §8 revision 3). Ids, codes,
// versions and names are marked `data-id` or are `<code>` (support.ts `englishWords`).

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { makeFiling } from '../support/filing-factory.js';
import {
  api,
  browserAvailability,
  consoleHarness,
  englishWords,
  example,
  OFFICER_PLATFORM,
  type ConsoleServer,
} from './support.js';

const available = browserAvailability();
const FILING_ID = 'kangai-2019-06b';

async function seed(server: ConsoleServer): Promise<void> {
  const token = server.tokens.supervisor;
  for (const name of ['licensed-mutual-insurer.yaml', 'fund-pool.yaml', 'xianghubao-2021-12b.yaml']) {
    const res = await api(server, token, 'POST', '/v1/filings', example(name), 'application/yaml');
    expect(res.status, res.text).toBe(201);
  }
  // below the floor of members: MEM-001, the pack's info finding, fails
  const tiny = makeFiling({
    '/filingId': 'tiny-2021-06b',
    '/platform/id': 'tiny-mutual',
    '/platform/name': '微小互助',
    '/members': { active: 50_000, activeAtPeriodStart: 50_000 },
  });
  const stored = await api(server, token, 'POST', '/v1/filings', tiny);
  expect(stored.status, stored.text).toBe(201);
  expect(stored.json.findings.find((f: { ruleId: string }) => f.ruleId === 'MEM-001')).toMatchObject({
    status: 'fail',
    severity: 'info',
  });
  const order = await api(server, token, 'POST', '/v1/orders', {
    platformId: OFFICER_PLATFORM,
    ruleId: 'LIC-001',
    fromFilingId: FILING_ID,
    deadline: '2020-01-01',
    note: '须取得牌照',
  });
  expect(order.status, order.text).toBe(201);
}

describe.runIf(available.ok)('the Chinese console in Chromium', { timeout: 180_000 }, () => {
  const h = consoleHarness(seed);
  const { newPage, signIn, setLanguage } = h;

  /** A page in Chinese whose every request to the API is recorded with the language it asked for. */
  async function zhPage(
    token: string,
  ): Promise<{ page: Page; langs: { url: string; lang: string | undefined }[] }> {
    const page = await newPage();
    const langs: { url: string; lang: string | undefined }[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname.startsWith('/v1/'))
        langs.push({ url: r.url(), lang: r.headers()['accept-language'] });
    });
    await page.goto(`${h.server.url}/`);
    await setLanguage(page, 'zh');
    await page.getByLabel('访问令牌').waitFor();
    await signIn(page, token);
    return { page, langs };
  }

  async function noEnglish(page: Page, where: string): Promise<void> {
    expect(await englishWords(page), where).toEqual([]);
  }

  it('the sign-in page and a refused token', async () => {
    const page = await newPage();
    await page.goto(`${h.server.url}/`);
    await setLanguage(page, 'zh');
    await page.getByLabel('访问令牌').fill('not-a-token');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('alert').filter({ hasText: '令牌被拒绝。' }).waitFor();
    await noEnglish(page, 'sign-in');
    await page.close();
  });

  it('officer: an invalid filing, bad YAML, another platform’s filing and page, a route not theirs, a report, a submission', async () => {
    const { page, langs } = await zhPage(h.server.tokens.officer);
    await page.getByRole('heading', { name: '检查报送材料' }).waitFor();
    await noEnglish(page, 'check page');
    const text = page.getByLabel('报送材料（JSON 或 YAML）');
    const draft = page.getByRole('button', { name: '检查草稿' });

    // a filing that breaks the schema: 422, in the console's words, the API's messages marked as its own
    await text.fill(JSON.stringify({ schemaVersion: 2, filingId: 'x', surplus: 1 }));
    await draft.click();
    const invalid = page.getByRole('alert').filter({ hasText: '报送材料不符合报送格式' });
    await invalid.waitFor();
    expect(await invalid.innerText()).toMatch(/共\d+处问题/);
    await noEnglish(page, 'invalid filing');

    // bad YAML: 400
    await text.fill('platform: [');
    await draft.click();
    await page.getByRole('alert').filter({ hasText: '报送材料不是有效的 JSON 或 YAML。' }).waitFor();
    await noEnglish(page, 'bad YAML');

    // another platform's filing: 403 on submitting
    await text.fill(
      example('xianghubao-2021-12b.yaml').replace('filingId: xhb-2021-12b', 'filingId: xhb-other'),
    );
    await page.getByRole('button', { name: '正式报送' }).click();
    await page.getByRole('button', { name: '确认报送' }).click();
    await page.getByRole('alert').filter({ hasText: '403' }).waitFor();
    await noEnglish(page, 'forbidden submission');

    // the report of a draft, then a submission with its receipt
    await text.fill(example('fund-pool.yaml'));
    await draft.click();
    await page.getByRole('region', { name: `检查报告: ${FILING_ID}` }).waitFor();
    await page.getByRole('article', { name: /^LIC-001/ }).waitFor();
    await noEnglish(page, 'draft report');
    await page.getByRole('button', { name: '正式报送' }).click();
    await page.getByRole('dialog', { name: '确认正式报送？' }).waitFor();
    await noEnglish(page, 'submission confirmation');
    await page.getByRole('button', { name: '确认报送' }).click();
    await page.getByRole('region', { name: '报送回执' }).waitFor();
    await noEnglish(page, 'receipt');

    // another platform's page (404), a route the officer does not have, the officer's own pages
    await page.goto(`${h.server.url}/#/platforms/xianghubao`);
    await page.getByRole('alert').filter({ hasText: '未找到。' }).waitFor();
    await noEnglish(page, 'another platform');
    await page.goto(`${h.server.url}/#/audit`);
    await page.getByText('未找到。').waitFor();
    await noEnglish(page, 'a route not the officer’s');
    await page.goto(`${h.server.url}/#/platforms/${OFFICER_PLATFORM}`);
    await page.getByRole('heading', { name: '平台: 康爱公社' }).waitFor();
    await page.getByRole('heading', { name: '历次报送材料图表' }).waitFor();
    await noEnglish(page, 'the officer’s platform');
    await page.goto(`${h.server.url}/#/orders`);
    await page.getByRole('row', { name: /LIC-001/ }).waitFor();
    await noEnglish(page, 'the officer’s orders');
    await page.goto(`${h.server.url}/#/rules`);
    await page.getByRole('heading', { name: /^LIC-001/ }).waitFor();
    await noEnglish(page, 'rules');

    expect(langs.length).toBeGreaterThan(10);
    expect(langs.filter((r) => r.lang !== 'zh')).toEqual([]);
    await page.close();
  });

  it('supervisor: every page, an order refused, bad YAML and a parameter typed wrong in the editor, the publish confirmation', async () => {
    const { page, langs } = await zhPage(h.server.tokens.supervisor);
    await page.getByRole('heading', { name: '监管总览' }).waitFor();
    await page.getByRole('table', { name: '风险观察名单' }).waitFor();
    await page.getByRole('table', { name: '各平台各类规则不合规项' }).waitFor();
    await noEnglish(page, 'overview');

    await page.goto(`${h.server.url}/#/platforms/${OFFICER_PLATFORM}`);
    await page.getByRole('heading', { name: '平台: 康爱公社' }).waitFor();
    await page.getByRole('heading', { name: '历次报送材料图表' }).waitFor();
    await noEnglish(page, 'platform');

    await page.goto(`${h.server.url}/#/platforms/${OFFICER_PLATFORM}/filings/${FILING_ID}`);
    await page.getByRole('article', { name: /^LIC-001/ }).waitFor();
    await noEnglish(page, 'filing');
    const statusWords = await page.locator('table.summary thead th').allInnerTexts();
    expect(statusWords.slice(0, 6)).toEqual([
      '不合规',
      '无法判定',
      '观察（审计模式）',
      '已豁免',
      '合规',
      '不适用',
    ]);
    expect(statusWords.slice(6)).toEqual([
      '不合规 · 严重',
      '不合规 · 重大',
      '不合规 · 一般',
      '不合规 · 提示',
    ]);
    await page.getByRole('button', { name: '下发整改通知 (LIC-001)' }).click();
    await page.getByLabel('整改期限（可选）').fill('2020-01-01');
    await page
      .getByRole('form', { name: /下发整改通知 LIC-001/ })
      .getByRole('button', { name: '下发整改通知' })
      .click();
    await page.getByRole('alert').filter({ hasText: '整改期限 2020-01-01 已过' }).waitFor();
    await noEnglish(page, 'order refused');

    // §6: the info finding says 提示 (the info severity) and is not drawn red as 不合规
    await page.goto(`${h.server.url}/#/platforms/tiny-mutual/filings/tiny-2021-06b`);
    const info = page.getByRole('article', { name: /^MEM-001/ });
    await info.waitFor();
    expect(await info.locator('.tags .status').innerText()).toBe('提示');
    expect(await info.getAttribute('class')).toContain('st-info');
    expect(await info.getAttribute('class')).not.toContain('st-fail');
    expect(await info.innerText()).not.toContain('不合规');
    await noEnglish(page, 'an info finding');

    await page.goto(`${h.server.url}/#/platforms/${OFFICER_PLATFORM}/filings/${FILING_ID}?family=funds`);
    await page.getByText('仅显示“资金”类的不合规项。').waitFor();
    await noEnglish(page, 'grid cell');

    await page.goto(`${h.server.url}/#/orders`);
    await page
      .getByRole('row', { name: /LIC-001/ })
      .getByText('进程 (1)')
      .click();
    await page.getByText('下发日：').first().waitFor();
    await noEnglish(page, 'orders');

    await page.goto(`${h.server.url}/#/rules`);
    await page.getByRole('heading', { name: /^FEE-001/ }).waitFor();
    await noEnglish(page, 'rules');

    await page.goto(`${h.server.url}/#/audit`);
    await page.getByRole('table', { name: '审计日志' }).waitFor();
    expect(
      await page.getByRole('table', { name: '审计日志' }).getByRole('columnheader').first().innerText(),
    ).toMatch(/^时间 （北京时间）/);
    await noEnglish(page, 'audit');

    // the editor: bad YAML, then a parameter typed wrong, a preview, the publish confirmation
    await page.goto(`${h.server.url}/#/editor`);
    const editor = page.getByRole('textbox', { name: 'YAML 编辑器' });
    await editor.waitFor();
    await page.getByText('未发现问题。').waitFor();
    const yaml = (await api(h.server, h.server.tokens.supervisor, 'GET', '/v1/parameters')).json
      .yaml as string;
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(`${yaml}\nbroken: [`);
    await page.getByRole('region', { name: '问题' }).getByRole('listitem').first().waitFor();
    await noEnglish(page, 'editor, bad YAML');
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(
      yaml.replace('{ from: 2009-10-01, value: 0.08 }', '{ from: 2009-10-01, value: 0.08x }'),
    );
    await page.getByText('参数 managementFeeCap 使规则 FEE-001 出错').first().waitFor();
    await noEnglish(page, 'editor, a parameter typed wrong');
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(
      yaml.replace('{ from: 2009-10-01, value: 0.08 }', '{ from: 2009-10-01, value: 0.07 }'),
    );
    await page.getByText('未发现问题。').waitFor();
    await page.getByRole('button', { name: '预览变更影响' }).click();
    await page
      .getByRole('region', { name: '变更的影响' })
      .getByText('managementFeeCap：自2009-10-01起改为0.07（原为0.08）')
      .waitFor();
    await noEnglish(page, 'editor, preview');
    await page.getByLabel('审计日志备注').fill('下调管理费上限');
    await page.getByRole('button', { name: '发布', exact: true }).click();
    await page.getByRole('dialog', { name: '确认发布此变更？' }).waitFor();
    await noEnglish(page, 'publish confirmation');
    await page.getByRole('button', { name: '确认发布' }).click();
    await page.getByRole('status').filter({ hasText: '已发布，版本 2' }).waitFor();
    await noEnglish(page, 'published');

    expect(langs.filter((r) => r.lang !== 'zh')).toEqual([]);
    // and in English once switched
    langs.length = 0;
    await setLanguage(page, 'en');
    await page.goto(`${h.server.url}/#/platforms`);
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await page.getByRole('table', { name: 'Watchlist' }).waitFor();
    expect(langs.length).toBeGreaterThan(0);
    expect(langs.filter((r) => r.lang !== 'en')).toEqual([]);
    await page.close();
  });
});
