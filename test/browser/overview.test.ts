// The supervisor's overview of DESIGN §12 revision 3 in Chromium: the watchlist first with its trends, the key
// figures, the grid coloured by the most severe failure (each cell opening those findings), platform names rather
// than ids, every table sorted, filtered and exported as CSV (parsed back), charts that start at zero; en and zh, axe.

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seriesFiling } from '../support/history-series.js';
import {
  api,
  browserAvailability,
  consoleHarness,
  downloadText,
  example,
  parseCsv,
  tableRows,
  waitUntil,
  type ConsoleServer,
} from './support.js';

const available = browserAvailability();
const SEVERITY_RANK = ['critical', 'major', 'minor', 'info'];

/** Half-month filings of one platform, its members and mean share per filing as given. */
function series(id: string, name: string, members: number[], shares: number[]) {
  const starts = ['2021-01-01', '2021-01-16', '2021-02-01', '2021-02-16'];
  const ends = ['2021-01-15', '2021-01-31', '2021-02-14', '2021-02-28'];
  return members.map((m, i) => {
    const f = seriesFiling(id, `${id}-${i + 1}`, starts[i]!, ends[i]!, m, shares[i]!);
    f.platform.name = name;
    return f;
  });
}

async function seed(server: ConsoleServer): Promise<void> {
  const token = server.tokens.supervisor;
  for (const name of ['licensed-mutual-insurer.yaml', 'fund-pool.yaml', 'xianghubao-2021-12b.yaml']) {
    const res = await api(server, token, 'POST', '/v1/filings', example(name), 'application/yaml');
    expect([200, 201], res.text).toContain(res.status);
  }
  // members fall by a quarter from their peak: HIST-002 puts it on the watchlist
  for (const f of series('shrink-mutual', '缩水互助', [2_000_000, 1_800_000, 1_500_000], [1, 1.2, 1.5])) {
    const res = await api(server, token, 'POST', '/v1/filings', f);
    expect(res.status, res.text).toBe(201);
  }
  // 75.0 M → 74.5 M members, a change of −0.7 %
  for (const f of series('steady-mutual', '稳健互助', [75_000_000, 74_500_000], [1.1, 1.1])) {
    const res = await api(server, token, 'POST', '/v1/filings', f);
    expect(res.status, res.text).toBe(201);
  }
  // an order already overdue (its deadline after the filing's as-of date, before today)
  const order = await api(server, token, 'POST', '/v1/orders', {
    platformId: 'kangai-gongshe',
    ruleId: 'LIC-001',
    fromFilingId: 'kangai-2019-06b',
    deadline: '2020-01-01',
  });
  expect(order.status, order.text).toBe(201);
}

