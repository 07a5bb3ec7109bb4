#!/usr/bin/env node
// The `compliance` command: parses arguments, runs one command, and is the only code that sets the exit code.

import { Command, CommanderError } from 'commander';
import { checkCommand } from './commands/check.js';
import { rulesCommand } from './commands/rules.js';
import { scanCommand } from './commands/scan.js';
import { extraCommands } from './commands/extra.js';
import { errorLines, CliExit } from './output.js';

function program(): Command {
  const p = new Command('compliance')
    .description('Supervision rules engine for online mutual-aid platforms')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .addCommand(checkCommand())
    .addCommand(scanCommand())
    .addCommand(rulesCommand());
  for (const c of extraCommands()) p.addCommand(c);
  // usage errors are exit 2 in every (sub)command
  const override = (c: Command) => {
    c.exitOverride();
    c.commands.forEach(override);
  };
  override(p);
  return p;
}

async function main(argv: string[]): Promise<void> {
  try {
    await program().parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      process.exitCode = e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.exitCode === 0 ? 0 : 2;
      return;
    }
    for (const line of errorLines(e)) process.stderr.write(line + '\n');
    process.exitCode = e instanceof CliExit ? e.exitCode : 2;
    if (!(e instanceof CliExit) && process.env.COMPLIANCE_DEBUG) process.stderr.write(String((e as Error).stack) + '\n');
  }
}

// a reader that stops early (`| head`) closes the pipe: that ends the command quietly, never with a trace
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  for (const line of errorLines(e)) process.stderr.write(line + '\n');
  process.exit(2);
});

process.on('unhandledRejection', (e) => {
  for (const line of errorLines(e)) process.stderr.write(line + '\n');
  process.exit(2);
});

await main(process.argv);
