#!/usr/bin/env node
// The `compliance` command as a process: runs the program on the process's streams and sets the exit code.

import { processIo } from './io.js';
import { errorLines } from './output.js';
import { run } from './run.js';

const streams = processIo();

// a reader that stops early (`| head`) closes the pipe: that ends the command quietly, never with a trace
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(streams.exitCode ?? 0);
  for (const line of errorLines(e)) process.stderr.write(line + '\n');
  process.exit(2);
});

process.on('unhandledRejection', (e) => {
  for (const line of errorLines(e)) process.stderr.write(line + '\n');
  process.exit(2);
});

const code = await run(process.argv, streams);
// a command that sets process.exitCode itself (rather than through its Io) keeps its code
process.exitCode = Math.max(code, Number(process.exitCode ?? 0));
