// The benchmarks' corpus as a file: generated once per size (bench/corpus.ts) in the temporary folder and kept for later runs.

import { spawn } from 'node:child_process';
import { existsSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A corpus file of `filings` filings of `disclosures` disclosures over `platforms` platforms (seed 7). */
export async function corpusFile(filings: number, disclosures: number, platforms: number): Promise<string> {
  const root = fileURLToPath(new URL('../', import.meta.url));
  const path = join(tmpdir(), `compliance-bench-${filings}-${disclosures}-${platforms}-seed7.ndjson`);
  if (existsSync(path)) return path;
  process.stderr.write(`writing ${path} (kept for the next run; delete it when done) …\n`);
  const partial = `${path}.partial`;
  await new Promise<void>((resolve, reject) => {
    const args = ['--count', String(filings), '--disclosures', String(disclosures), '--platforms', String(platforms), '--seed', '7', '--out', partial];
    const gen = spawn(process.execPath, [`${root}bench/corpus.js`, ...args], { stdio: 'inherit' });
    gen.on('error', reject);
    gen.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`corpus exited ${code}`))));
  });
  renameSync(partial, path);
  return path;
}
