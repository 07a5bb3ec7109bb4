// Runs `compliance`: in this process on captured streams (`runHere`, for what the command says), or the
// built command as a child process (`runCli`, only for what needs a process: exit status, pipes, signals).
// The "built" test project's global setup (test/setup/build.ts) builds dist/ before those run.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { run } from '../../src/cli/run.js';
import { REPO_ROOT } from './filing-factory.js';

export const CLI = fileURLToPath(new URL('dist/src/cli/main.js', REPO_ROOT));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A writable that keeps what it is given; `isTTY` makes it pass for a terminal. */
function capture(tty = false): {
  stream: Writable & { isTTY?: boolean; columns?: number };
  text: () => string;
} {
  const chunks: Buffer[] = [];
  const stream: Writable & { isTTY?: boolean; columns?: number } = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk);
      done();
    },
  });
  if (tty) Object.assign(stream, { isTTY: true, columns: 100 });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

/**
 * Runs `compliance ...args` in this process on captured streams (stdin is `input`, or empty); `tty`
 * makes stderr a terminal. Same answers as the built command, without starting a process.
 */
export async function runHere(
  args: readonly string[],
  opts: { input?: string | Buffer; tty?: boolean } = {},
): Promise<CliResult> {
  const stdout = capture();
  const stderr = capture(opts.tty);
  const input =
    opts.input === undefined ? [] : [typeof opts.input === 'string' ? Buffer.from(opts.input) : opts.input];
  const code = await run(['node', 'compliance', ...args], {
    stdin: Readable.from(input),
    stdout: stdout.stream,
    stderr: stderr.stream,
    exitCode: undefined,
  });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/** Fails with a clear message when the CLI has not been built. */
export function requireBuild(): void {
  if (!existsSync(CLI)) throw new Error(`${CLI} not found: run \`npm run build\` before the CLI tests`);
}

/** Runs `compliance ...args`, optionally writing `input` to its standard input. */
export function runCli(
  args: readonly string[],
  opts: { input?: string; cwd?: string } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: opts.cwd ?? fileURLToPath(REPO_ROOT),
      env: { ...process.env, COMPLIANCE_DEBUG: '', NO_COLOR: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.on('error', () => undefined);
    child.stdin.end(opts.input ?? '');
  });
}

/** Non-empty lines of a text. */
export const lines = (text: string): string[] => text.split('\n').filter((l) => l !== '');
