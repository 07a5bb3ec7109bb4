// Scan inputs as a stream of items: a folder (recursive), an NDJSON file, or any readable stream of NDJSON.

import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { detectFormat } from '../filing/parse.js';
import { decodeText, textProblem } from './input.js';
import { NOT_UTF8_LINE, type ScanItem } from './judge-item.js';
import { ndjsonLines } from '../ndjson.js';

const FILING_FILE = /\.(json|ya?ml)$/i;

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((e) => {
      const p = join(dir, e.name);
      if (e.isDirectory()) return walk(p);
      return FILING_FILE.test(e.name) || /\.ndjson$/i.test(e.name) ? [p] : [];
    });
}

/** NDJSON lines as items named `name:line` (src/ndjson.ts splits them); blank lines are skipped. */
export async function* ndjsonItems(
  stream: AsyncIterable<Uint8Array | string>,
  name: string,
): AsyncGenerator<ScanItem> {
  for await (const l of ndjsonLines(stream)) {
    const source = `${name}:${l.line}`;
    yield 'refused' in l
      ? { source, text: '', format: 'json', refused: NOT_UTF8_LINE }
      : { source, text: l.text, format: 'json' };
  }
}

/** True for an existing file that is NDJSON (by its name, or any file that is not one JSON/YAML filing). */
export function isNdjsonFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile() && (/\.ndjson$/i.test(path) || !FILING_FILE.test(path));
}

/** Items of a path: `-` is stdin, a folder is walked (sorted), a file is NDJSON unless it is one JSON/YAML filing. */
export async function* pathItems(path: string, stdin: Readable = process.stdin): AsyncGenerator<ScanItem> {
  if (path === '-') {
    yield* ndjsonItems(stdin, 'stdin');
    return;
  }
  if (!existsSync(path)) throw new Error(`${path}: no such file or folder`);
  const files = statSync(path).isDirectory() ? walk(path) : [path];
  for (const file of files) {
    if (/\.ndjson$/i.test(file) || (!FILING_FILE.test(file) && files.length === 1)) {
      yield* ndjsonItems(createReadStream(file), file);
    } else {
      // an empty or binary file is refused as such, never parsed into "/: must be object"
      const bytes = readFileSync(file);
      const problem = textProblem(bytes);
      if (problem) yield { source: file, text: '', format: 'json', refused: problem };
      else {
        const text = decodeText(bytes);
        yield { source: file, text, format: detectFormat(file, text) };
      }
    }
  }
}

/** How many items `pathItems(path)` will give (non-blank NDJSON lines, one per filing file): a progress bar's total. */
export async function countItems(path: string): Promise<number> {
  const files = statSync(path).isDirectory() ? walk(path) : [path];
  let n = 0;
  for (const file of files) {
    if (!(/\.ndjson$/i.test(file) || (!FILING_FILE.test(file) && files.length === 1))) {
      n++;
      continue;
    }
    // a line is counted where it ends (or where the file ends without a newline), unless it was blank
    let blank = true;
    for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
      for (const b of chunk) {
        if (b === 10) {
          if (!blank) n++;
          blank = true;
        } else if (b !== 13 && b !== 32 && b !== 9) blank = false;
      }
    }
    if (!blank) n++;
  }
  return n;
}
