/** Screen 4 rendered in the shell at a fixed size, on a demo session (in-process simulator, real HTTPS). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { App } from '../../../screens/App.js';
import { SCREEN_TABLE } from '../../../screens/screenTable.js';
import { monoTheme } from '../../../screens/theme.js';
import { createAppStore } from '../../../src/stores/appStore.js';
import { createSessionStore } from '../../../src/stores/sessionStore.js';
import { openSession, type Session } from '../../../src/session/index.js';
import { flush } from '../../helpers/ink.js';

let session: Session;
beforeAll(async () => {
  session = await openSession({ demo: true, write: false });
}, 30_000);
afterAll(async () => {
  await session?.close();
});

async function until(frame: () => string, test: (f: string) => boolean, what: string): Promise<string> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const f = frame();
    if (test(f)) return f;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}:\n${frame()}`);
}

const tableRows = (f: string) => f.split('\n').filter((l) => /^\s*[●\s]\s(Device|Alert|Email|Identity|Cloud|Url)\w+\s/.test(l));

describe('Streaming screen', () => {
  it('sorts with s, S and :sort, opens a table with Enter and closes it with Esc, never taller than the terminal', async () => {
    const store = createAppStore({ screen: 'stream', mode: { demo: true, write: false, profileName: 'demo', tenantLabel: 't' } });
    const sessions = createSessionStore();
    sessions.setState({ status: 'ready', session } as never, true);
    const r = render(<App store={store} screens={SCREEN_TABLE} version="9.9.9" theme={monoTheme} size={{ columns: 120, rows: 30 }} sessionStore={sessions} />);
    const frame = () => r.lastFrame() ?? '';
    const type = async (s: string) => {
      r.stdin.write(s);
      await flush();
    };
    try {
      let f = await until(frame, (x) => /DeviceRegistryEvents/.test(x) && /stopped for more than 15 min/.test(x) && /GB\/day/.test(x), 'rows, gap and cost');
      expect(f.split('\n').length).toBeLessThanOrEqual(30);
      // Default: busiest (MB/s) first, so the stopped table is not first.
      expect(f).toMatch(/MB\/S↓/);
      expect(tableRows(f)[0]).not.toMatch(/DeviceRegistryEvents/);

      await type(':sort gap\r');
      f = frame();
      expect(f).toMatch(/GAP↓/);
      expect(tableRows(f)[0]).toMatch(/DeviceRegistryEvents .*STOPPED \dh/);

      // s moves to the next column (table, A→Z); S reverses it.
      await type('s');
      f = frame();
      expect(f).toMatch(/TABLE↑/);
      const names = tableRows(f).map((l) => l.trim().split(/\s+/)[0]!);
      expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
      await type('S');
      f = frame();
      expect(f).toMatch(/TABLE↓/);
      expect(tableRows(f)[0]!.trim().split(/\s+/)[0]).toBe('UrlClickEvents');

      // Two keys in one chunk: j then Enter opens the second row.
      const second = tableRows(f)[1]!.trim().split(/\s+/)[0]!;
      await type('j\r');
      f = frame();
      expect(f).toContain(`${second} · `);
      expect(f).toContain('Esc back');
      expect(f).toMatch(/Sentinel: .* records in 24 h/);
      expect(f.split('\n').length).toBeLessThanOrEqual(30);
      await type('\x1b');
      await new Promise((res) => setTimeout(res, 40));
      await flush();
      expect(frame()).not.toContain('Esc back');
      expect(frame()).toMatch(/TABLE↓/);

      await type(':sort colour\r');
      expect(frame()).toMatch(/unknown column "colour"/);
    } finally {
      r.unmount();
    }
  }, 30_000);
});
