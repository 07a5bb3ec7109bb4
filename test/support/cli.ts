// Runs the built `compliance` command (dist/src/cli/main.js) as a child process; `npm run build` first.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT } from './filing-factory.js';

export const CLI = fileURLToPath(new URL('dist/src/cli/main.js', REPO_ROOT));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
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
