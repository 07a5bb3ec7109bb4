// Vitest global setup of the "built" project: compiles src/ and bench/ into dist/ once per run, so a test
// that spawns the CLI or starts scan workers always runs the current source, never a stale build.

import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const LOCK = join(ROOT, 'dist', '.build-lock');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Two test runs at once (several people, or an editor and a terminal) take turns to write dist/. */
async function lock(): Promise<() => void> {
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  for (let waited = 0; ; waited += 100) {
    try {
      mkdirSync(LOCK);
      writeFileSync(join(LOCK, 'pid'), String(process.pid));
      return () => rmSync(LOCK, { recursive: true, force: true });
    } catch {
      let holder = NaN;
      try {
        holder = Number(readFileSync(join(LOCK, 'pid'), 'utf8'));
      } catch {
        // the holder is between mkdir and writing its pid
      }
      // a run that died while building leaves its lock behind: take it over
      if ((Number.isInteger(holder) && !alive(holder)) || waited > 180_000)
        rmSync(LOCK, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

export default async function setup(): Promise<void> {
  const unlock = await lock();
  try {
    const started = Date.now();
    // incremental: an unchanged source costs a few seconds; the build info lives in dist/, so removing dist/ rebuilds all
    const tsc = spawnSync(
      process.execPath,
      [TSC, '-p', 'tsconfig.build.json', '--incremental', '--tsBuildInfoFile', 'dist/.tsbuildinfo'],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
    // exit 2: type errors, but every file was emitted (tsc emits despite them); the typecheck step reports them
    if (tsc.status !== 0 && tsc.status !== 2)
      throw new Error(`the build before the tests failed:\n${tsc.stdout}${tsc.stderr}`);
    if (tsc.status === 2) {
      const errors = tsc.stdout.split('\n').filter((l) => /error TS\d+/.test(l));
      process.stderr.write(
        `build for tests: dist/ emitted with ${errors.length} type errors (npm run typecheck lists them), e.g.\n  ${errors.slice(0, 3).join('\n  ')}\n`,
      );
    }
    const post = spawnSync(process.execPath, ['scripts/post-build.mjs'], { cwd: ROOT, encoding: 'utf8' });
    if (post.status !== 0) throw new Error(`scripts/post-build.mjs failed: ${post.stderr}`);
    if (process.env.COMPLIANCE_DEBUG) process.stderr.write(`build for tests: ${Date.now() - started} ms\n`);
  } finally {
    unlock();
  }
}
