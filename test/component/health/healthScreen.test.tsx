/**
 * The Health screen inside the app shell, on a demo session (in-process simulator, real HTTPS):
 * it fits the terminal, shows the summary and grouped checks, opens the evidence, and keeps the last
 * verdicts on screen with one error line when a refresh fails.
 */
import { request } from 'node:https';
import { render } from 'ink-testing-library';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { App } from '../../../screens/App.js';
import { SCREEN_TABLE } from '../../../screens/screenTable.js';
import { monoTheme } from '../../../screens/theme.js';
import { openSession, type Session } from '../../../src/session/index.js';
import { createAppStore } from '../../../src/stores/appStore.js';
import { createSessionStore } from '../../../src/stores/sessionStore.js';
import { flush } from '../../helpers/ink.js';

let session: Session;
beforeAll(async () => {
  session = await openSession({ demo: true, write: false });
});
afterAll(async () => {
  await session?.close();
});

function postFault(spec: string): Promise<void> {
  const sim = session.simulator!;
  const body = JSON.stringify({ spec });
  return new Promise((resolve, reject) => {
    const req = request(new URL(`${sim.baseUrl}/_sim/faults`), { method: 'POST', ca: sim.caCertPem, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => ((res.statusCode ?? 500) < 300 ? resolve() : reject(new Error(`faults ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function until(frame: () => string, test: (f: string) => boolean, what: string): Promise<string> {
  for (let i = 0; i < 400; i++) {
    const f = frame();
    if (test(f)) return f;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}:\n${frame()}`);
}

describe('Health screen', () => {
  it('fits the terminal, shows the verdicts, opens evidence, and keeps them when a refresh fails', async () => {
    const rows = 26;
    const sessionStore = createSessionStore();
    sessionStore.setState({ status: 'ready', session }, true);
    const store = createAppStore({ mode: { demo: true, write: false, profileName: 'demo', tenantLabel: 'tenant-1' } });
    const app = render(<App store={store} screens={SCREEN_TABLE} version="9.9.9" theme={monoTheme} size={{ columns: 110, rows }} sessionStore={sessionStore} />);
    const frame = () => app.lastFrame() ?? '';
    try {
      const ready = await until(frame, (f) => /✓ OK\s+Licences/.test(f) && !/running|waiting for data/.test(f), 'every check judged');
      expect(ready.split('\n').length).toBeLessThanOrEqual(rows);
      // The simulated tenant: 7 failing integrations, 4 healthy ones (see `check --demo`).
      expect(ready).toMatch(/Integration health\s+✗ 7 FAIL\s+! 0 WARN\s+\? 0 UNKNOWN\s+✓ 4 OK/);
      // Sentinel's three checks are one group: the area label appears once.
      expect(ready.match(/ Sentinel {2,}Sentinel: /g)).toHaveLength(1);
      // The shared sync snapshot and indicator list at the intervals Health reads them.
      expect(ready).toContain('auto refresh: streaming 1m, Sentinel 2m, sync 2m, indicators 5m, devices 10m');

      app.stdin.write('\r');
      await flush();
      const detail = await until(frame, (f) => f.includes('Evidence'), 'the detail view');
      expect(detail).toContain('Network protection enforcement');
      expect(detail).toMatch(/Kiosk\s+\d+ devices: block \d+, audit \d+/);
      app.stdin.write('\x1b');
      await new Promise((r) => setTimeout(r, 40));
      await until(frame, (f) => f.includes('STATUS'), 'the list again');

      // The next Graph answer is truncated JSON: that input's refresh fails, its checks keep their verdicts.
      await postFault('graph:malformed:1');
      app.stdin.write('r');
      const failed = await until(frame, (f) => f.includes('Refresh failed —'), 'the refresh error line');
      expect(failed).toMatch(/Refresh failed — [a-z ]+: .*(not valid JSON|malformed)/);
      expect(failed).toMatch(/Integration health\s+✗ 7 FAIL\s+! 0 WARN\s+\? 0 UNKNOWN\s+✓ 4 OK/);
      expect(failed.split('\n').length).toBeLessThanOrEqual(rows);
    } finally {
      app.unmount();
    }
  }, 20_000);
});
