// Outside tools the tests hand our output to (xmllint, promtool): present, or skipped locally with a line
// saying so — but required (a failing test) under CI=1 or the tool's own COMPLIANCE_REQUIRE_* variable.

import { spawnSync } from 'node:child_process';

export interface Tool {
  /** True when the test should run. */
  available: boolean;
  /** Why it does not run (printed once), or what the run must install. */
  note: string;
  /** Throws when the tool is missing but required. */
  require(): void;
}

/** Looks for `command` (`command --version` exits 0); `requireVar` makes it mandatory as CI=1 does. */
export function tool(command: string, requireVar: string, installHint: string): Tool {
  const found = spawnSync(command, ['--version'], { encoding: 'utf8' });
  const available = found.error === undefined && found.status === 0;
  const required = process.env.CI === '1' || process.env.CI === 'true' || process.env[requireVar] === '1';
  const note = `${command} is not installed (${installHint}); ${required ? 'it is required here' : `skipping; set ${requireVar}=1 or CI=1 to require it`}`;
  if (!available && !required) process.stderr.write(`[skip] ${note}\n`);
  return {
    available: available || required,
    note,
    require() {
      if (!available) throw new Error(note);
    },
  };
}
