import { describe, expect, it } from 'vitest';
import {
  STREAM_NAMESPACE_JSON_KEYS,
  STREAM_REPORT_JSON_KEYS,
  STREAM_TABLE_JSON_KEYS,
  buildStreamReport,
  formatStreamReport,
  ratesFromMetrics,
  streamingCheckInput,
  streamingHealthFindings,
} from '../../../../src/domain/streaming/index.js';
import type { StreamingHealthInput } from '../../../../src/domain/health/index.js';
import { HUB, metric, minutes, response } from './fixtures.js';

const NOW = new Date('2025-01-01T10:40:30Z');
const MB = 1_048_576;

function report() {
  const rates = ratesFromMetrics(
    response(
      metric('IncomingMessages', {
        // DeviceProcessEvents flows; DeviceFileEvents stopped after the 10:09 minute.
        [HUB('DeviceProcessEvents')]: minutes('2025-01-01T10:00:00Z', new Array(40).fill(1500)),
        [HUB('DeviceFileEvents')]: minutes('2025-01-01T10:00:00Z', [...new Array(10).fill(200), ...new Array(30).fill(0)]),
      }),
      metric('IncomingBytes', { [HUB('DeviceProcessEvents')]: minutes('2025-01-01T10:00:00Z', new Array(40).fill(1.5 * MB * 60)) }, 'Bytes'),
      metric('ThrottledRequests', { [HUB('DeviceProcessEvents')]: minutes('2025-01-01T10:30:00Z', [4]) }),
    ),
    { now: NOW, windowMinutes: 60 },
  );
  return buildStreamReport({
    now: NOW,
    rates,
    gapMinutes: 15,
    namespace: { throughputUnits: 1, tier: 'Standard', hubCount: 2 },
    usageRows: [{ dataType: 'DeviceProcessEvents', quantityMb: 2000, isBillable: true, time: '2024-12-31T00:00:00Z' }],
    cost: { pricePerGb: 5, currency: 'USD' },
  });
}

describe('stream report', () => {
  it('keeps the documented JSON key set at every level', () => {
    const json = JSON.parse(formatStreamReport(report(), 'json'));
    expect(Object.keys(json).sort()).toEqual([...STREAM_REPORT_JSON_KEYS].sort());
    expect(json.schema).toBe('mde-console/stream-report@1');
    for (const t of json.tables) expect(Object.keys(t).sort()).toEqual([...STREAM_TABLE_JSON_KEYS].sort());
    expect(Object.keys(json.namespace).sort()).toEqual([...STREAM_NAMESPACE_JSON_KEYS].sort());
    expect(json.cost.estimate).toBe(true);
    expect(json.tables[0].lastHour).toHaveLength(60);
  });

  it('shows the gap, the capacity finding and throttling in JSON and as health findings', () => {
    const r = report();
    const json = JSON.parse(formatStreamReport(r, 'json'));
    const dfe = json.tables.find((t: { table: string }) => t.table === 'DeviceFileEvents');
    expect(dfe.gap).toEqual({ stoppedAt: '2025-01-01T10:10:00.000Z', minutes: 30 });
    expect(json.findings.map((f: { kind: string }) => f.kind)).toEqual(['ingressBytesOverCapacity', 'throttled']);
    expect(json.namespace.utilisation).toBeCloseTo(1.5, 10);
    const health = streamingHealthFindings(r);
    expect(health.map((h) => [h.kind, h.severity, h.table])).toEqual([
      ['gap', 'fail', 'DeviceFileEvents'],
      ['ingressBytesOverCapacity', 'fail', null],
      ['throttled', 'fail', null],
    ]);
  });

  it('text output marks the gap next to its table and labels cost as an estimate', () => {
    const text = formatStreamReport(report(), 'text', { symbols: 'ascii' });
    expect(text).toMatch(/^DeviceFileEvents .* GAP 30 min since 2025-01-01T10:10:00.000Z$/m);
    expect(text).toMatch(/^Ingestion cost \(estimate, 5 USD\/GB; 1 complete day\(s\)\)$/m);
    expect(text).toMatch(/^FAIL Ingress peaked at 1\.50 MB\/s/m);
  });
});

describe('streamingCheckInput', () => {
  it('gives the health check each table\'s newest minute with events and the window totals', () => {
    const r = report();
    // Typed as the health check's input: the two modules stay structurally compatible.
    const input: StreamingHealthInput = streamingCheckInput(r.rates, { namespace: 'ehns-mde-stream' });
    expect(input.perTable.find((t) => t.table === 'DeviceFileEvents')).toEqual({ table: 'DeviceFileEvents', lastMessageAt: '2025-01-01T10:09:00.000Z', messagesLastWindow: 2000 });
    expect(input.perTable.find((t) => t.table === 'DeviceProcessEvents')!.messagesLastWindow).toBe(40 * 1500);
    expect([input.throttled, input.serverErrors, input.windowMinutes, input.namespace]).toEqual([4, 0, 60, 'ehns-mde-stream']);
  });
});
