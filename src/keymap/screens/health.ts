/** Keys and `:` commands of the health screen. Bindings use scope 'health'; commands are named 'health.<verb>'. */
import type { Binding } from '../keymap.js';
import type { ColonCommand } from '../colonCommands.js';

export const BINDINGS: readonly Binding[] = [
  {
    command: 'health.details',
    keys: ['enter'],
    scope: 'health',
    description: 'Open the selected check: evidence, what to do, documentation, API and permission used',
    hint: 'evidence',
  },
];

export const COLON_COMMANDS: readonly ColonCommand[] = [
  { name: 'rerun', aliases: ['recheck'], description: 'Re-run every health check now', screen: 'health' },
];
