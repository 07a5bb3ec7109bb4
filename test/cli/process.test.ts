// A reader that stops early (`compliance scan … | head`) ends the command quietly: no stack trace.

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { corpus } from '../../bench/corpus.js';
import { CLI, requireBuild } from '../support/cli.js';
import { REPO_ROOT } from '../support/filing-factory.js';

describe('a closed standard output', () => {
  beforeAll(requireBuild);

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
