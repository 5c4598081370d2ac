/** Each screen keeps its keys in its own file; this is where they meet the shell's. */
import type { Binding } from '../keymap.js';
import type { ColonCommand } from '../colonCommands.js';
import * as health from './health.js';
import * as indicators from './indicators.js';
import * as stream from './stream.js';
import * as sync from './sync.js';

export const SCREEN_BINDINGS: readonly Binding[] = [...health.BINDINGS, ...indicators.BINDINGS, ...sync.BINDINGS, ...stream.BINDINGS];
export const SCREEN_COLON_COMMANDS: readonly ColonCommand[] = [
  ...health.COLON_COMMANDS,
  ...indicators.COLON_COMMANDS,
  ...sync.COLON_COMMANDS,
  ...stream.COLON_COMMANDS,
];
