// What only a process shows: the exit status the shell sees, a closed pipe (`| head`) ending quietly, and
// the progress bar on a real terminal. What the commands say is tested in-process (the other test/cli files).

import { spawn, spawnSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpus } from '../../bench/corpus.js';
import { CLI, requireBuild, runCli } from '../support/cli.js';
import { BASE_FILING_PATH, makeFiling, REPO_ROOT } from '../support/filing-factory.js';
import { fixturePath } from '../support/fixtures.js';
import { removeTempDirs, tempDir } from '../support/rule-sets.js';

beforeAll(requireBuild);
afterAll(removeTempDirs);

describe.concurrent('the exit status of the process', () => {
  it.each<[string, number, () => string[]]>([
    ['a compliant filing', 0, () => ['check', fileURLToPath(BASE_FILING_PATH)]],
    ['a failing filing', 1, () => ['check', fixturePath('xhb-2021-12b.yaml')]],
    ['a usage error', 2, () => ['check', '--format', 'xml', 'x.yaml']],
  ])('%s → %i, each stream with its own words', async (_name, code, args) => {
    const r = await runCli(args());
    expect(r.code).toBe(code);
    if (code < 2) {
      expect(r.stdout).toMatch(/: (PASS|FAIL)/);
      expect(r.stderr).toBe('');
    } else {
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain("'xml'");
    }
  });
});

describe('a closed standard output', () => {
  it('ends a scan without a stack trace when the reader goes away', async () => {
    const child = spawn(process.execPath, [CLI, 'scan', '-', '--format', 'ndjson', '--workers', '0'], {
      cwd: fileURLToPath(REPO_ROOT),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.stdin.on('error', () => undefined);
    // the first bytes of output arrive, then the reader closes its end
    child.stdout.once('data', () => child.stdout.destroy());
    child.stdin.end([...corpus(3000, 3, 24)].join('\n') + '\n');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stderr).not.toContain('EPIPE');
    expect(code).not.toBe(null);
  });
});

// util-linux `script` gives the command a pseudo-terminal; without it this test cannot run
const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

describe('the progress bar', () => {
  it.skipIf(!hasScript)(
    'is drawn on a terminal with the total, a percentage and an ETA, and never on a pipe',
    async () => {
      const dir = tempDir('compliance-tty-');
      const file = join(dir, 'many.ndjson');
      writeFileSync(
        file,
        Array.from({ length: 40 }, (_, i) => JSON.stringify(makeFiling({ '/filingId': `t-${i}` }))).join(
          '\n',
        ) + '\n',
      );
      const command = `${process.execPath} ${CLI} scan ${file} --workers 0 --format ndjson > ${join(dir, 'out.ndjson')}`;
      const tty = spawnSync('script', ['-qec', command, '/dev/null'], {
        encoding: 'utf8',
        env: { ...process.env, COLUMNS: '120' },
      });
      expect(tty.status).toBe(0);
      expect(tty.stdout).toMatch(/40\/40 filings/);
      expect(tty.stdout).toMatch(/100 ?%/);
      expect(tty.stdout).toMatch(/ETA/);
      const piped = await runCli(['scan', file, '--workers', '0', '--format', 'ndjson']);
      expect(piped.stderr).toBe('');
    },
  );
});

/** Every file under `dir` with its content, to see that nothing was written there. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(p, readFileSync(p, 'base64'));
    }
  };
  walk(dir);
  return out;
}

describe("the README's supervisor block", () => {
  it('writes nothing into the repository and starts from a fresh copy, so it can be run again', () => {
    const readme = readFileSync(new URL('README.md', REPO_ROOT), 'utf8');
    const section = readme.slice(readme.indexOf('## A supervisor changes a parameter'));
    const block = /```sh\n([\s\S]*?)```/.exec(section)![1]!;
    expect(block).toContain('npx compliance rules preview');
    // what a second run would find different: only what a first run left behind. The block copies the
    // pack into a new temporary folder each time, and here it must leave the repository as it found it.
    expect(block).toMatch(/^P=\$\(mktemp -d\) && cp -r rules\/\. "\$P"/);
    // a copy of what the block reads, as the repository it runs in; `npx compliance` is the built command
    const repo = tempDir('compliance-readme-');
    cpSync(fileURLToPath(new URL('rules', REPO_ROOT)), join(repo, 'rules'), { recursive: true });
    cpSync(fileURLToPath(new URL('examples', REPO_ROOT)), join(repo, 'examples'), { recursive: true });
    const before = snapshot(repo);
    const script = `npx() { shift; "${process.execPath}" "${CLI}" "$@"; }\n${block}`;
    const r = spawnSync('bash', ['-c', script], { cwd: repo, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/: \d+ rules, \d+ parameters, \d+ waivers: ok/);
    expect(r.stdout).toMatch(/\d+ cases, [1-9]\d* failed/);
    expect(r.stdout).toMatch(/change verdict/);
    expect(snapshot(repo)).toEqual(before);
  });
});
