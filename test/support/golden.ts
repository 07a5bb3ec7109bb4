// Golden files: compare output with test/golden/NAME; `UPDATE_GOLDEN=1` rewrites them instead.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const GOLDEN_DIR = fileURLToPath(new URL('../golden/', import.meta.url));

/** Expects `actual` to equal the golden file `name` (created or rewritten when UPDATE_GOLDEN=1). */
export function expectGolden(name: string, actual: string): void {
  const file = GOLDEN_DIR + name;
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file))
    throw new Error(`golden file ${name} is missing: run the tests with UPDATE_GOLDEN=1 to create it`);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}
