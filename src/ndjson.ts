// The one NDJSON line splitter: bytes (a stream, or a batch already cut at newlines) into numbered lines,
// each decoded as strict UTF-8 with a trailing CR dropped, blank lines skipped but counted, and a line
// that is too long or not UTF-8 handed back as refused (never held whole in memory, never guessed at).

/** A line of NDJSON: its text, or why it was refused. `line` counts from 1, blank lines included. */
export type NdjsonLine = { line: number; text: string } | { line: number; refused: 'too_long' | 'not_utf8' };

const strict = new TextDecoder('utf-8', { fatal: true });

/** One line's bytes (without its newline) as a line, or null when it is blank. */
function lineOf(bytes: Uint8Array, line: number): NdjsonLine | null {
  let text: string;
  try {
    text = strict.decode(bytes);
  } catch {
    return { line, refused: 'not_utf8' };
  }
  if (text.endsWith('\r')) text = text.slice(0, -1);
  return text.trim() === '' ? null : { line, text };
}

/**
 * Splits a byte stream into lines, pulling the next chunk only when the consumer asks (so a slow consumer
 * slows the producer). A line over `limit` bytes is skipped to its end and refused as `too_long`.
 */
export async function* ndjsonLines(
  stream: AsyncIterable<Uint8Array | string>,
  limit = Infinity,
): AsyncGenerator<NdjsonLine> {
  let pieces: Uint8Array[] = [];
  let size = 0;
  let tooLong = false;
  let line = 0;
  const finish = (): NdjsonLine | null => {
    line++;
    const out: NdjsonLine | null = tooLong
      ? { line, refused: 'too_long' }
      : lineOf(Buffer.concat(pieces, size), line);
    pieces = [];
    size = 0;
    tooLong = false;
    return out;
  };
  for await (const raw of stream) {
    const chunk = typeof raw === 'string' ? Buffer.from(raw) : raw;
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(10, start);
      const end = nl === -1 ? chunk.length : nl;
      if (!tooLong) {
        if (size + (end - start) > limit) {
          tooLong = true;
          pieces = [];
          size = 0;
        } else if (end > start) {
          pieces.push(chunk.subarray(start, end));
          size += end - start;
        }
      }
      if (nl === -1) break;
      const done = finish();
      if (done) yield done;
      start = nl + 1;
    }
  }
  if (size > 0 || tooLong) {
    const done = finish();
    if (done) yield done;
  }
}

/**
 * The lines of a batch of whole lines whose first is line `firstLine` (what a scan worker receives).
 * The common case, all UTF-8, is decoded in one go; otherwise each line on its own, to refuse only the bad.
 */
export function batchLines(bytes: Uint8Array, firstLine: number): NdjsonLine[] {
  const out: NdjsonLine[] = [];
  let whole: string | null = null;
  try {
    whole = strict.decode(bytes);
  } catch {
    // a line is not UTF-8: split the bytes instead
  }
  if (whole !== null) {
    const texts = whole.split('\n');
    // the piece after a final newline is no line of its own
    const n = texts.at(-1) === '' ? texts.length - 1 : texts.length;
    for (let i = 0; i < n; i++) {
      const raw = texts[i]!;
      const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      if (text.trim() !== '') out.push({ line: firstLine + i, text });
    }
    return out;
  }
  let start = 0;
  for (let i = 0; start < bytes.length; i++) {
    const nl = bytes.indexOf(10, start);
    const end = nl === -1 ? bytes.length : nl;
    const l = lineOf(bytes.subarray(start, end), firstLine + i);
    if (l) out.push(l);
    start = end + 1;
  }
  return out;
}
