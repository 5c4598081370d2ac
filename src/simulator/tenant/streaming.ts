/**
 * The event model behind the Streaming API (Event Hubs metrics) and Sentinel ingestion (Log
 * Analytics Usage, per-table freshness and rates). Events per minute are a pure function of
 * (seed, table, minute) plus the stop windows and rate multipliers the control API adds, so every
 * service tells the same story and any minute can be recomputed without replaying history.
 */
import { DAY, HOUR, MINUTE } from './clock.js';
import { hash01, stringHash } from './random.js';

export interface TableSpec {
  name: string;
  /** Events per minute at the daily peak for the demo tenant (300 devices). */
  basePerMinute: number;
  /** Average billed size of one event in bytes (Microsoft's capacity query assumes ~1,000). */
  avgBytes: number;
  /** Streamed to the Event Hubs namespace (one hub per table) as well as to Sentinel. */
  streamedToEventHub: boolean;
  /** Non-billable in Sentinel (only SecurityAlert/SecurityIncident from the XDR connector are free). */
  billable: boolean;
}

// Standard Event Hubs namespaces hold at most 10 event hubs (domain-notes §1 "Streaming API").
// Decision: the Streaming API sends the ten Device* tables to the namespace (one hub per table);
// the other advanced-hunting tables reach Sentinel through the XDR connector only.
export const ALL_TABLES: readonly TableSpec[] = [
  { name: 'DeviceEvents', basePerMinute: 1500, avgBytes: 1400, streamedToEventHub: true, billable: true },
  { name: 'DeviceNetworkEvents', basePerMinute: 4000, avgBytes: 1200, streamedToEventHub: true, billable: true },
  { name: 'DeviceProcessEvents', basePerMinute: 2500, avgBytes: 1800, streamedToEventHub: true, billable: true },
  { name: 'DeviceFileEvents', basePerMinute: 3000, avgBytes: 1300, streamedToEventHub: true, billable: true },
  { name: 'DeviceRegistryEvents', basePerMinute: 2000, avgBytes: 1000, streamedToEventHub: true, billable: true },
  { name: 'DeviceLogonEvents', basePerMinute: 300, avgBytes: 1100, streamedToEventHub: true, billable: true },
  { name: 'DeviceImageLoadEvents', basePerMinute: 3500, avgBytes: 1000, streamedToEventHub: true, billable: true },
  { name: 'DeviceInfo', basePerMinute: 20, avgBytes: 2500, streamedToEventHub: true, billable: true },
  { name: 'DeviceNetworkInfo', basePerMinute: 20, avgBytes: 1600, streamedToEventHub: true, billable: true },
  { name: 'DeviceFileCertificateInfo', basePerMinute: 150, avgBytes: 900, streamedToEventHub: true, billable: true },
  { name: 'AlertInfo', basePerMinute: 2, avgBytes: 800, streamedToEventHub: false, billable: true },
  { name: 'AlertEvidence', basePerMinute: 8, avgBytes: 1500, streamedToEventHub: false, billable: true },
  { name: 'EmailEvents', basePerMinute: 200, avgBytes: 1600, streamedToEventHub: false, billable: true },
  { name: 'EmailAttachmentInfo', basePerMinute: 40, avgBytes: 900, streamedToEventHub: false, billable: true },
  { name: 'EmailUrlInfo', basePerMinute: 150, avgBytes: 600, streamedToEventHub: false, billable: true },
  { name: 'EmailPostDeliveryEvents', basePerMinute: 5, avgBytes: 900, streamedToEventHub: false, billable: true },
  { name: 'IdentityLogonEvents', basePerMinute: 250, avgBytes: 1200, streamedToEventHub: false, billable: true },
  { name: 'IdentityQueryEvents', basePerMinute: 300, avgBytes: 1000, streamedToEventHub: false, billable: true },
  { name: 'IdentityDirectoryEvents', basePerMinute: 30, avgBytes: 1300, streamedToEventHub: false, billable: true },
  { name: 'CloudAppEvents', basePerMinute: 400, avgBytes: 2200, streamedToEventHub: false, billable: true },
  { name: 'UrlClickEvents', basePerMinute: 30, avgBytes: 700, streamedToEventHub: false, billable: true },
];

/** Sentinel tables fed by the XDR connector itself; free of charge (microsoft-365-defender-sentinel-integration.md). */
export const FREE_TABLES: readonly TableSpec[] = [
  { name: 'SecurityAlert', basePerMinute: 3, avgBytes: 4000, streamedToEventHub: false, billable: false },
  { name: 'SecurityIncident', basePerMinute: 1, avgBytes: 3000, streamedToEventHub: false, billable: false },
];

export const INGESTED_TABLES: readonly TableSpec[] = [...ALL_TABLES, ...FREE_TABLES];

export function hubNameFor(table: string): string {
  return `insights-logs-advancedhunting-${table.toLowerCase()}`;
}

/** 1 throughput unit ≈ 1 MB/s ingress (domain-notes §1 "Event Hub sizing"). */
export const BYTES_PER_TU_PER_SECOND = 1_000_000;
/** How many streaming records the Streaming API packs into one Event Hub message ({"records":[…]}). */
export const RECORDS_PER_MESSAGE = 20;
/** Sentinel ingestion delay: the newest TimeGenerated trails now by this much. */
export const INGESTION_DELAY_MS = 2 * MINUTE;

interface Window {
  from: number;
  to: number;
}

export class EventModel {
  private readonly stops = new Map<string, Window[]>();
  private readonly multipliers: { from: number; value: number; table: string | null }[] = [];
  private readonly hourCache = new Map<string, { events: number; bytes: number }>();
  readonly scaleFactor: number;
  readonly throughputUnits: number;
  readonly ingestedTables = INGESTED_TABLES;

