// Flat memory: the heap after garbage collection is the same after 5,000 and 50,000 scanned filings.
// Runs the built scan (`npm run build` first) in a child process started with --expose-gc.

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { requireBuild } from '../support/cli.js';
import { REPO_ROOT } from '../support/filing-factory.js';

const PROBE = fileURLToPath(new URL('test/support/scan-memory-probe.mjs', REPO_ROOT));
const MB = 1024 * 1024;

describe('scan memory', () => {
  beforeAll(requireBuild);

  it('stays flat between 5,000 and 50,000 filings (workers 0)', () => {
    const child = spawnSync(
      process.execPath,
      ['--expose-gc', '--max-old-space-size=256', PROBE, '5000,50000'],
      { encoding: 'utf8', timeout: 170_000 },
    );
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    const out = JSON.parse(child.stdout) as {
      heap: Record<string, number>;
      count: number;
      filings: number;
      invalid: number;
    };
    expect(out.count).toBe(50_000);
    expect(out.filings + out.invalid).toBe(50_000);
    expect(out.invalid).toBeGreaterThan(0);
    const at5k = out.heap['5000']!;
    const at50k = out.heap['50000']!;
    expect(at5k).toBeGreaterThan(0);
    expect(at50k - at5k).toBeLessThan(20 * MB);
  }, 180_000);
});
