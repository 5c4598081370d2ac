import { afterEach, describe, expect, it } from 'vitest';
import { startConsole, type PtySession } from '../helpers/pty.js';

let session: PtySession | undefined;
afterEach(() => {
  session?.kill();
  session = undefined;
});

describe('the built console in a pseudo-terminal', () => {
  it('switches all four screens, opens and closes help, and restores the terminal on q', async () => {
    session = startConsole(['--demo']);
    const s = session;
    await s.waitForText('Integration health');
    expect(s.bufferType()).toBe('alternate');
    expect(await s.screen()).toMatch(/\[DEMO\].*\[READ-ONLY\]/);

    s.write('2');
    // The tab line always says "Indicators"; wait for the screen itself (connecting, or its quota strip).
    await s.waitFor((scr) => /^ Indicators|^quota /m.test(scr), 'indicators screen');
    s.write('3');
    await s.waitForText('Sentinel incident sync');
    s.write('4');
    await s.waitForText('Streaming throughput');
    s.write('1');
    await s.waitForText('Integration health');

    s.write('?');
    const help = await s.waitForText('Help — keys of this screen');
    expect(help).toContain('Quit');
    expect(help).toContain(':indicators');
    s.write('\x1b');
    await s.waitFor((scr) => !scr.includes('Help — keys of this screen'), 'help to close');

    s.write('q');
    expect(await s.exited).toBe(0);
    expect(s.bufferType()).toBe('normal');
  });

  it('handles keys that arrive in one chunk, in order', async () => {
    session = startConsole(['--demo']);
    const s = session;
    await s.waitForText('Integration health');
    // ":sync" + Enter typed in one write, as tmux send-keys or a fast SSH link delivers it.
    s.write(':sync\r');
    await s.waitForText('Sentinel incident sync');
    s.write('24');
    await s.waitForText('Streaming throughput');
  });

  it('Esc and the next key in one chunk close a dialog and act on the screen', async () => {
    session = startConsole(['--demo']);
    const s = session;
    await s.waitForText('Integration health');
    s.write('2');
    await s.waitFor((scr) => /^quota /m.test(scr), 'indicators loaded');
    s.write('c');
    await s.waitForText('Filter by creator');
    s.write('\x1b3');
    await s.waitForText('Sentinel incident sync');
    expect(await s.screen()).not.toContain('Filter by creator');
  });

  it('uses the command line: completion, unknown commands, Esc cancels', async () => {
    session = startConsole(['--demo']);
    const s = session;
    await s.waitForText('Integration health');
    s.write(':ind');
    await s.waitForText(':ind');
    s.write('\t');
    await s.waitForText(':indicators');
    s.write('\r');
    await s.waitFor((scr) => /^ Indicators|^quota /m.test(scr), 'indicators screen');
    s.write(':nope\r');
    await s.waitForText('unknown command ":nope"');
    s.write(':hea');
    await s.waitForText(':hea');
    s.write('\x1b');
    await s.waitFor((scr) => !scr.includes(':hea'), 'command line to close');
    expect(await s.screen()).not.toContain('Integration health');
  });

  it('shows a one-line message below 80×24 and recovers on resize', async () => {
    session = startConsole(['--demo'], { cols: 60, rows: 15 });
    const s = session;
    await s.waitForText('terminal too small (need 80×24, have 60×15)');
    s.resize(100, 30);
    await s.waitForText('Integration health');
    const lines = await s.lines();
    expect(lines.length).toBe(30);
    expect(lines[0]).toContain('mde-console');
  });

  it('Ctrl-C quits and restores the terminal', async () => {
    session = startConsole(['--demo']);
    const s = session;
    await s.waitForText('Integration health');
    s.write('\x03');
    expect(await s.exited).toBe(0);
    expect(s.bufferType()).toBe('normal');
  });
});

describe('colour', () => {
  // SGR foreground/background colour parameters: 30–37, 39–47, 90–97, 100–107, 38;… and 48;…
  const colourSgr = /\x1b\[(?:[0-9;]*;)?(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])(?:;[0-9;]*)?m/;

  async function rawOutput(env: Record<string, string | undefined>, args: string[] = ['--demo']): Promise<string> {
    const s = startConsole(args, { env });
    session = s;
    let raw = '';
    s.pty.onData((d) => {
      raw += d;
    });
    await s.waitForText('Integration health');
    s.write('?');
    await s.waitForText('Help — keys');
    s.write('q');
    await s.exited;
    return raw;
  }

  it('uses colour by default', async () => {
    expect(await rawOutput({})).toMatch(colourSgr);
  });

  it('uses no colour with NO_COLOR or --no-color', async () => {
    expect(await rawOutput({ NO_COLOR: '1' })).not.toMatch(colourSgr);
    expect(await rawOutput({}, ['--demo', '--no-color'])).not.toMatch(colourSgr);
  });
});
