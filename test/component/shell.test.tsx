import { afterEach, describe, expect, it } from 'vitest';
import { flush, renderShell } from '../helpers/ink.js';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('app shell', () => {
  it('switches screens with 1–4 and marks the current tab', async () => {
    const app = renderShell();
    cleanup = app.unmount;
    await flush();
    expect(app.frame()).toContain('Integration health');
    await app.type('3');
    expect(app.store.getState().screen).toBe('sync');
    expect(app.frame()).toContain('Sentinel incident sync');
    await app.type('2');
    expect(app.frame()).toMatch(/^ Indicators/m);
    await app.type('4');
    expect(app.frame()).toContain('Streaming throughput');
  });

  it('shows header badges for the run mode', async () => {
    const app = renderShell();
    cleanup = app.unmount;
    await flush();
    expect(app.frame()).toContain('[DEMO]');
    expect(app.frame()).toContain('[READ-ONLY]');
    expect(app.frame()).toContain('tenant tenant-1');
    app.store.getState().actions.setMode({ write: true, demo: false });
    await flush();
    expect(app.frame()).toContain('[LIVE]');
    expect(app.frame()).toContain('[WRITE]');
  });

  it('opens help with ?, lists the keymap, closes with Esc', async () => {
    const app = renderShell();
    cleanup = app.unmount;
    await flush();
    await app.type('?');
    const frame = app.frame();
    expect(frame).toContain('Help — keys of this screen');
    expect(frame).toContain('Open the command line');
    expect(frame).toContain(':stream');
    await app.type('\x1b');
    expect(app.frame()).not.toContain('Help — keys of this screen');
    expect(app.store.getState().overlay).toBe('none');
  });

  it('runs commands typed on the command line, with Tab completion', async () => {
    const app = renderShell();
    cleanup = app.unmount;
    await flush();
    await app.type(':str');
    expect(app.frame()).toContain(':str');
    await app.type('\t');
    expect(app.store.getState().commandLine.text).toBe('stream ');
    await app.type('\r');
    expect(app.store.getState().screen).toBe('stream');
    expect(app.store.getState().commandLine.open).toBe(false);
  });

  it('says so when a command is unknown, and keeps the screen', async () => {
    const app = renderShell();
    cleanup = app.unmount;
    await flush();
    await app.type(':frobnicate\r');
    expect(app.frame()).toContain('unknown command ":frobnicate"');
    expect(app.store.getState().screen).toBe('health');
  });

  it('does not treat keys typed into the command line as shortcuts', async () => {
    const app = renderShell();
    cleanup = app.unmount;
    await flush();
    await app.type(':q2');
    expect(app.store.getState().quitRequested).toBe(false);
    expect(app.store.getState().screen).toBe('health');
    await app.type('\x1b');
    expect(app.store.getState().commandLine.open).toBe(false);
    await app.type('2');
    expect(app.store.getState().screen).toBe('indicators');
  });

  it('handles several keys delivered as one chunk', async () => {
    const app = renderShell();
    cleanup = app.unmount;
    await flush();
    await app.type(':sync\r');
    expect(app.store.getState().screen).toBe('sync');
    await app.type('?\x1b4');
    expect(app.store.getState().screen).toBe('stream');
    expect(app.store.getState().overlay).toBe('none');
  });

  it('shows one line instead of the layout below 80×24', async () => {
    const app = renderShell({ columns: 79, rows: 24 });
    cleanup = app.unmount;
    await flush();
    expect(app.frame()).toBe('terminal too small (need 80×24, have 79×24) — enlarge it, or press q to quit');
  });

  it('never draws a frame taller than the terminal', async () => {
    for (const [columns, rows] of [
      [80, 24],
      [120, 40],
    ] as const) {
      const app = renderShell({ columns, rows });
      await flush();
      for (const key of ['1', '2', '3', '4', '?']) {
        await app.type(key);
        expect(app.frame().split('\n').length).toBeLessThanOrEqual(rows);
      }
      app.unmount();
    }
  });

  it('q requests quit', async () => {
    const app = renderShell();
    cleanup = app.unmount;
    await flush();
    await app.type('q');
    expect(app.store.getState().quitRequested).toBe(true);
  });
});
