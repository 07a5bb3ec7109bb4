// `compliance check` with both filing schema versions: schema 1 retired from 2027-01-01 exits 2 naming file and field.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { lines, runHere as runCli } from '../support/cli.js';
import { makeDocument } from '../support/filing-factory.js';
import { removeTempDirs, tempDir } from '../support/rule-sets.js';

let dir: string;
const file = (name: string, doc: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, stringify(doc));
  return path;
};
const ending = (end: string) => ({
  '/period': { start: '2026-12-20', end },
  '/submittedAt': `${end}T18:00:00+08:00`,
});

beforeAll(() => {
  dir = tempDir('compliance-cli-schema-');
});
afterAll(removeTempDirs);

describe('compliance check and filing schema versions', () => {
  it('judges schema 1 up to 2026-12-31 and schema 2 after (findings, not refusals)', async () => {
    const v1 = file('v1.yaml', makeDocument(ending('2026-12-31'), 1));
    const v2 = file('v2.yaml', makeDocument(ending('2027-01-01'), 2));
    const res = await runCli(['check', v1, v2, '--format', 'json']);
    expect(res.stderr).toBe('');
    expect([0, 1]).toContain(res.code); // the base's 2021 disclosures are stale by 2026: DISC rules may fail
    expect(res.stdout).toContain('"asOf": "2026-12-31"');
    expect(res.stdout).toContain('"asOf": "2027-01-01"');
  });

  it('exits 2 for schema 1 ending 2027-01-01, naming the file and /schemaVersion', async () => {
    const retired = file('retired.yaml', makeDocument(ending('2027-01-01'), 1));
    const res = await runCli(['check', retired]);
    expect(res.code).toBe(2);
    expect(res.stdout).toBe('');
    expect(lines(res.stderr)).toEqual([
      `${retired} /schemaVersion: schema 1 is retired for periods ending on or after 2027-01-01 (this period ends 2027-01-01): file it as schemaVersion 2 [schema_retired]`,
    ]);
  });

  it('lists every problem of a schema 1 filing carrying schema 2 fields, each once', async () => {
    const bad = file(
      'v1-with-v2.yaml',
      makeDocument(
        { '/licenses/0/holderUscc': '91330100MA27Y5LH96', '/disclosures/0/participatingMembers': 3 },
        1,
      ),
    );
    const res = await runCli(['check', bad]);
    expect(res.code).toBe(2);
    expect(lines(res.stderr).sort()).toEqual([
      `${bad} /disclosures/0/participatingMembers: unknown field (new in schema 2) [filing_invalid]`,
      `${bad} /licenses/0/holderUscc: unknown field (new in schema 2) [filing_invalid]`,
    ]);
  });
});
