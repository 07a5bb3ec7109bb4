// The CLI prints problems in English by default and in --lang where it prints them: an invalid filing on stderr
// and in its `invalid` entry, a broken rule folder (DESIGN §8, "In the caller's language").

import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHere as runCli } from '../support/cli.js';
import { englishWords } from '../support/english-words.js';
import { makeDocument } from '../support/filing-factory.js';
import { removeTempDirs, tempDir } from '../support/rule-sets.js';
import { FIXTURE_RULES_DIR } from '../store/support.js';

let dir: string;
let BAD: string;
let RULES: string;
beforeAll(() => {
  dir = tempDir('compliance-cli-lang-');
  BAD = join(dir, 'bad.json');
  writeFileSync(BAD, JSON.stringify(makeDocument({ '/extra': 1, '/period/start': '2021-02-30' })));
  RULES = join(dir, 'rules');
  cpSync(FIXTURE_RULES_DIR, RULES, { recursive: true });
  const params = join(RULES, 'parameters.yaml');
  writeFileSync(params, readFileSync(params, 'utf8').replace(/^(\w+):\n {2}- \{ from: ([0-9-]+)/m, '$1:\n  - { from: 2021-02-30'));
});
afterAll(removeTempDirs);

/** A problem line without its place and code: `file /pointer: message [code]` → message. */
const messageOf = (line: string) => line.replace(/^.*?: /, '').replace(/ \[\w+\]$/, '');

describe('problems in --lang', () => {
  it('an invalid filing: English by default, Chinese with --lang zh, the codes and places alike', async () => {
    const en = await runCli(['check', BAD]);
    const zh = await runCli(['check', '--lang', 'zh', BAD]);
    expect(en.code).toBe(zh.code);
    const lines = (s: string) => s.trim().split('\n').filter((l) => l.includes('['));
    expect(lines(en.stderr)).toEqual(expect.arrayContaining([`${BAD} /extra: unknown field [filing_invalid]`]));
    expect(lines(zh.stderr)).toEqual(expect.arrayContaining([`${BAD} /extra: 未知字段 [filing_invalid]`]));
    expect(lines(zh.stderr).map((l) => l.replace(/: .*? \[/, ' ['))).toEqual(lines(en.stderr).map((l) => l.replace(/: .*? \[/, ' [')));
    for (const l of lines(zh.stderr)) expect(englishWords(messageOf(l)), l).toEqual([]);
  });

  it('the invalid entry of --format json holds the messages in --lang, never their key and values', async () => {
    const zh = JSON.parse((await runCli(['check', '--format', 'json', '--lang', 'zh', BAD])).stdout);
    const en = JSON.parse((await runCli(['check', '--format', 'json', BAD])).stdout);
    const errors = (out: unknown) => (Array.isArray(out) ? out : [out]).flatMap((e: { errors?: unknown[] }) => e.errors ?? []) as Record<string, unknown>[];
    expect(errors(en).map((e) => e.message)).toContain('unknown field');
    expect(errors(zh).map((e) => e.message)).toContain('未知字段');
    for (const e of [...errors(en), ...errors(zh)]) expect(e).not.toHaveProperty('msg');
  });

  it('a broken rule folder is named in --lang', async () => {
    const en = await runCli(['check', '--rules', RULES, BAD]);
    const zh = await runCli(['check', '--rules', RULES, '--lang', 'zh', BAD]);
    expect(en.code).toBe(2);
    expect(en.stderr).toContain('2021-02-30 is not a calendar date [rule_lint_error]');
    expect(zh.stderr).toContain('“2021-02-30” 不是实际存在的日期 [rule_lint_error]');
  });
});
