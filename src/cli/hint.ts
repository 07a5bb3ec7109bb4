// Commands the CLI suggests, written so they work as printed: pasted into a shell in the same folder.

import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A word quoted for a POSIX shell when it needs to be. */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

const MAIN = fileURLToPath(new URL('./main.js', import.meta.url));

/** True when `npx compliance` in `cwd` runs this command: the package itself, or a project that installed it. */
function npxFinds(cwd: string): boolean {
  try {
    const bin = join(cwd, 'node_modules', '.bin', 'compliance');
    if (existsSync(bin)) return realpathSync(bin) === realpathSync(MAIN);
    const pkg = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8')) as {
      bin?: Record<string, string>;
    };
    return (
      pkg.bin?.compliance !== undefined && realpathSync(join(cwd, pkg.bin.compliance)) === realpathSync(MAIN)
    );
  } catch {
    return false;
  }
}

/** How to run `compliance` from `cwd`: `npx compliance` where npx finds it, else node with this file's path. */
export function complianceCommand(cwd = process.cwd()): string {
  return npxFinds(cwd) ? 'npx compliance' : `${shellWord(process.execPath)} ${shellWord(MAIN)}`;
}

/**
 * `--db …` for a suggested command: the file as given; a PostgreSQL URL as "$DATABASE_URL" when it came
 * from there (its password is never printed), else with the password elided for the reader to fill in.
 */
export function dbArgument(db: string, redacted: string, env = process.env.DATABASE_URL): string {
  if (redacted === db) return `--db ${shellWord(db)}`;
  return env !== undefined && env.trim() === db ? '--db "$DATABASE_URL"' : `--db ${shellWord(redacted)}`;
}
