/** Keys and `:` commands of the indicators screen. Bindings use scope 'indicators'; commands are named 'indicators.<verb>'. */
import type { Binding } from '../keymap.js';
import type { ColonCommand } from '../colonCommands.js';

export const BINDINGS: readonly Binding[] = [
  { command: 'indicators.search', keys: ['/'], scope: 'indicators', description: 'Search value, title and description (live as you type)', hint: 'search' },
  { command: 'indicators.pickCreator', keys: ['c'], scope: 'indicators', description: 'Filter by creator (counts follow the other filters)', hint: 'creator' },
  { command: 'indicators.pickScope', keys: ['o'], scope: 'indicators', description: 'Filter by scope: device groups or All devices', hint: 'scope' },
  { command: 'indicators.pickType', keys: ['t'], scope: 'indicators', description: 'Filter by indicator type' },
  { command: 'indicators.pickAction', keys: ['a'], scope: 'indicators', description: 'Filter by action' },
  { command: 'indicators.pickExpiry', keys: ['e'], scope: 'indicators', description: 'Filter by expiry: expired, expiring soon, never' },
  { command: 'indicators.popFilter', keys: ['escape'], scope: 'indicators', description: 'Clear the last filter' },
  { command: 'indicators.sortNext', keys: ['s'], scope: 'indicators', description: 'Sort by the next column' },
  { command: 'indicators.sortReverse', keys: ['S'], scope: 'indicators', description: 'Reverse the sort' },
  { command: 'indicators.mark', keys: ['space'], scope: 'indicators', description: 'Mark or unmark the selected row', hint: 'mark' },
  { command: 'indicators.markAll', keys: ['v'], scope: 'indicators', description: 'Mark every row the filter shows' },
  { command: 'indicators.clearMarks', keys: ['V'], scope: 'indicators', description: 'Clear all marks' },
  { command: 'indicators.bulk', keys: ['b'], scope: 'indicators', description: 'Bulk action on the marked rows (plan, then typed confirmation)', hint: 'bulk' },
  { command: 'indicators.cancel', keys: ['x'], scope: 'indicators', description: 'Cancel a running bulk action after the current call' },
  { command: 'indicators.retry', keys: ['R'], scope: 'indicators', description: 'Retry the failed items of the last bulk action' },
];

export const COLON_COMMANDS: readonly ColonCommand[] = [
  { name: 'filter', aliases: [], usage: 'clear', description: 'Indicators: clear every filter', screen: 'indicators' },
  { name: 'sort', aliases: [], usage: 'COLUMN [asc|desc]', description: 'Sort by value, type, action, creator, scope, title, expiry, lastUpdate or severity', screen: 'indicators' },
  { name: 'write', aliases: [], description: 'Allow writes for this session (asks for a typed confirmation)', screen: 'indicators' },
];
