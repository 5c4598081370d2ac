/** Keys and `:` commands of the stream screen. Bindings use scope 'stream'; commands are named 'stream.<verb>'. */
import type { Binding } from '../keymap.js';
import type { ColonCommand } from '../colonCommands.js';

export const STREAM_SORT_COLUMNS = ['table', 'via', 'rate', 'mbs', 'perday', 'share', 'age', 'gap'] as const;

export const BINDINGS: readonly Binding[] = [
  { command: 'stream.sortNext', keys: ['s'], scope: 'stream', description: 'Sort the tables by the next column', hint: 'sort' },
  { command: 'stream.sortReverse', keys: ['S'], scope: 'stream', description: 'Reverse the sort order' },
  { command: 'stream.back', keys: ['escape'], scope: 'stream', description: 'Close the table detail (Enter opens it)' },
];

export const COLON_COMMANDS: readonly ColonCommand[] = [
  {
    name: 'sort',
    aliases: [],
    usage: 'COLUMN [asc|desc]',
    description: `Sort the tables by a column: ${STREAM_SORT_COLUMNS.join(', ')}`,
    screen: 'stream',
  },
];
