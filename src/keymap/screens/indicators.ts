/** Keys and `:` commands of the indicators screen. Bindings use scope 'indicators'; commands are named 'indicators.<verb>'. */
import type { Binding } from '../keymap.js';
import type { ColonCommand } from '../colonCommands.js';

export const BINDINGS: readonly Binding[] = [];

export const COLON_COMMANDS: readonly ColonCommand[] = [];
