// The CLI's only ways to talk: results on stdout, problems on stderr as one line each, never a stack trace.

import { ComplianceError, formatProblemIn } from '../errors.js';
import type { MessageLang } from '../messages/index.js';
import { io } from './io.js';

/** An error the CLI turns into an exit code and lines on stderr. */
export class CliExit extends Error {
  constructor(
    readonly exitCode: number,
    readonly lines: string[] = [],
  ) {
    super(lines.join('\n'));
  }
}

/** Usage problem: exit 2 with the message. */
export function usage(message: string): CliExit {
  return new CliExit(2, [`compliance: ${message}`]);
}

/** Lines for any error: a ComplianceError's located problems (in `lang`, English by default), or a one-line message. */
export function errorLines(e: unknown, lang: MessageLang = 'en'): string[] {
  if (e instanceof ComplianceError) return e.problems.map(formatProblemIn(lang));
  if (e instanceof CliExit) return e.lines;
  return [`compliance: ${e instanceof Error ? e.message : String(e)}`];
}

/** Writes to the command's stdout and resolves once the data is flushed (so large outputs are not cut by exit). */
export function write(text: string | Uint8Array): Promise<void> {
  const stdout = io().stdout;
  return new Promise((resolve) => {
    if (stdout.write(text)) resolve();
    else stdout.once('drain', () => resolve());
  });
}
