// Request bodies: the content type (415), the 1 MiB limit (413), JSON/YAML parsing (400), nesting depth, and a
// YAML body's nodes and aliases (413), with what is left of a large YAML body parsed off the event loop.

import type { Request } from 'express';
import { say } from '../messages/index.js';
import { jsonDuplicateKey } from '../filing/json-error.js';
import { filingFromYaml, filingTextToParse, parseFilingText } from '../filing/parse.js';
import type { FilingMediaType } from '../store/types.js';
import { yamlShape, type YamlShape } from '../yaml-depth.js';
import { parseYamlOffThread, YamlParseRefused } from '../yaml-worker-pool.js';
import { tooComplexProblem, withPositions, YAML_LIMITS, type YamlParse } from '../yaml.js';
import { HttpError } from './errors.js';

/** Largest body (and, for NDJSON scans, largest line) accepted: 1 MiB. */
export const BODY_LIMIT = 1024 * 1024;
/** Deepest nesting of arrays and objects accepted in a JSON or YAML body. */
export const MAX_DEPTH = 64;

/** The body media types any route accepts. */
export type MediaType = FilingMediaType | 'application/x-ndjson';

/** The request's media type, lower-cased without parameters; `undefined` when there is none. */
export function mediaTypeOf(req: Request): { type: string | undefined; charset: string | undefined } {
  const header = req.headers['content-type'];
  if (!header) return { type: undefined, charset: undefined };
  const [type, ...params] = header.split(';').map((s) => s.trim());
  const charset = params
    .map((p) => /^charset\s*=\s*"?([^";]+)"?$/i.exec(p)?.[1])
    .find((c) => c !== undefined);
  return { type: type?.toLowerCase(), charset: charset?.toLowerCase() };
}

/** The body's media type if it is one of `allowed` (in UTF-8); else 415 naming what is accepted. */
export function requireMediaType<T extends MediaType>(req: Request, allowed: readonly T[]): T {
  const { type, charset } = mediaTypeOf(req);
  const ok = allowed.find((a) => a === type);
  if (!ok || (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8')) {
    throw new HttpError(
      'unsupported_media_type',
      say('http.media_type', { type: type ?? null, charset: charset ?? null, allowed }),
      [],
      { 'Accept-Post': allowed.join(', ') },
    );
  }
  return ok;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes UTF-8 strictly (a BOM is dropped): invalid bytes are a 400, not replacement characters. */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new HttpError('malformed_body', say('http.not_utf8', {}));
  }
}

function tooLarge(limit: number, close: boolean): HttpError {
  return new HttpError(
    'body_too_large',
    say('http.body_too_large', { limit }),
    [],
    close ? { Connection: 'close' } : {},
  );
}

/**
 * Reads the whole body as text, refusing more than `limit` bytes. A declared Content-Length over the
 * limit is refused before reading; an undeclared one is cut off and the connection closed after the 413.
 */
export function readText(req: Request, limit = BODY_LIMIT): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > limit) return Promise.reject(tooLarge(limit, false));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        // discard the rest without keeping it; the 413 closes the connection
        req.resume();
        reject(tooLarge(limit, true));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      try {
        resolve(decodeUtf8(Buffer.concat(chunks)));
      } catch (e) {
        reject(e as Error);
      }
    };
    const onError = (e: Error) => {
      cleanup();
      reject(e);
    };
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

/** True when JSON text nests arrays/objects deeper than `max`; a linear scan that never recurses. */
export function jsonTooDeep(text: string, max = MAX_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > max) return true;
    } else if (c === 125 || c === 93) depth--;
  }
  return false;
}

/** Nesting depth of a parsed value (a scalar is 0), computed without recursion. */
export function valueDepth(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    deepest = Math.max(deepest, d + 1);
    for (const child of Object.values(v)) stack.push([child, d + 1]);
  }
  return deepest;
}

function tooDeep(): HttpError {
  return new HttpError('body_too_deep', say('http.body_too_deep', { max: MAX_DEPTH }));
}

/** Reads an `application/json` body and parses it (415, 413, 400). */
export async function readJson(req: Request): Promise<unknown> {
  requireMediaType(req, ['application/json']);
  const text = await readText(req);
  if (jsonTooDeep(text)) throw tooDeep();
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (e) {
    throw new HttpError('malformed_body', say('http.not_json', { detail: (e as Error).message }));
  }
  const dup = jsonDuplicateKey(text);
  if (dup) {
    throw new HttpError('malformed_body', say('http.body_duplicate_key', { pointer: dup.pointer }), [
      { code: 'malformed_body', ...say('http.duplicate_key_item', {}), pointer: dup.pointer },
    ]);
  }
  return value;
}

function tooComplex(shape: YamlShape, text: string): HttpError {
  // located where the count passed the limit, as a parse problem is
  const { message, msg, line, column } = tooComplexProblem(shape, text, "the body's YAML");
  return new HttpError('body_too_complex', { message, msg }, [{ code: 'body_too_complex', message, msg, line, column }]);
}

/** Line and column of what a JSON pointer names in the body (its key with `key: true`); null for a JSON body. */
export type BodyPosition = ((pointer: string, opts?: { key?: boolean }) => { line: number; column: number }) | null;

/**
 * A YAML filing body's value: its depth, nodes and aliases read in one pass first (400 `body_too_deep`,
 * 413 `body_too_complex`), then parsed here when small, on the YAML worker thread when large (503
 * `server_busy` when too many wait for it; 413 when the parse would pass the worker's heap or time).
 */
async function readYamlFiling(body: string): Promise<{ value: unknown; position: BodyPosition }> {
  const source = 'request body';
  const text = filingTextToParse(body, source, 'yaml');
  const shape = yamlShape(text, YAML_LIMITS);
  if (shape.over === 'depth') throw tooDeep();
  if (shape.over) throw tooComplex(shape, text);
  let parsed: YamlParse;
  try {
    parsed = await parseYamlOffThread(text);
  } catch (e) {
    if (!(e instanceof YamlParseRefused)) throw e;
    if (e.reason === 'busy') {
      throw new HttpError('server_busy', say('http.server_busy', {}), [], { 'Retry-After': '1' });
    }
    if (e.reason === 'closed') throw new HttpError('shutting_down', say('http.shutting_down', {}));
    throw new HttpError('body_too_complex', say('http.yaml_too_costly', {}));
  }
  const value = filingFromYaml(parsed, source);
  const located = withPositions(parsed);
  return { value, position: located.ok ? located.doc.position : null };
}

/**
 * Reads a filing body, JSON or YAML, and parses it; parse problems keep their line and column, and
 * `position` finds a YAML body's line and column for a JSON pointer (for problems found later).
 */
export async function readFilingBody(
  req: Request,
): Promise<{ value: unknown; text: string; type: FilingMediaType; position: BodyPosition }> {
  const type = requireMediaType(req, ['application/json', 'application/yaml']);
  const text = await readText(req);
  let value: unknown;
  let position: BodyPosition = null;
  if (type === 'application/json') {
    // depth is read from the text in one pass before any parser (all of which recurse) sees it
    if (jsonTooDeep(text)) throw tooDeep();
    try {
      value = parseFilingText(text, 'request body', 'json');
    } catch (e) {
      if (e instanceof RangeError) throw tooDeep(); // out of stack, should a check recurse
      throw e;
    }
  } else ({ value, position } = await readYamlFiling(text));
  if (valueDepth(value) > MAX_DEPTH) throw tooDeep();
  return { value, text, type, position };
}
