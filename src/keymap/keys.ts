/**
 * Turns what Ink's input hook delivers into a list of single key events.
 *
 * Over SSH and from tmux several keystrokes arrive as ONE chunk ("jjj"): Ink hands the whole
 * string to useInput once, so a handler that compares `input === 'j'` would miss all three.
 * Every character of a chunk becomes its own event here, in order (tui-notes §3.5 pitfall 2).
 */

/** The subset of Ink's `Key` we read (kept structural so tests need no Ink). */
export interface InkKey {
  upArrow: boolean;
  downArrow: boolean;
  leftArrow: boolean;
  rightArrow: boolean;
  pageDown: boolean;
  pageUp: boolean;
  home?: boolean;
  end?: boolean;
  return: boolean;
  escape: boolean;
  ctrl: boolean;
  shift: boolean;
  tab: boolean;
  backspace: boolean;
  delete: boolean;
  meta: boolean;
}

/**
 * A key spec is the name used in bindings and shown in help:
 * a printable character ("j", "G", "?", ":"), or one of the named keys below,
 * optionally prefixed with "ctrl+" (e.g. "ctrl+c").
 */
export type NamedKey =
  | 'up'
  | 'down'
  | 'left'
  | 'right'
  | 'pageup'
  | 'pagedown'
  | 'home'
  | 'end'
  | 'enter'
  | 'escape'
  | 'tab'
  | 'shift+tab'
  | 'backspace'
  | 'delete'
  | 'space';

export interface KeyEvent {
  /** Normalised spec, e.g. "j", "G", "down", "ctrl+c", "space". */
  spec: string;
  /** The printable character, for text input (command line, filter prompt); "" for named keys. */
  char: string;
}

function named(spec: string): KeyEvent {
  return { spec, char: '' };
}

/** Maps a control character met inside a chunk to its key. */
function controlChar(ch: string): KeyEvent | undefined {
  const code = ch.charCodeAt(0);
  if (ch === '\r' || ch === '\n') return named('enter');
  if (ch === '\t') return named('tab');
  if (ch === '\x7f' || ch === '\b') return named('backspace');
  if (ch === '\x1b') return named('escape');
  if (code >= 1 && code <= 26) return named(`ctrl+${String.fromCharCode(code + 96)}`);
  if (code < 32) return named(`ctrl+${code}`);
  return undefined;
}

function charEvent(ch: string): KeyEvent {
  return ch === ' ' ? { spec: 'space', char: ' ' } : { spec: ch, char: ch };
}

export function keyEventsFrom(input: string, key: InkKey): KeyEvent[] {
  if (key.upArrow) return [named('up')];
  if (key.downArrow) return [named('down')];
  if (key.leftArrow) return [named('left')];
  if (key.rightArrow) return [named('right')];
  if (key.pageUp) return [named('pageup')];
  if (key.pageDown) return [named('pagedown')];
  if (key.home) return [named('home')];
  if (key.end) return [named('end')];
  if (key.return) return [named('enter')];
  if (key.escape) return [named('escape')];
  if (key.tab) return [named(key.shift ? 'shift+tab' : 'tab')];
  if (key.backspace) return [named('backspace')];
  if (key.delete) return [named('delete')];
  if (key.ctrl && input.length === 1) return [named(`ctrl+${input.toLowerCase()}`)];
  // ESC followed by a character in the same chunk reaches us as meta+character (Alt-x). The console
  // binds no Alt keys, and over tmux or SSH "Esc then 3" typed quickly arrives exactly like this,
  // so it is read as the two keys the operator pressed.
  if (key.meta && input.length > 0) return [named('escape'), ...keyEventsFrom(input, { ...key, meta: false })];

  const events: KeyEvent[] = [];
  // Iterate by code point so emoji and other astral characters stay whole.
  for (const ch of input) {
    events.push(controlChar(ch) ?? charEvent(ch));
  }
  return events;
}
