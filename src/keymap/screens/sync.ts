/** Keys and `:` commands of the sync screen. Bindings use scope 'sync'; commands are named 'sync.<verb>'. */
import type { Binding } from '../keymap.js';
import type { ColonCommand } from '../colonCommands.js';

export const BINDINGS: readonly Binding[] = [];

export const COLON_COMMANDS: readonly ColonCommand[] = [];
