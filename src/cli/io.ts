// Where a command's words go and what it answers: the process's streams and exit code, or the streams a
// caller of `run` gives it (tests run the CLI in-process this way). One Io per command run.

import { AsyncLocalStorage } from 'node:async_hooks';
import type { Readable, Writable } from 'node:stream';

export interface Io {
  readonly stdin: Readable;
  readonly stdout: Writable;
  /** `isTTY` decides whether a progress bar is drawn. */
  readonly stderr: Writable & { isTTY?: boolean; columns?: number };
  /** The command's exit code (see exit.ts); undefined is 0. */
  exitCode: number | undefined;
}

/** The process's own streams; its exit code is set by main.ts from `exitCode`. */
export function processIo(): Io {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, exitCode: undefined };
}

const current = new AsyncLocalStorage<Io>();
let fallback: Io | undefined;

/** The Io of the command running now (the process's streams outside `withIo`). */
export function io(): Io {
  return current.getStore() ?? (fallback ??= processIo());
}

/** Runs `fn` with `target` as the Io of everything it calls, however deep and across awaits. */
export function withIo<T>(target: Io, fn: () => Promise<T>): Promise<T> {
  return current.run(target, fn);
}

/** Sets the current command's exit code. */
export function setExitCode(code: number): void {
  io().exitCode = code;
}

/** Writes a line (or lines) to the current command's standard error. */
export function warn(text: string): void {
  io().stderr.write(text.endsWith('\n') ? text : text + '\n');
}
