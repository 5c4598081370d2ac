/** Keys and `:` commands of the stream screen. Bindings use scope 'stream'; commands are named 'stream.<verb>'. */
import type { Binding } from '../keymap.js';
import type { ColonCommand } from '../colonCommands.js';

export const BINDINGS: readonly Binding[] = [];

export const COLON_COMMANDS: readonly ColonCommand[] = [];
