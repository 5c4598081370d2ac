/** The list-navigation commands of the keymap, each turned into a cursor motion. */
import type { Motion } from '../../src/stores/listCursor.js';
import type { CommandHandlers } from './InputRouter.js';

const MOTIONS = {
  'list.down': { kind: 'by', delta: 1 },
  'list.up': { kind: 'by', delta: -1 },
  'list.top': { kind: 'top' },
  'list.bottom': { kind: 'bottom' },
  'list.pageDown': { kind: 'page', direction: 1 },
  'list.pageUp': { kind: 'page', direction: -1 },
} as const satisfies Record<string, Motion>;

/** Handlers for j/k, g/G and PgUp/PgDn that move a list's cursor with `move`. */
export function listMotionCommands(move: (motion: Motion) => void): CommandHandlers {
  const out: CommandHandlers = {};
  for (const [command, motion] of Object.entries(MOTIONS)) out[command as keyof typeof MOTIONS] = () => move(motion);
  return out;
}
