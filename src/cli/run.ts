// The `compliance` program: parses arguments, runs one command with its Io, and returns the exit code.

import { Command, CommanderError } from 'commander';
import { checkCommand } from './commands/check.js';
import { rulesCommand } from './commands/rules.js';
import { scanCommand } from './commands/scan.js';
import { extraCommands } from './commands/extra.js';
import { io, withIo, type Io } from './io.js';
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
  // usage errors are exit 2 in every (sub)command; help and errors go to the command's own streams
  const override = (c: Command) => {
    c.exitOverride();
    c.configureOutput({ writeOut: (s) => io().stdout.write(s), writeErr: (s) => io().stderr.write(s) });
    c.commands.forEach(override);
  };
  override(p);
  return p;
}

/** The `--lang` the arguments give (`--lang zh` or `--lang=zh`), for the lines of an error that ends the command; English otherwise. */
function langOf(argv: readonly string[]): 'en' | 'zh' {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const v = a === '--lang' ? argv[i + 1] : a.startsWith('--lang=') ? a.slice('--lang='.length) : undefined;
    if (v === 'en' || v === 'zh') return v;
  }
  return 'en';
}

/**
 * Runs `compliance` with `argv` (as process.argv: node, script, arguments…) on `target`'s streams and
 * resolves to the exit code; nothing is thrown and no stack trace is printed unless COMPLIANCE_DEBUG is set.
 */
export function run(argv: readonly string[], target: Io): Promise<number> {
  return withIo(target, async () => {
    try {
      await program().parseAsync([...argv]);
    } catch (e) {
      if (e instanceof CommanderError) {
        return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.exitCode === 0
          ? 0
          : 2;
      }
      for (const line of errorLines(e, langOf(argv))) target.stderr.write(line + '\n');
      if (!(e instanceof CliExit) && process.env.COMPLIANCE_DEBUG)
        target.stderr.write(String((e as Error).stack) + '\n');
      return e instanceof CliExit ? e.exitCode : 2;
    }
    return target.exitCode ?? 0;
  });
}
