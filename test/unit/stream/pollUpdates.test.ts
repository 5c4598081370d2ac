/**
 * The Streaming view store changes only when a poll brings new data (issue 9: an idle screen writes
 * almost nothing): against a demo simulator whose clock stands still (speed 0), a refresh of every
 * source sends no update; a minute later on the tenant's clock, the figures move on.
 */
import https from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type Session } from '../../../src/session/index.js';
import { streamData } from '../../../src/stores/stream/index.js';

let session: Session;
beforeAll(async () => {
  session = await openSession({ demo: true, write: false, simulator: { seed: 5, speed: 0 } });
}, 30_000);
afterAll(async () => {
  await session?.close();
});

function advanceClock(minutes: number): Promise<void> {
  const sim = session.simulator!;
  const body = JSON.stringify({ minutes });
  return new Promise((resolve, reject) => {
    const req = https.request(`${sim.baseUrl}/_sim/clock/advance`, { method: 'POST', ca: sim.caCertPem, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => ((res.statusCode ?? 500) < 400 ? resolve() : reject(new Error(`advanceClock: ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('Streaming view updates', () => {
  it('sends no update for polls that bring nothing new, and one view per change when the tenant moves on', async () => {
    const data = streamData(session);
    const release = session.poller.showScreen('stream');
    try {
      const deadline = Date.now() + 10_000;
      const loaded = () => {
        const v = data.view.getState().view;
        return Boolean(v?.report.capacity && v.report.cost && v.sentinel.get('devicenetworkevents')?.eventsLast24h);
      };
      while (!loaded() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(loaded()).toBe(true);
      // Let any poll still in flight from the first load land.
      await data.refresh();

      const before = data.view.getState().view!;
      const updates: unknown[] = [];
      const unsubscribe = data.view.subscribe((s) => updates.push(s));
      await data.refresh();
      await data.refresh();
      expect(updates).toHaveLength(0);
      expect(data.view.getState().view).toBe(before);

      await advanceClock(3);
      await data.refresh();
      unsubscribe();
      const after = data.view.getState().view!;
      expect(updates.length).toBeGreaterThan(0);
      // At most one update per source that brought new data.
      expect(updates.length).toBeLessThanOrEqual(data.keys.length);
      expect(Date.parse(after.now) - Date.parse(before.now)).toBeGreaterThanOrEqual(3 * 60_000);
      const minuteOf = (v: typeof before) => v.report.rates.tables.find((t) => t.hub)!.latest!.minute;
      expect(Date.parse(minuteOf(after))).toBeGreaterThan(Date.parse(minuteOf(before)));
    } finally {
      release();
    }
  });
});
