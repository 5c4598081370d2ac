/**
 * The Health screen's data on a demo session (in-process simulator, real HTTPS): a poll re-judges
 * only the checks that read the polled input, and the shared inputs come from the Indicators and
 * Sync screens' per-session data (one copy, polled while Health is shown).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type Session } from '../../../src/session/index.js';
import { indicatorsData } from '../../../src/stores/indicators/index.js';
import { syncData } from '../../../src/stores/sync/index.js';
import { createHealthData, HEALTH_SCREEN_ID, type HealthView } from '../../../src/stores/health/index.js';

let session: Session;
let release: () => void;
beforeAll(async () => {
  session = await openSession({ demo: true, write: false });
  release = session.poller.showScreen(HEALTH_SCREEN_ID);
});
afterAll(async () => {
  release?.();
  await session?.close();
});

async function until(test: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (test()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('healthData', () => {
  it('judges every check from shared and own inputs, and a poll re-judges only the checks reading that input', async () => {
    // Markers at once: the demo tenant answers faster than the screen's marker delay.
    const data = createHealthData(session, { runningMarkerDelayMs: 0 });
    await until(() => data.view.getState().rows.length > 0 && data.view.getState().pending === 0 && data.view.getState().running === 0, 'every check judged');

    // The shared inputs are the other screens' data, not copies.
    expect(data.inputs.get('indicators')!.snapshot.getState().data).toBe(indicatorsData(session).indicators.getState().data!.indicators);
    expect(data.inputs.get('machines')!.snapshot.getState().data).toBe(indicatorsData(session).devices.getState().data!.machines);
    expect(syncData(session).store.getState().data).toBeDefined();
    expect(data.view.getState().summary.UNKNOWN).toBe(0);

    const before = data.view.getState();
    const states: HealthView[] = [];
    const unsubscribe = data.view.subscribe((v) => states.push(v));
    await data.inputs.get('streaming')!.refresh();
    unsubscribe();

    const after = data.view.getState();
    const byId = (v: HealthView) => new Map(v.rows.map((r) => [r.result.id, r]));
    const b = byId(before);
    // While the fetch ran, the streaming row showed the marker and nothing was re-judged.
    const during = states.find((v) => v.running > 0)!;
    expect(during.rows.filter((r) => r.running).map((r) => r.result.area)).toEqual(['streaming']);
    for (const r of during.rows) expect(r.result).toBe(b.get(r.result.id)!.result);
    // After it: the streaming check was judged again; every other verdict object is untouched.
    for (const r of after.rows) {
      if (r.result.area === 'streaming') expect(r.result).not.toBe(b.get(r.result.id)!.result);
      else expect(r.result).toBe(b.get(r.result.id)!.result);
    }
    expect(after.rows.map((r) => r.result.id)).toEqual(before.rows.map((r) => r.result.id));
  });

  it('a fetch that ends before the marker delay never shows the running marker (no redraw for it)', async () => {
    const other = await openSession({ demo: true, write: false });
    const shown = other.poller.showScreen(HEALTH_SCREEN_ID);
    try {
      const data = createHealthData(other, { runningMarkerDelayMs: 60_000 });
      await until(() => data.view.getState().rows.length > 0 && data.view.getState().pending === 0, 'every check judged');
      const states: HealthView[] = [];
      const unsubscribe = data.view.subscribe((v) => states.push(v));
      await data.inputs.get('streaming')!.refresh();
      unsubscribe();
      expect(states.length).toBeGreaterThan(0);
      expect(states.every((v) => v.running === 0 && v.rows.every((r) => !r.running))).toBe(true);
    } finally {
      shown();
      await other.close();
    }
  });
});
