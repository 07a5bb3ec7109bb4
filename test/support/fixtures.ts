// Test fixtures on disk: the DESIGN section 3 example filing and friends.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readFiling } from '../../src/filing/validate.js';
import type { Filing } from '../../src/filing/types.js';

export const FIXTURES_DIR = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** Path of a file in test/fixtures. */
export const fixturePath = (name: string) => FIXTURES_DIR + name;

/** A fixture filing, read and validated like any filing. */
export function fixtureFiling(name: string): Filing {
  return readFiling(readFileSync(fixturePath(name), 'utf8'), name);
}
