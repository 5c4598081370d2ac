/** Keys and `:` commands of the sync screen. Bindings use scope 'sync'; commands are named 'sync.<verb>'. */
import type { Binding } from '../keymap.js';
import type { ColonCommand } from '../colonCommands.js';

export const BINDINGS: readonly Binding[] = [
  { command: 'sync.filterState', keys: ['f'], scope: 'sync', description: 'Filter by sync state (picker with counts)', hint: 'state' },
  { command: 'sync.search', keys: ['/'], scope: 'sync', description: 'Search Defender id, Sentinel number or title', hint: 'search' },
  { command: 'sync.clearFilter', keys: ['escape'], scope: 'sync', description: 'Clear the last filter' },
  { command: 'sync.sort', keys: ['s'], scope: 'sync', description: 'Sort by the next column (state, duration, Defender id, title, Sentinel #)', hint: 'sort' },
  { command: 'sync.sortReverse', keys: ['S'], scope: 'sync', description: 'Reverse the sort direction' },
  { command: 'sync.mark', keys: ['space'], scope: 'sync', description: 'Mark or unmark the row (for align)' },
  { command: 'sync.align', keys: ['a'], scope: 'sync', description: "Align the Sentinel status with Defender for the marked (or selected) drifted incidents (needs --write or :write)", hint: 'align' },
];

export const COLON_COMMANDS: readonly ColonCommand[] = [
  { name: 'filter', aliases: ['fi'], usage: 'STATE[,STATE…] | clear', description: 'Show only these sync states, or clear all filters', screen: 'sync' },
  { name: 'sort', aliases: ['so'], usage: 'state|duration|id|title|sentinel [asc|desc]', description: 'Sort the list', screen: 'sync' },
  { name: 'write', aliases: ['w'], description: 'Allow changes for the rest of the run (asks for confirmation)', screen: 'sync' },
  { name: 'align', aliases: [], description: 'Align the Sentinel status of the marked (or selected) drifted incidents with Defender', screen: 'sync' },
];
