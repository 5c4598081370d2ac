import { describe, expect, it } from 'vitest';
import { BINDINGS, helpFor, hintsFor, keyEventsFrom, resolveKey, scopesFor, type Binding, type InkKey } from '../../../src/keymap/index.js';

const noKey: InkKey = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
};

describe('keyEventsFrom', () => {
  it('splits a chunk of typed characters into one event per character, in order', () => {
    expect(keyEventsFrom('jjk', noKey).map((e) => e.spec)).toEqual(['j', 'j', 'k']);
  });

  it('maps control characters met inside a chunk to named keys', () => {
    expect(keyEventsFrom(':q\r', noKey).map((e) => e.spec)).toEqual([':', 'q', 'enter']);
    expect(keyEventsFrom('a\x7f\t ', noKey).map((e) => e.spec)).toEqual(['a', 'backspace', 'tab', 'space']);
  });

  it('keeps the typed character for text input, and none for named keys', () => {
    expect(keyEventsFrom('x ', noKey)).toEqual([
      { spec: 'x', char: 'x' },
      { spec: 'space', char: ' ' },
    ]);
    expect(keyEventsFrom('', { ...noKey, downArrow: true })).toEqual([{ spec: 'down', char: '' }]);
  });

  it('names ctrl combinations and shift+tab', () => {
    expect(keyEventsFrom('c', { ...noKey, ctrl: true })[0]?.spec).toBe('ctrl+c');
    expect(keyEventsFrom('', { ...noKey, tab: true, shift: true })[0]?.spec).toBe('shift+tab');
    expect(keyEventsFrom('\x03', noKey)[0]?.spec).toBe('ctrl+c');
  });

  it('keeps astral characters whole', () => {
    expect(keyEventsFrom('🙂a', noKey).map((e) => e.char)).toEqual(['🙂', 'a']);
  });
});

describe('resolveKey', () => {
  const custom: Binding[] = [
    { command: 'list.open', keys: ['j'], scope: 'indicators', description: 'screen j' },
    { command: 'list.down', keys: ['j'], scope: 'list', description: 'list j' },
    { command: 'app.quit', keys: ['q'], scope: 'global', description: 'quit' },
  ];

  it('prefers the screen scope, then lists, then global', () => {
    expect(resolveKey('j', scopesFor('indicators', true), custom)?.description).toBe('screen j');
    expect(resolveKey('j', scopesFor('health', true), custom)?.description).toBe('list j');
    expect(resolveKey('j', scopesFor('health', false), custom)).toBeUndefined();
    expect(resolveKey('q', scopesFor('sync', true), custom)?.command).toBe('app.quit');
  });

  it('the default keymap binds the documented global keys', () => {
    const scopes = scopesFor('health', true);
    expect(resolveKey('1', scopes)?.command).toBe('screen.health');
    expect(resolveKey('4', scopes)?.command).toBe('screen.stream');
    expect(resolveKey('?', scopes)?.command).toBe('app.help');
    expect(resolveKey(':', scopes)?.command).toBe('app.commandLine');
    expect(resolveKey('r', scopes)?.command).toBe('app.refresh');
    expect(resolveKey('ctrl+c', scopes)?.command).toBe('app.quit');
    expect(resolveKey('G', scopes)?.command).toBe('list.bottom');
    expect(resolveKey('pagedown', scopes)?.command).toBe('list.pageDown');
  });

  it('no key is bound twice within one scope', () => {
    const seen = new Set<string>();
    for (const b of BINDINGS) {
      for (const k of b.keys) {
        const id = `${b.scope}:${k}`;
        expect(seen.has(id), `duplicate binding ${id}`).toBe(false);
        seen.add(id);
      }
    }
  });
});

describe('help generated from the keymap', () => {
  it('lists every key that resolves on the screen, and only those', () => {
    const scopes = scopesFor('health', true);
    const listed = helpFor('health', true).flatMap((s) => s.rows);
    for (const b of BINDINGS.filter((b) => scopes.includes(b.scope))) {
      expect(listed.some((r) => r.description === b.description)).toBe(true);
    }
    // List keys are not offered on a screen without a list.
    const noList = helpFor('health', false).flatMap((s) => s.rows.map((r) => r.description));
    expect(noList).not.toContain('Move down');
  });

  it('does not list a key that a narrower scope shadows', () => {
    const custom: Binding[] = [
      { command: 'list.open', keys: ['x'], scope: 'sync', description: 'sync x' },
      { command: 'app.quit', keys: ['x', 'q'], scope: 'global', description: 'quit' },
    ];
    const sections = helpFor('sync', false, custom);
    const quit = sections.flatMap((s) => s.rows).find((r) => r.description === 'quit');
    expect(quit?.keys).toBe('q');
  });

  it('footer hints come from bindings with a hint', () => {
    const hints = hintsFor('health', true).map((h) => h.label);
    expect(hints).toEqual(expect.arrayContaining(['help', 'quit', 'move', 'cmd']));
  });
});

describe('Esc followed quickly by a key', () => {
  it('reads meta+character as Esc then the character', () => {
    expect(keyEventsFrom('3', { ...noKey, meta: true }).map((e) => e.spec)).toEqual(['escape', '3']);
    expect(keyEventsFrom('jk', { ...noKey, meta: true }).map((e) => e.spec)).toEqual(['escape', 'j', 'k']);
  });
});