  constructor(
    private readonly seed: number,
    deviceCount: number,
    /** Start of simulated time; the stopped table's outage is placed relative to it. */
    startMs: number,
    readonly stoppedTable: string,
  ) {
    this.scaleFactor = deviceCount / 300;
    // One table stops for a while: from 2 h before start until 4 h after.
    this.stops.set(stoppedTable, [{ from: startMs - 2 * HOUR, to: startMs + 4 * HOUR }]);
    const peakBytesPerSecond = ALL_TABLES.filter((t) => t.streamedToEventHub).reduce((s, t) => s + t.basePerMinute * t.avgBytes, 0) * this.scaleFactor / 60;
    // Sized with headroom for the daily peak and ordinary bursts; Standard tier tops out at 40 TUs.
    this.throughputUnits = Math.min(40, Math.max(1, Math.ceil((peakBytesPerSecond * 2.5) / BYTES_PER_TU_PER_SECOND)));
  }

  table(name: string): TableSpec | undefined {
    return INGESTED_TABLES.find((t) => t.name.toLowerCase() === name.toLowerCase());
  }

  stopTable(table: string, atMs: number): void {
    const list = this.stops.get(table) ?? [];
    const open = list.find((w) => w.to > atMs && w.from <= atMs);
    if (!open) list.push({ from: atMs, to: Infinity });
    this.stops.set(table, list);
  }

  resumeTable(table: string, atMs: number): boolean {
    const list = this.stops.get(table) ?? [];
    let changed = false;
    for (const w of list) {
      if (w.from <= atMs && w.to > atMs) {
        w.to = atMs;
        changed = true;
      }
    }
    return changed;
  }

  isStopped(table: string, atMs: number): boolean {
    return (this.stops.get(table) ?? []).some((w) => w.from <= atMs && atMs < w.to);
  }

  /** When the table's current outage began, or null when it is flowing. */
  stoppedSince(table: string, atMs: number): number | null {
    const w = (this.stops.get(table) ?? []).find((x) => x.from <= atMs && atMs < x.to);
    return w ? w.from : null;
  }

  raiseRate(multiplier: number, atMs: number, table: string | null): void {
    this.multipliers.push({ from: atMs, value: multiplier, table });
  }

  private multiplierAt(table: string, atMs: number): number {
    let m = 1;
    for (const x of this.multipliers) if (x.from <= atMs && (x.table === null || x.table === table)) m = x.value;
    return m;
  }

  /** Events of one table in the minute starting at minuteMs (floored to the minute). */
  eventsInMinute(table: TableSpec, minuteMs: number): number {
    const t = Math.floor(minuteMs / MINUTE) * MINUTE;
    if (this.isStopped(table.name, t)) return 0;
    const th = stringHash(table.name);
    const hourOfDay = new Date(t).getUTCHours() + new Date(t).getUTCMinutes() / 60;
    // Daily rhythm: a business-day hump over a night floor (UTC working hours of the tenant).
    const rhythm = 0.3 + 0.7 * Math.max(0, Math.sin((Math.PI * (hourOfDay - 6)) / 14));
    const block = Math.floor(t / (15 * MINUTE));
    const burst = hash01(this.seed, th, block, 1) < 0.05 ? 1.5 + hash01(this.seed, th, block, 2) * 0.5 : 1;
    const noise = 0.9 + 0.2 * hash01(this.seed, th, t / MINUTE, 3);
    const expected = table.basePerMinute * this.scaleFactor * rhythm * burst * noise * this.multiplierAt(table.name, t);
    return Math.round(expected);
  }

  bytesInMinute(table: TableSpec, minuteMs: number): number {
    return this.eventsInMinute(table, minuteMs) * table.avgBytes;
  }

  /** Events and bytes in [fromMs, toMs), minute resolution; whole past hours are cached. */
  totals(table: TableSpec, fromMs: number, toMs: number, nowMs: number): { events: number; bytes: number } {
    let events = 0;
    let bytes = 0;
    let t = Math.floor(fromMs / MINUTE) * MINUTE;
    while (t < toMs) {
      if (t % HOUR === 0 && t + HOUR <= toMs && t + HOUR <= nowMs) {
        const key = `${table.name}|${t}`;
        let h = this.hourCache.get(key);
        if (!h) {
          h = { events: 0, bytes: 0 };
          for (let m = t; m < t + HOUR; m += MINUTE) {
            const e = this.eventsInMinute(table, m);
            h.events += e;
            h.bytes += e * table.avgBytes;
          }
          this.hourCache.set(key, h);
        }
        events += h.events;
        bytes += h.bytes;
        t += HOUR;
        continue;
      }
      const e = this.eventsInMinute(table, t);
      events += e;
      bytes += e * table.avgBytes;
      t += MINUTE;
    }
    return { events, bytes };
  }

  /** Start of the newest minute before `beforeMs` with at least one event (looks back `maxLookbackMs`). */
  lastEventMinute(table: TableSpec, beforeMs: number, maxLookbackMs = 30 * DAY): number | null {
    let t = Math.floor(beforeMs / MINUTE) * MINUTE - MINUTE;
    const stop = beforeMs - maxLookbackMs;
    while (t >= stop) {
      const since = this.stoppedSince(table.name, t);
      if (since !== null) {
        t = Math.floor(since / MINUTE) * MINUTE - MINUTE;
        continue;
      }
      if (this.eventsInMinute(table, t) > 0) return t;
      t -= MINUTE;
    }
    return null;
  }

  /** Namespace ingress capacity per minute. */
  capacityBytesPerMinute(): number {
    return this.throughputUnits * BYTES_PER_TU_PER_SECOND * 60;
  }
}
