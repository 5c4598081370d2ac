/** The Streaming data layer against the simulator (real HTTPS, a profile pointing at it). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type Session } from '../../../src/session/index.js';
import { collectStreamReport, streamData, streamExitCode } from '../../../src/stores/stream/index.js';
import { streamingCheckInput } from '../../../src/domain/streaming/index.js';
import { startSimWithProfile, type SimProfile } from '../../helpers/simProfile.js';

let sp: SimProfile;
let session: Session;
const saved: Record<string, string | undefined> = {};

beforeAll(async () => {
  sp = await startSimWithProfile({ seed: 11 });
  for (const [k, v] of Object.entries(sp.env)) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
  session = await openSession({ demo: false, profile: 'sim', write: false });
}, 30_000);

afterAll(async () => {
  await session?.close();
  await sp?.close();
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

describe('collectStreamReport on the simulator', () => {
  it('returns per-hub series per table, Sentinel-only tables, and the documented stopped table as a gap with when it stopped', async () => {
    const { view, problems } = await collectStreamReport(session);
    expect(problems).toEqual([]);
    const report = view!.report;
    const byTable = new Map(report.rates.tables.map((t) => [t.table, t]));
    // One hub per Device* table, named after the table (api-contracts §e).
    const net = byTable.get('DeviceNetworkEvents')!;
    expect(net.hub).toBe('insights-logs-advancedhunting-devicenetworkevents');
    expect(net.lastHour).toHaveLength(60);
    expect(net.latest!.events).toBeGreaterThan(0);
    expect(net.latest!.eventsPerSec).toBeCloseTo(net.latest!.events / 60, 9);
    // A table that reaches Sentinel only has no hub but still a rate.
    const email = byTable.get('EmailEvents')!;
    expect(email.hub).toBe('');
    expect(email.eventsLastHour).toBeGreaterThan(0);
    // The simulated tenant's DeviceRegistryEvents stopped two hours before its start.
    const gap = report.gaps.find((g) => g.table === 'DeviceRegistryEvents')!;
    expect(gap.minutes).toBeGreaterThanOrEqual(115);
    expect(Date.parse(gap.stoppedAt)).toBeLessThan(Date.parse(view!.now) - 115 * 60_000);
    expect(report.capacity).toMatchObject({ tier: 'Standard', hubCount: 10, hubLimit: 10 });
    expect(report.cost?.tables.find((t) => t.table === 'SecurityAlert')).toMatchObject({ free: true, totalCost: 0 });
    // Per-day column: the 24 h count from Log Analytics.
    expect(view!.sentinel.get('devicenetworkevents')!.eventsLast24h).toBeGreaterThan(0);
    expect(streamExitCode(report, false)).toBe(2);
    // The health check's input comes from the same rates.
    const check = streamingCheckInput(report.rates);
    expect(check.perTable.find((t) => t.table === 'DeviceRegistryEvents')!.messagesLastWindow).toBe(0);
  });

  it('a table stopped through the control API shows a gap from the minute it stopped, once past the threshold', async () => {
    const { result } = await sp.control('stopTable', { table: 'DeviceProcessEvents' });
    const stoppedAt = Date.parse(result.stoppedAt);
    await sp.advanceClock(20);
    const { view } = await collectStreamReport(session);
    const gap = view!.report.gaps.find((g) => g.table === 'DeviceProcessEvents');
    expect(gap).toBeDefined();
    expect(gap!.minutes).toBeGreaterThanOrEqual(16);
    // Metrics say "some events in that minute": the gap starts within the minute of the stop.
    expect(Math.abs(Date.parse(gap!.stoppedAt) - stoppedAt)).toBeLessThanOrEqual(60_000);
  });

  it('a longer --window asks for the earlier minutes too', async () => {
    const { view } = await collectStreamReport(session, { windowMinutes: 180 });
    const t = view!.report.rates.tables.find((x) => x.table === 'DeviceFileEvents')!;
    expect(t.series).toHaveLength(180);
    expect(t.series.filter((p) => p.events !== null).length).toBeGreaterThan(170);
  });

  it('the polled view keeps the last good figures when a source fails, and names the failing source', async () => {
    const data = streamData(session);
    const release = session.poller.showScreen('stream');
    try {
      const deadline = Date.now() + 10_000;
      while (!(data.view.getState().view?.report.capacity && data.view.getState().view?.report.cost) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      const before = data.view.getState().view!;
      expect(before.report.rates.tables.some((t) => t.hub !== '')).toBe(true);
      await sp.faults('arm:malformed:20');
      await data.refresh();
      const after = data.view.getState();
      expect(after.problems.map((p) => p.source)).toContain('metrics');
      expect(after.problems.find((p) => p.source === 'metrics')!.lastSuccess).toBeTypeOf('number');
      // Last good metrics are still what the hub rows show.
      expect(after.view!.report.rates.tables.filter((t) => t.hub !== '').length).toBe(before.report.rates.tables.filter((t) => t.hub !== '').length);
      expect(after.view!.report.capacity).not.toBeNull();
    } finally {
      release();
    }
  });
});
