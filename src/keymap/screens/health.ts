/** Keys and `:` commands of the health screen. Bindings use scope 'health'; commands are named 'health.<verb>'. */
import type { Binding } from '../keymap.js';
import type { ColonCommand } from '../colonCommands.js';

/**
 * None of its own: the screen uses the shell's list keys (j/k, g/G, PgUp/PgDn), Enter (list.open) for a
 * check's evidence, remediation, documentation and API/permission, and r (app.refresh) to re-run every
 * check. Binding Enter here would shadow list.open and hide it from help.
 */
export const BINDINGS: readonly Binding[] = [];

export const COLON_COMMANDS: readonly ColonCommand[] = [
  { name: 'rerun', aliases: ['recheck'], description: 'Re-run every health check now (same as r)', screen: 'health' },
];
