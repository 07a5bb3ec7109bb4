// A filing's bytes as text, for the CLI and scans alike: a path, a file or stdin, refused by name when it
// is missing, a folder, empty, or not UTF-8 text — never handed to the parser to fail as "/: must be object".

import { readFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { ErrorCode, Problem } from '../errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Why some bytes are no filing's text, or null when they are text worth parsing. */
export function textProblem(bytes: Uint8Array): { code: ErrorCode; message: string } | null {
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  const blank = bytes.subarray(start).every((b) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d);
  if (blank)
    return {
      code: 'filing_parse_error',
      message: 'the file is empty: a filing is one JSON or YAML document',
    };
  const nul = bytes.indexOf(0);
  if (nul !== -1)
    return {
      code: 'filing_parse_error',
      message: `not text (a NUL byte at offset ${nul}): a filing is one JSON or YAML document in UTF-8`,
    };
  try {
    utf8.decode(bytes);
  } catch {
    return {
      code: 'filing_parse_error',
      message: 'not UTF-8 text: a filing is one JSON or YAML document in UTF-8',
    };
  }
  return null;
}

/** Text of bytes already checked by textProblem. */
export function decodeText(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

/** What the system said about a path, in words (never the raw ENOENT/EISDIR text); the caller names the path. */
export function pathProblem(e: unknown): string {
  switch ((e as NodeJS.ErrnoException).code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return 'no such file or folder';
    case 'EISDIR':
      return 'is a folder: give a filing file here (compliance scan judges a folder)';
    case 'EACCES':
    case 'EPERM':
      return 'cannot be read: permission denied';
    default:
      return 'cannot be read';
  }
}

export type InputText = { ok: true; text: string } | { ok: false; problem: Problem };

async function all(stream: Readable): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks);
}

/**
 * Reads one filing: `path`, or `stdin` when path is `-` (named `stdin`). A missing path or a folder is a
 * usage_error; an empty or non-UTF-8 file a filing_parse_error; both name the file.
 */
export async function readFilingText(path: string, stdin: Readable): Promise<InputText> {
  const file = path === '-' ? 'stdin' : path;
  let bytes: Uint8Array;
  try {
    bytes = path === '-' ? await all(stdin) : await readFile(path);
  } catch (e) {
    return { ok: false, problem: { code: 'usage_error', message: pathProblem(e), file } };
  }
  const problem = textProblem(bytes);
  if (problem) return { ok: false, problem: { ...problem, file } };
  return { ok: true, text: decodeText(bytes) };
}
