// Suggested commands work as printed: shell quoting, the database argument without a password.

import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { complianceCommand, dbArgument, shellWord } from '../../src/cli/hint.js';

describe('suggested commands', () => {
  it.each(['./data/compliance.db', '/tmp/my data/c.db', "it's.db", '$HOME/x.db', 'a;rm -rf b'])(
    'quotes %j so the shell reads it back unchanged',
    (word) => {
      const echoed = spawnSync('bash', ['-c', `printf %s ${shellWord(word)}`], { encoding: 'utf8' });
      expect(echoed.stdout).toBe(word);
    },
  );

  it('never prints a PostgreSQL password: "$DATABASE_URL" when it came from there, else the redacted URL', () => {
    const url = 'postgres://app:s3cret@db:5432/compliance';
    const redacted = 'postgres://app:***@db:5432/compliance';
    expect(dbArgument(url, redacted, url)).toBe('--db "$DATABASE_URL"');
    expect(dbArgument(url, redacted, undefined)).toBe(`--db '${redacted}'`);
    expect(dbArgument('./data/compliance.db', './data/compliance.db')).toBe('--db ./data/compliance.db');
  });

  it('falls back to node and the script when npx would not find the command', () => {
    expect(complianceCommand('/')).toMatch(/^\S*node\S* \S+main\.js$/);
  });
});
