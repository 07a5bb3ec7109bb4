// Correction loops in an input (DESIGN §3 revision 3): X supersedes Y and Y supersedes X is refused as
// supersedes_cycle naming both — every filing of the loop an invalid line in a scan (folder or NDJSON, with
// or without workers), exit 2 from `check`, and no history made of them — never dropped in silence.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { requireBuild, runHere } from '../support/cli.js';
import { filingFor } from '../store/support.js';
import { removeTempDirs, tempDir } from '../support/rule-sets.js';

afterAll(removeTempDirs);

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A platform's four half months: a-0, then the loop x (supersedes y) and y (supersedes x) for period 1, then a-2. */
function filings(): Json[] {
  const x = filingFor('x', { n: 1, supersedes: 'y' }) as Json;
  const y = filingFor('y', { n: 1, supersedes: 'x' }) as Json;
  return [filingFor('a-0', { n: 0 }), x, y, filingFor('a-2', { n: 2 })] as Json[];
}

function input(): { dir: string; ndjson: string } {
  const dir = tempDir('compliance-cycle-');
  mkdirSync(join(dir, 'folder'));
  for (const f of filings()) writeFileSync(join(dir, 'folder', `${f.filingId}.json`), JSON.stringify(f));
  const ndjson = join(dir, 'all.ndjson');
  writeFileSync(ndjson, filings().map((f) => JSON.stringify(f)).join('\n') + '\n');
  return { dir, ndjson };
}

const parse = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Json);

describe('a scan', () => {
  const { dir, ndjson } = input();
  it.each([
    ['a folder', join(dir, 'folder'), '0'],
    ['an NDJSON file', ndjson, '0'],
    ['an NDJSON file on two workers', ndjson, '2'],
  ])('of %s (workers %s) makes each filing of the loop an invalid line naming both, and judges the rest', async (_what, path, workers) => {
    requireBuild();
    const r = await runHere(['scan', path, '--format', 'ndjson', '--full', '--workers', workers]);
    const lines = parse(r.stdout);
    const invalid = lines.filter((l) => l.type === 'invalid');
    expect(invalid).toHaveLength(2);
    for (const l of invalid) {
      expect(l.errors).toEqual([expect.objectContaining({ code: 'supersedes_cycle', pointer: '/supersedes', message: expect.stringMatching(/x supersedes y supersedes x/) })]);
    }
    const reports = lines.filter((l) => l.findings);
    expect(reports.map((l) => l.filingId).sort()).toEqual(['a-0', 'a-2']);
    // the loop's filings make no history: a-2's history is a-0 alone
    expect(reports.find((l) => l.filingId === 'a-2')!.history).toMatchObject({ filings: 1 });
    expect(r.code).toBe(2);
  });
});

describe('compliance check', () => {
  const { dir } = input();
  it('refuses the FILEs of a loop as invalid (exit 2, naming both) and judges the others', async () => {
    const files = filings().map((f) => join(dir, 'folder', `${f.filingId}.json`));
    const r = await runHere(['check', ...files, '--format', 'json']);
    expect(r.code).toBe(2);
    const out = JSON.parse(r.stdout) as Json[];
    expect(out.map((e) => e.type ?? e.filingId)).toEqual(['a-0', 'invalid', 'invalid', 'a-2']);
    expect(out[1]!.errors).toEqual([expect.objectContaining({ code: 'supersedes_cycle' })]);
    expect(r.stderr).toMatch(/x\.json.*\/supersedes: a correction loop on platform base-mutual: x supersedes y supersedes x.*\[supersedes_cycle\]/);
    const zh = await runHere(['check', ...files, '--format', 'json', '--lang', 'zh']);
    expect(zh.stderr).toMatch(/更正链形成循环/);
  });

  it('names a loop among the --history filings too, exit 2', async () => {
    const r = await runHere(['check', join(dir, 'folder', 'a-2.json'), '--history', join(dir, 'folder'), '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/folder: a correction loop on platform base-mutual: x supersedes y supersedes x;.*\[supersedes_cycle\]/);
    expect((JSON.parse(r.stdout) as Json).history).toMatchObject({ filings: 1 });
  });
});
