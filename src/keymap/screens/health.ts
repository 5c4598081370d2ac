/** Keys and `:` commands of the health screen. Bindings use scope 'health'; commands are named 'health.<verb>'. */
import type { Binding } from '../keymap.js';
import type { ColonCommand } from '../colonCommands.js';

export const BINDINGS: readonly Binding[] = [];

export const COLON_COMMANDS: readonly ColonCommand[] = [];
