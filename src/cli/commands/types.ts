import type { CliInvocation } from '../args.js';

/** A parsed non-interactive command: its name, global flags, its own option values and positionals. */
export type CommandInvocation = Extract<CliInvocation, { kind: 'command' }>;

/** Where a command writes; tests pass buffers. */
export interface CommandIO {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
}