describe.runIf(available.ok)('the overview in Chromium', { timeout: 120_000 }, () => {
  const h = consoleHarness(seed);
  const { newPage, signIn, expectAccessible, setLanguage } = h;

  async function overview(): Promise<Page> {
    const page = await newPage();
    await signIn(page, h.server.tokens.supervisor);
    await page.getByRole('heading', { name: 'Overview', exact: true }).waitFor();
    await page.getByRole('table', { name: 'Watchlist' }).waitFor();
    await page.getByRole('table', { name: 'Failed findings by platform and rule family' }).waitFor();
    return page;
  }

  it('opens with the watchlist (level, rules, trends, links) and the key figures, names not ids, in en and zh', async () => {
    const page = await overview();
    // the watchlist is the first thing under the page's heading
    const headings = await page.locator('main h2').allInnerTexts();
    expect(headings.slice(0, 2)).toEqual(['Watchlist', 'Key figures']);
    const row = page.getByRole('table', { name: 'Watchlist' }).getByRole('row', { name: /缩水互助/ });
    const cells = await row.locator('th, td').allInnerTexts();
    expect(cells[1]).toBe('1');
    expect(cells[2]).toContain('HIST-002');
    expect(cells[3]).toBe('2,000,000 → 1,500,000 (−25.0 %)');
    expect(cells[4]).toBe('1 → 1.5 (+50.0 %)');
    expect(await row.getByRole('link', { name: '缩水互助', exact: true }).getAttribute('href')).toBe(
      '#/platforms/shrink-mutual',
    );

    // the key figures are the API's figures
    const list = (await api(h.server, h.server.tokens.supervisor, 'GET', '/v1/platforms')).json.platforms as {
      latest: { verdict: string; bySeverity: Record<string, number> };
    }[];
    const failing = list.filter((p) => p.latest.verdict === 'fail').length;
    const critical = list.reduce((n, p) => n + (p.latest.bySeverity.critical ?? 0), 0);
    const figures = page.getByRole('region', { name: 'Key figures' });
    // the overdue orders arrive on their own request
    await figures.filter({ hasText: /1 rectification orders overdue/ }).waitFor();
    expect(await figures.innerText()).toContain(
      `${failing} of ${list.length} platforms fail in their latest filing`,
    );
    expect(await figures.innerText()).toContain(`${critical} critical findings in the latest filings`);

    // names, not ids, in every table
    const main = await page.locator('main').innerText();
    for (const id of ['kangai-gongshe', 'xinmei-mutual', 'xianghubao\t']) expect(main).not.toContain(id);
    for (const selector of [
      'table[aria-labelledby="watch-h"]',
      'table[aria-labelledby="platforms-h"]',
      'table[aria-labelledby="grid-h"]',
    ]) {
      const first = (await tableRows(page, selector)).slice(1).map((r) => r[0]!);
      expect(
        first.every((n) => /^[\u4e00-\u9fff]+$/.test(n)),
        `${selector}: ${first.join(', ')}`,
      ).toBe(true);
    }
    await expectAccessible(page, 'supervisor-overview');

    await setLanguage(page, 'zh');
    await page.getByRole('heading', { name: '监管总览' }).waitFor();
    const zhRow = page.getByRole('table', { name: '风险观察名单' }).getByRole('row', { name: /缩水互助/ });
    await zhRow.waitFor();
    expect(await page.getByRole('region', { name: '关键指标' }).innerText()).toContain(
      `${failing} 个平台最新报送不通过（共${list.length}个平台）`,
    );
    await expectAccessible(page, 'supervisor-overview-zh');
    await setLanguage(page, 'en');

    // the overdue figure opens the overdue orders
    await page.getByRole('link', { name: 'rectification orders overdue' }).click();
    await page.getByRole('heading', { name: 'Rectification orders' }).waitFor();
    expect(await page.getByLabel('Show the orders that are').inputValue()).toBe('overdue');
    await page.getByRole('row', { name: /LIC-001/ }).waitFor();

    // a watchlist entry opens its platform
    await page.goBack();
    await page
      .getByRole('table', { name: 'Watchlist' })
      .getByRole('link', { name: '缩水互助', exact: true })
      .click();
    await page.getByRole('heading', { name: 'Platform: 缩水互助' }).waitFor();
    await page.close();
  });

  it('colours each grid cell by the most severe failure in it, and a cell opens that family’s failing findings', async () => {
    const page = await overview();
    const grid = page.getByRole('table', { name: 'Failed findings by platform and rule family' });
    // every cell against the platform's latest report
    for (const [id, name] of [
      ['kangai-gongshe', '康爱公社'],
      ['xianghubao', '相互宝'],
      ['shrink-mutual', '缩水互助'],
      ['xinmei-mutual', '信美互助'],
    ] as const) {
      const latest = (
        await api(h.server, h.server.tokens.supervisor, 'GET', '/v1/platforms')
      ).json.platforms.find((p: { platformId: string }) => p.platformId === id).latest;
      const report = (
        await api(
          h.server,
          h.server.tokens.supervisor,
          'GET',
          `/v1/platforms/${id}/filings/${latest.filingId}/report`,
        )
      ).json as { findings: { family: string; status: string; severity: string }[] };
      const row = grid.getByRole('row', { name: new RegExp(`^${name}`) });
      for (const family of [
        'licensing',
        'naming',
        'marketing',
        'funds',
        'disclosure',
        'product',
        'members',
        'exit',
      ]) {
        const failed = report.findings.filter((f) => f.family === family && f.status === 'fail');
        const worst = failed
          .map((f) => f.severity)
          .sort((a, b) => SEVERITY_RANK.indexOf(a) - SEVERITY_RANK.indexOf(b))[0];
        const cell = row.locator(`td[data-family="${family}"]`);
        expect(await cell.getAttribute('data-severity'), `${id} ${family}`).toBe(worst ?? 'none');
        expect(await cell.getAttribute('class')).toContain(worst ? `sev-${worst}` : 'c0');
        expect(parseInt(await cell.innerText(), 10)).toBe(failed.length);
      }
    }
    // the one critical licence failure is the darkest cell, not the palest
    expect(
      await grid
        .getByRole('row', { name: /^相互宝/ })
        .locator('td[data-family="licensing"]')
        .getAttribute('class'),
    ).toContain('sev-critical');

    await grid
      .getByRole('row', { name: /^康爱公社/ })
      .locator('td[data-family="licensing"] a')
      .click();
    await page.getByText('Showing only the failed findings of the family Licensing.').waitFor();
    const articles = page.getByRole('article');
    await articles.first().waitFor();
    for (const text of await articles.allInnerTexts()) {
      expect(text).toMatch(/Licensing/);
      expect(text).toMatch(/Fail/);
    }
    expect(await page.getByRole('article', { name: /^FUND-001/ }).count()).toBe(0);
    await expectAccessible(page, 'supervisor-grid-cell');
    await page.getByRole('link', { name: 'Show the whole report' }).click();
    await page.getByRole('article', { name: /^FUND-001/ }).waitFor();
    await page.close();
  });

  it('sorts, filters and exports every table as CSV, and the CSV parses back to what the table shows', async () => {
    const page = await overview();
    const table = page.getByRole('table', { name: 'Platforms', exact: true });
    const names = async () =>
      (await tableRows(page, 'table[aria-labelledby="platforms-h"]')).slice(1).map((r) => r[0]!);
    const header = table.getByRole('columnheader', { name: /^Platform/ });
    await header.getByRole('button').click();
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    const ascending = await names();
    expect(ascending).toEqual([...ascending].sort(new Intl.Collator('en', { numeric: true }).compare));
    await header.getByRole('button').click();
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    expect(await names()).toEqual([...ascending].reverse());

    // sorted by critical failures, most first
    const critical = table.getByRole('columnheader', { name: /critical/ });
    await critical.getByRole('button').click();
    await critical.getByRole('button').click();
    const rows = (await tableRows(page, 'table[aria-labelledby="platforms-h"]')).slice(1);
    const counts = rows.map((r) => Number(r[4]));
    expect(counts).toEqual([...counts].sort((a, b) => b - a));

    // the CSV is what is shown: the same header and rows, in the same order
    const all = await downloadText(page, () =>
      page.getByRole('button', { name: 'Export CSV: Platforms', exact: true }).click(),
    );
    expect(all.name).toBe('platforms.csv');
    expect(all.text.charCodeAt(0)).toBe(0xfeff);
    const csv = parseCsv(all.text);
    const shown = await tableRows(page, 'table[aria-labelledby="platforms-h"]');
    expect(csv[0]).toEqual(shown[0]);
    expect(csv.slice(1).map((r) => r[0])).toEqual(shown.slice(1).map((r) => r[0]));
    expect(csv.slice(1).map((r) => r[4])).toEqual(shown.slice(1).map((r) => r[4]));

    // filtered: only the rows that match, in the table and in the CSV
    await page.getByLabel('Filter: Platforms', { exact: true }).fill('互助');
    await page
      .getByText(/of \d+ rows shown/)
      .first()
      .waitFor();
    const filtered = (await tableRows(page, 'table[aria-labelledby="platforms-h"]'))
      .slice(1)
      .map((r) => r[0]);
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.every((n) => n!.includes('互助'))).toBe(true);
    const some = parseCsv(
      (
        await downloadText(page, () =>
          page.getByRole('button', { name: 'Export CSV: Platforms', exact: true }).click(),
        )
      ).text,
    );
    expect(some.slice(1).map((r) => r[0])).toEqual(filtered);

    // the watchlist's and the grid's CSV
    const watch = parseCsv(
      (await downloadText(page, () => page.getByRole('button', { name: 'Export CSV: Watchlist' }).click()))
        .text,
    );
    expect(watch[0]![0]).toBe('Platform');
    const shrink = watch.find((r) => r[0] === '缩水互助')!;
    expect(shrink[3]).toBe('2000000 → 1500000 (−25.0 %)');
    const grid = parseCsv(
      (
        await downloadText(page, () =>
          page
            .getByRole('button', { name: 'Export CSV: Failed findings by platform and rule family' })
            .click(),
        )
      ).text,
    );
    expect(grid[0]).toEqual([
      'Platform',
      'Licensing',
      'Naming',
      'Marketing',
      'Funds',
      'Disclosure',
      'Product',
      'Members',
      'Exit',
    ]);
    expect(grid.find((r) => r[0] === '相互宝')![1]).toBe('1 (critical)');

    // in zh the header is in Chinese
    await setLanguage(page, 'zh');
    await page.getByRole('heading', { name: '监管总览' }).waitFor();
    const zh = parseCsv(
      (
        await downloadText(page, () =>
          page.getByRole('button', { name: '导出 CSV：平台', exact: true }).click(),
        )
      ).text,
    );
    expect(zh[0]![0]).toBe('平台');
    expect(zh[0]![3]).toBe('结论');
    await setLanguage(page, 'en');
    await page.close();
  });

  it('draws the charts from zero: 75.0 M → 74.5 M members reads as −0.7 %, not a plunge', async () => {
    const page = await newPage();
    await signIn(page, h.server.tokens.supervisor);
    await page.goto(`${h.server.url}/#/platforms/steady-mutual`);
    await page.getByRole('heading', { name: 'Platform: 稳健互助' }).waitFor();
    await page.getByText('75,000,000 → 74,500,000 (−0.7 %)').waitFor();
    for (const name of [
      'Active members per filing',
      'Mean per-member share per filing (CNY)',
      'Failed findings by severity per filing',
    ]) {
      await waitUntil(
        page,
        `document.querySelector('canvas[aria-label="${name}"]')?.dataset.yMin !== undefined`,
      );
      expect(await page.getByRole('img', { name }).getAttribute('data-y-min')).toBe('0');
    }
    await expectAccessible(page, 'supervisor-platform-steady');
    // the platform's filings table sorts and exports too
    const csv = parseCsv(
      (await downloadText(page, () => page.getByRole('button', { name: 'Export CSV: Filings' }).click()))
        .text,
    );
    expect(csv.slice(1).map((r) => r[0])).toEqual(['steady-mutual-2', 'steady-mutual-1']);
    await page.close();
  });

  it('the auditor reads the same overview', async () => {
    const page = await newPage();
    await signIn(page, h.server.tokens.auditor);
    await page
      .getByRole('table', { name: 'Watchlist' })
      .getByRole('row', { name: /缩水互助/ })
      .waitFor();
    await page.getByRole('region', { name: 'Key figures' }).waitFor();
    await expectAccessible(page, 'auditor-overview');
    await page.close();
  });
});
