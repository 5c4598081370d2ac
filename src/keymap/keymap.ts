/**
 * The one keymap. The input handler and the `?` help overlay are both generated from
 * BINDINGS, so help can never disagree with what a key does (STYLE.md, "One keymap").
 *
 * A key resolves by scope, most specific first: the current screen, then list navigation
 * (for screens that show a list), then global keys. Overlays and prompts (help, command line,
 * filter prompt, confirmation dialogs) sit above all of these on the keypress bus and take keys
 * before the keymap is consulted.
 */

export type ScreenId = 'health' | 'indicators' | 'sync' | 'stream';

export const SCREENS: readonly { id: ScreenId; key: string; title: string; command: string }[] = [
  { id: 'health', key: '1', title: 'Health', command: 'health' },
  { id: 'indicators', key: '2', title: 'Indicators', command: 'indicators' },
  { id: 'sync', key: '3', title: 'Sync', command: 'sync' },
  { id: 'stream', key: '4', title: 'Streaming', command: 'stream' },
];

export type Scope = 'global' | 'list' | ScreenId;

/** Commands of one screen are named `<screen>.<verb>` (e.g. "indicators.mark") and bound in src/keymap/screens/. */
export type ScreenCommandId = `${ScreenId}.${string}`;

export type CommandId =
  | ScreenCommandId
  | 'app.quit'
  | 'app.pause'
  | 'app.help'
  | 'app.commandLine'
  | 'app.refresh'
  | 'screen.health'
  | 'screen.indicators'
  | 'screen.sync'
  | 'screen.stream'
  | 'list.up'
  | 'list.down'
  | 'list.top'
  | 'list.bottom'
  | 'list.pageUp'
  | 'list.pageDown'
  | 'list.open';

export interface Binding {
  command: CommandId;
  /** Key specs (see keys.ts); the first is the one shown in hints. */
  keys: readonly string[];
  scope: Scope;
  /** Shown in the help overlay. */
  description: string;
  /** Short label for the footer hints; bindings without one are shown only in help. */
  hint?: string;
}

import { SCREEN_BINDINGS } from './screens/index.js';

const SHELL_BINDINGS: readonly Binding[] = [
  // Global
  { command: 'screen.health', keys: ['1'], scope: 'global', description: 'Integration health screen' },
  { command: 'screen.indicators', keys: ['2'], scope: 'global', description: 'Indicators screen' },
  { command: 'screen.sync', keys: ['3'], scope: 'global', description: 'Sentinel incident sync screen' },
  { command: 'screen.stream', keys: ['4'], scope: 'global', description: 'Streaming throughput screen' },
  { command: 'app.commandLine', keys: [':'], scope: 'global', description: 'Open the command line (:help lists commands)', hint: 'cmd' },
  { command: 'app.help', keys: ['?'], scope: 'global', description: 'Show this help', hint: 'help' },
  { command: 'app.refresh', keys: ['r', 'ctrl+r'], scope: 'global', description: 'Refresh the current screen now', hint: 'refresh' },
  { command: 'app.quit', keys: ['q', 'ctrl+c'], scope: 'global', description: 'Quit', hint: 'quit' },
  // Lists
  { command: 'list.down', keys: ['j', 'down'], scope: 'list', description: 'Move down', hint: 'move' },
  { command: 'list.up', keys: ['k', 'up'], scope: 'list', description: 'Move up' },
  { command: 'list.top', keys: ['g', 'home'], scope: 'list', description: 'Go to the first row' },
  { command: 'list.bottom', keys: ['G', 'end'], scope: 'list', description: 'Go to the last row' },
  { command: 'list.pageDown', keys: ['pagedown', 'ctrl+f'], scope: 'list', description: 'Page down' },
  { command: 'list.pageUp', keys: ['pageup', 'ctrl+b'], scope: 'list', description: 'Page up' },
  { command: 'list.open', keys: ['enter'], scope: 'list', description: 'Open details of the selected row', hint: 'details' },
  { command: 'app.pause', keys: ['p'], scope: 'global', description: 'Pause or resume live updates' },
];

/** Every binding: the shell's and each screen's (src/keymap/screens/<screen>.ts). */
export const BINDINGS: readonly Binding[] = [...SCREEN_BINDINGS, ...SHELL_BINDINGS];

/** Scopes consulted for a screen, most specific first. */
export function scopesFor(screen: ScreenId, hasList: boolean): Scope[] {
  return hasList ? [screen, 'list', 'global'] : [screen, 'global'];
}

/** The command a key runs in the given scopes, or undefined. */
export function resolveKey(spec: string, scopes: readonly Scope[], bindings: readonly Binding[] = BINDINGS): Binding | undefined {
  for (const scope of scopes) {
    const hit = bindings.find((b) => b.scope === scope && b.keys.includes(spec));
    if (hit) return hit;
  }
  return undefined;
}

/** Human label of a key spec for help and hints. */
export function keyLabel(spec: string): string {
  switch (spec) {
    case 'up':
      return '↑';
    case 'down':
      return '↓';
    case 'left':
      return '←';
    case 'right':
      return '→';
    case 'pageup':
      return 'PgUp';
    case 'pagedown':
      return 'PgDn';
    case 'home':
      return 'Home';
    case 'end':
      return 'End';
    case 'enter':
      return 'Enter';
    case 'escape':
      return 'Esc';
    case 'tab':
      return 'Tab';
    case 'space':
      return 'Space';
    case 'backspace':
      return 'Bksp';
    default:
      return spec.startsWith('ctrl+') ? `Ctrl-${spec.slice(5).toUpperCase()}` : spec;
  }
}

export interface HelpSection {
  title: string;
  rows: { keys: string; description: string }[];
}

/**
 * The help overlay's content for a screen, generated from the bindings the input handler uses.
 * A key shadowed by a more specific scope is listed only where it takes effect.
 */
export function helpFor(screen: ScreenId, hasList: boolean, bindings: readonly Binding[] = BINDINGS): HelpSection[] {
  const scopes = scopesFor(screen, hasList);
  const title = SCREENS.find((s) => s.id === screen)?.title ?? screen;
  const sections: HelpSection[] = [];
  for (const scope of scopes) {
    const rows = bindings
      .filter((b) => b.scope === scope)
      .map((b) => ({
        // Only keys that actually resolve to this binding here (not shadowed by a narrower scope).
        keys: b.keys.filter((k) => resolveKey(k, scopes, bindings) === b).map(keyLabel),
        description: b.description,
      }))
      .filter((r) => r.keys.length > 0)
      .map((r) => ({ keys: r.keys.join(' '), description: r.description }));
    if (rows.length === 0) continue;
    sections.push({ title: scope === 'global' ? 'Global' : scope === 'list' ? 'Lists' : title, rows });
  }
  return sections;
}

/** Footer hints: the bindings with a hint that are reachable on this screen. */
export function hintsFor(screen: ScreenId, hasList: boolean, bindings: readonly Binding[] = BINDINGS): { key: string; label: string }[] {
  const scopes = scopesFor(screen, hasList);
  const out: { key: string; label: string }[] = [];
  for (const scope of scopes) {
    for (const b of bindings) {
      if (b.scope !== scope || !b.hint) continue;
      const key = b.keys.find((k) => resolveKey(k, scopes, bindings) === b);
      if (key) out.push({ key: keyLabel(key), label: b.hint });
    }
  }
  return out;
}
