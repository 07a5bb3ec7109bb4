// NDJSON request bodies as scan items, read with backpressure, each line held to the 1 MiB limit and depth 64.

import type { ScanItem } from '../scan/index.js';
import { BODY_LIMIT, jsonTooDeep, MAX_DEPTH } from './body.js';

/** Why a line was not even handed to the judge; it becomes that item's `invalid` line. */
export interface LineRefusal {
  code: 'body_too_large' | 'body_too_deep' | 'malformed_body';
  message: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Splits a byte stream into NDJSON items named `name:line`, pulling the next chunk only when the
 * consumer asks (so a slow judge slows the client down). A line over `limit` bytes is never held
 * in memory: it is skipped to its end and reported through `refuse` with its item's index, as is a
 * line nested too deeply or not UTF-8. Blank lines are skipped.
 */
export async function* ndjsonItems(
  stream: AsyncIterable<Buffer | string>,
  name: string,
  refuse: (index: number, source: string, why: LineRefusal) => void,
  limit = BODY_LIMIT,
): AsyncGenerator<ScanItem> {
  let pieces: Buffer[] = [];
  let size = 0;
  let discarding = false;
  let lineNo = 0;
  let index = 0;

  function* finish(): Generator<ScanItem> {
    lineNo++;
    const source = `${name}:${lineNo}`;
    const whole = discarding ? null : Buffer.concat(pieces, size);
    pieces = [];
    size = 0;
    const wasDiscarding = discarding;
    discarding = false;
    if (wasDiscarding) {
      refuse(index, source, {
        code: 'body_too_large',
        message: `line ${lineNo} is over the ${limit} byte limit`,
      });
      index++;
      yield { source, text: '', format: 'json' };
      return;
    }
    let text: string;
    try {
      text = utf8.decode(whole!);
    } catch {
      refuse(index, source, { code: 'malformed_body', message: `line ${lineNo} is not valid UTF-8` });
      index++;
      yield { source, text: '', format: 'json' };
      return;
    }
    if (text.endsWith('\r')) text = text.slice(0, -1);
    if (text.trim() === '') return;
    if (jsonTooDeep(text)) {
      refuse(index, source, {
        code: 'body_too_deep',
        message: `line ${lineNo} nests arrays and objects deeper than ${MAX_DEPTH} levels`,
      });
      index++;
      yield { source, text: '', format: 'json' };
      return;
    }
    index++;
    yield { source, text, format: 'json' };
  }

  for await (const raw of stream) {
    const chunk = typeof raw === 'string' ? Buffer.from(raw) : raw;
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(10, start);
      const end = nl === -1 ? chunk.length : nl;
      if (!discarding) {
        if (size + (end - start) > limit) {
          discarding = true;
          pieces = [];
          size = 0;
        } else if (end > start) {
          pieces.push(chunk.subarray(start, end));
          size += end - start;
        }
      }
      if (nl === -1) break;
      yield* finish();
      start = nl + 1;
    }
  }
  if (size > 0 || discarding) yield* finish();
}
