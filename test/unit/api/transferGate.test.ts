/**
 * The transfer gate: large responses one at a time (issue 9: their buffers decided the console's
 * resident memory), small requests never held back, cancellation and failures release their slot.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClients } from '../../../src/api/index.js';
import { TransferGate } from '../../../src/api/transferGate.js';
import { FakeClock, FakeCredential, indicator, startTlsServer, testProfile, type TestServer } from './helpers/tls-server.js';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('TransferGate', () => {
  it('runs at most `slots` transfers at once, in arrival order', async () => {
    const gate = new TransferGate(2);
    const started: number[] = [];
    const finish: Array<() => void> = [];
    const runs = [0, 1, 2, 3].map((i) =>
      gate.run(
        () =>
          new Promise<number>((resolve) => {
            started.push(i);
            finish[i] = () => resolve(i);
          }),
      ),
    );
    await tick();
    expect(started).toEqual([0, 1]);
    expect(gate.load).toEqual({ active: 2, waiting: 2 });
    finish[1]!();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    finish[0]!();
    finish[2]!();
    await tick();
    finish[3]!();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3]);
    expect(gate.load).toEqual({ active: 0, waiting: 0 });
  });

  it('a failed transfer frees its slot, and a cancelled wait leaves the queue without taking one', async () => {
    const gate = new TransferGate(1);
    let release!: () => void;
    const first = gate.run(() => new Promise<void>((r) => (release = r)));
    const controller = new AbortController();
    const cancelled = gate.run(async () => 'never', controller.signal);
    const third = gate.run(async () => 'third');
    await tick();
    controller.abort();
    await expect(cancelled).rejects.toMatchObject({ name: 'AbortError' });
    expect(gate.load).toEqual({ active: 1, waiting: 1 });
    release();
    await first;
    expect(await third).toBe('third');
    await expect(gate.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(gate.load).toEqual({ active: 0, waiting: 0 });
    await expect(gate.run(async () => 'x', AbortSignal.abort())).rejects.toBeDefined();
  });
});

describe('the pipeline reads large responses one at a time', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTlsServer();
  });
  afterAll(() => server.close());

  it('holds a second large list while the first is in transfer, but not a small request', async () => {
    let inFlightLarge = 0;
    let maxLarge = 0;
    const order: string[] = [];
    server.handle(async (req) => {
      const path = new URL(req.url, server.origin).pathname;
      if (path.endsWith('/workspaces/ws1')) {
        order.push('workspace');
        return { status: 200, body: { id: '/subscriptions/sub1/resourceGroups/rg1/providers/Microsoft.OperationalInsights/workspaces/ws1', name: 'ws1', properties: { retentionInDays: 90 } } };
      }
      inFlightLarge++;
      maxLarge = Math.max(maxLarge, inFlightLarge);
      order.push(`start ${path}`);
      await new Promise((r) => setTimeout(r, 40));
      order.push(`end ${path}`);
      inFlightLarge--;
      const value = path.endsWith('/machines') ? [] : [indicator('1')];
      return { status: 200, body: { value } };
    });
    const clock = new FakeClock();
    const reported: number[] = [];
    const api = createApiClients({ profile: testProfile(server), credential: new FakeCredential(clock), writeEnabled: false, clock, reclaimer: { noteLargeResponse: (n) => reported.push(n), largeTransferProgress: () => undefined } });
    const indicators = api.mde.listIndicators();
    const machines = api.mde.listMachines();
    await new Promise((r) => setTimeout(r, 15));
    // While a large list is in transfer, a small read goes straight through.
    await api.arm.getWorkspace();
    const [ind, mac] = await Promise.all([indicators, machines]);
    expect(ind.complete && mac.complete).toBe(true);
    expect(maxLarge).toBe(1);
    // The two list bodies were reported for reclaiming; the workspace read was not.
    expect(reported).toHaveLength(2);
    expect(reported.every((n) => n > 10)).toBe(true);
    expect(order.indexOf('workspace')).toBeLessThan(order.findIndex((o) => o.startsWith('end')));
  });

  it('decodes a large body chunk by chunk: multi-byte characters split across chunks survive', async () => {
    // ~1.5 MB of titles mixing 2-, 3- and 4-byte UTF-8 characters: many socket chunks, many split characters.
    const titles = Array.from({ length: 3000 }, (_, i) => `Blocked é ✓ 🚫 ${i} ${'ж'.repeat(200)}`);
    server.handle(() => ({ status: 200, body: { value: titles.map((title, i) => ({ ...indicator(String(i)), title })) } }));
    const api = createApiClients({ profile: testProfile(server), credential: new FakeCredential(), writeEnabled: false });
    const res = await api.mde.listIndicators({ pageSize: 5000 });
    expect(res.complete).toBe(true);
    expect(res.items.map((i) => i.title)).toEqual(titles);
  });

  it('retries a large response whose connection is cut half-way through the body, as a network error', async () => {
    let calls = 0;
    server.handle(() => {
      calls++;
      const body = JSON.stringify({ value: [indicator('1'), indicator('2')] });
      return calls === 1 ? { cutBody: body.slice(0, 40) } : { status: 200, body: JSON.parse(body) };
    });
    const api = createApiClients({ profile: testProfile(server), credential: new FakeCredential(), writeEnabled: false, retry: { baseDelayMs: 5, maxDelayMs: 10 } });
    const res = await api.mde.listIndicators();
    expect(calls).toBe(2);
    expect(res.complete).toBe(true);
    expect(res.items.map((i) => i.id)).toEqual(['1', '2']);
  });
});
