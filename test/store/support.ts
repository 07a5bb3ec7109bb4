// Test support shared by the store and HTTP suites: the frozen rule pack fixture and filing factories.

import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { canonicalJson } from '../../src/rules/canonical.js';
import type { NewFiling } from '../../src/store/types.js';

/**
 * A frozen copy of part of the bundled pack (its rules, parameters and the base filing), so these
 * suites test the service, not whichever rule is being edited in rules/ at the moment.
 */
export const FIXTURE_RULES_DIR = fileURLToPath(new URL('./fixtures/rules', import.meta.url));

type Json = Record<string, unknown>;

/** The compliant base filing (passes every rule of the fixture pack). */
let base: Json | undefined;
export function baseFiling(): Json {
  base ??= parse(readFileSync(join(FIXTURE_RULES_DIR, 'tests/base.yaml'), 'utf8')) as Json;
  return structuredClone(base);
}

/** The base filing with an id, platform and period of its own: `n` picks a distinct half-month. */
export function filingFor(
  id: string,
  opts: { platform?: string; n?: number; supersedes?: string | null } = {},
): Json {
  const f = baseFiling();
  const n = opts.n ?? 0;
  const year = 2019 + Math.floor(n / 24);
  const month = String(1 + (Math.floor(n / 2) % 12)).padStart(2, '0');
  const [start, end] = n % 2 === 0 ? ['01', '15'] : ['16', '28'];
  f.filingId = id;
  f.supersedes = opts.supersedes ?? null;
  (f.platform as Json).id = opts.platform ?? 'base-mutual';
  f.period = { start: `${year}-${month}-${start}`, end: `${year}-${month}-${end}` };
  // keep the disclosure cadence inside the period so the filing stays compliant
  f.disclosures = [
    {
      publishedAt: `${year}-${month}-${end}`,
      periodStart: `${year}-${month}-${start}`,
      periodEnd: `${year}-${month}-${end}`,
      cases: 1,
      amountToShareCny: 1,
      perMemberShareCny: 1,
      managementFeeCny: 1,
    },
  ];
  return f;
}

/** The base filing made to fail: no licence, and a product named 相互保. */
export function failingFiling(id = 'fail-1'): Json {
  const f = filingFor(id, { platform: 'xianghubao' });
  f.licenses = [];
  ((f.products as Json[])[0] as Json).name = '相互保';
  return f;
}

/** A store input for a filing document, with a stand-in report (the store never judges). */
export function newFiling(
  doc: Json,
  opts: { verdict?: 'pass' | 'fail'; version?: string; by?: string } = {},
): NewFiling {
  const parsedJson = JSON.stringify(doc);
  const platform = doc.platform as Json;
  const period = doc.period as { start: string; end: string };
  return {
    filingId: String(doc.filingId),
    platformId: String(platform.id),
    platformName: String(platform.name),
    period,
    supersedes: (doc.supersedes as string | null | undefined) ?? null,
    receivedType: 'application/json',
    receivedText: parsedJson,
    parsedJson,
    digest: createHash('sha256').update(canonicalJson(doc)).digest('hex'),
    submittedBy: opts.by ?? 'tester',
    report: {
      rulesetVersion: opts.version ?? 'sha256:test',
      rulesetLabel: 1,
      lang: 'en',
      verdict: opts.verdict ?? 'pass',
      json: JSON.stringify({ filingId: doc.filingId, verdict: opts.verdict ?? 'pass' }),
    },
  };
}

/** A temporary folder, removed by the returned function. */
export function tempDir(prefix = 'compliance-test-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
