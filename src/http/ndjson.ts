// NDJSON request bodies as scan items, read with backpressure, each line held to the 1 MiB limit and
// depth 64. The lines come from the one splitter (src/ndjson.ts); what is HTTP's is the refusals' words.

import { ndjsonLines } from '../ndjson.js';
import type { ScanItem } from '../scan/index.js';
import { BODY_LIMIT, jsonTooDeep, MAX_DEPTH } from './body.js';

/** Why a line was not even handed to the judge; it becomes that item's `invalid` line. */
export interface LineRefusal {
  code: 'body_too_large' | 'body_too_deep' | 'malformed_body';
  message: string;
}

/**
 * NDJSON items named `name:line`, pulling the next chunk only when the consumer asks (so a slow judge
 * slows the client down). A line over `limit` bytes is never held in memory: it is skipped to its end
 * and reported through `refuse` with its item's index, as is a line nested too deeply or not UTF-8.
 * Blank lines are skipped.
 */
export async function* ndjsonItems(
  stream: AsyncIterable<Buffer | string>,
  name: string,
  refuse: (index: number, source: string, why: LineRefusal) => void,
  limit = BODY_LIMIT,
): AsyncGenerator<ScanItem> {
  let index = 0;
  for await (const l of ndjsonLines(stream, limit)) {
    const source = `${name}:${l.line}`;
    const text = 'refused' in l ? null : l.text;
    let why: LineRefusal | null = null;
    if (text === null) {
      why =
        'refused' in l && l.refused === 'too_long'
          ? { code: 'body_too_large', message: `line ${l.line} is over the ${limit} byte limit` }
          : { code: 'malformed_body', message: `line ${l.line} is not valid UTF-8` };
    } else if (jsonTooDeep(text)) {
      why = {
        code: 'body_too_deep',
        message: `line ${l.line} nests arrays and objects deeper than ${MAX_DEPTH} levels`,
      };
    }
    if (why) refuse(index, source, why);
    index++;
    yield why ? { source, text: '', format: 'json', refused: why } : { source, text: text!, format: 'json' };
  }
}
