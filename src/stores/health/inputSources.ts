/**
 * Where the Health screen gets each check input. Most inputs are Health's own polled resources, but
 * four are read by other screens too and are taken from their per-session data instead of being
 * fetched a second time (issue 9: one copy in memory, one set of requests):
 *
 *   indicators  ← indicatorsData(session).indicators   (full list, then incremental by creation time)
 *   machines    ← indicatorsData(session).devices       (machines)
 *   postures    ← indicatorsData(session).devices       (network protection, advanced hunting)
 *                 + Health's own `health.avinfo`         (antivirus mode and platform, /api/deviceavinfo)
 *   incidentSync← syncData(session).store               (incremental SyncSnapshot → syncHealthSummary)
 *
 * Those resources list 'health' among their screens, so they poll while Health is shown.
 *
 * Every input is exposed the same way: a small store holding an InputSnapshot that changes only when
 * something the screen shows changes (data, error, loading, age) — never for a poll being rescheduled.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { DevicePosture, Indicator } from '../../domain/types.js';
import { syncHealthSummary } from '../../domain/sync/index.js';
import type { Session } from '../../session/index.js';
import { sessionResource } from '../../session/resources.js';
// Leaf modules, not the areas' barrels (which reach the api barrel and its SDKs before the first frame).
import { indicatorsData } from '../indicators/indicatorsData.js';
import { deviceStringSharer, type DeviceData, type IndicatorsSnapshot } from '../indicators/loadIndicators.js';
import { firstResult, type ResourceState, type ResourceStore } from '../resource.js';
import { syncData } from '../sync/syncData.js';
import type { SyncSnapshot } from '../sync/syncSnapshot.js';
import type { InputSnapshot } from './healthView.js';
import { avSummarySharer, mergePostures, type DeviceAvSummary } from './collectors.js';
import { HEALTH_INPUTS, type HealthInputKey } from './inputs.js';
import { unavailableReason } from './unavailableReason.js';

/** The reason an input could not be collected; the poller shows its message as the error line. */
export class InputUnavailableError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'InputUnavailableError';
  }
}

export interface InputSource {
  snapshot: StoreApi<InputSnapshot>;
  /** Fetch now (the `r` key). */
  refresh(): Promise<void>;
}

/** What a derived input makes of its sources' data: the check input, or why it cannot be had. */
export type Derived = { data: unknown } | { error: string };

const EMPTY: InputSnapshot = { data: undefined, error: undefined, errorAt: undefined, loading: false, lastSuccess: undefined };

/** The one line a check shows for a failed poll: a 403 names its permission (unavailableReason). */
function errorText(s: ResourceState<unknown>): string | undefined {
  if (!s.error) return undefined;
  return s.error.cause !== undefined ? unavailableReason(s.error.cause) : s.error.message;
}

/**
 * An InputSnapshot store fed by one or more resource stores. `derive` runs only when a source's data
 * changes (by reference), so an incremental poll that found nothing new costs nothing; its result is
 * kept as the last good data when a later derivation or poll fails.
 */
export function derivedInput(sources: readonly ResourceStore<any>[], derive: (data: readonly unknown[]) => Derived): StoreApi<InputSnapshot> {
  const store = createStore<InputSnapshot>()(() => EMPTY);
  let lastData: readonly unknown[] = [];
  let lastDerived: Derived | undefined;
  let good: { data: unknown; at: number | undefined } | undefined;
  let derivedErrorAt: number | undefined;

  const update = () => {
    const states = sources.map((s) => s.getState() as ResourceState<unknown>);
    const data = states.map((s) => s.data);
    const lastSuccesses = states.map((s) => s.lastSuccess);
    // The data is as old as its oldest source.
    const at = lastSuccesses.some((t) => t === undefined) ? undefined : Math.min(...(lastSuccesses as number[]));
    if (data.every((d) => d !== undefined)) {
      if (!lastDerived || data.some((d, i) => d !== lastData[i])) {
        lastData = data;
        lastDerived = derive(data);
        if ('error' in lastDerived) derivedErrorAt = Date.now();
      }
      if ('data' in lastDerived) good = { data: lastDerived.data, at };
    }
    const pollError = states.find((s) => s.error !== undefined);
    let error = pollError ? errorText(pollError) : undefined;
    let errorAt = pollError?.error?.at;
    if (error === undefined && lastDerived && 'error' in lastDerived) {
      error = lastDerived.error;
      errorAt = derivedErrorAt;
    }
    const next: InputSnapshot = {
      data: good?.data,
      error,
      errorAt,
      loading: states.some((s) => s.loading),
      lastSuccess: good?.at,
    };
    const prev = store.getState();
    if (next.data !== prev.data || next.error !== prev.error || next.errorAt !== prev.errorAt || next.loading !== prev.loading || next.lastSuccess !== prev.lastSuccess) {
      store.setState(next, true);
    }
  };
  for (const s of sources) s.subscribe(update);
  update();
  return store;
}

const asIs = ([d]: readonly unknown[]): Derived => ({ data: d });

/** How long the antivirus-info read waits for the machines' first answer before it goes on without. */
const DEVICES_WAIT_MS = 30_000;

/** Health's inputs: its own polled resources, and views of the Indicators and Sync screens' data. */
export function healthInputSources(session: Session, screenId: string): Map<HealthInputKey, InputSource> {
  const out = new Map<HealthInputKey, InputSource>();
  const own = (key: string, intervalMs: number, fetch: (signal: AbortSignal) => Promise<unknown>): ResourceStore<unknown> =>
    sessionResource<unknown>(session, {
      key,
      screens: [screenId],
      intervalMs,
      fetch: ({ signal }) => fetch(signal),
    });
  const refreshOf = (key: string) => () => session.poller.refresh(key);

  const shared = new Set<HealthInputKey>(['indicators', 'machines', 'postures', 'incidentSync']);
  for (const spec of HEALTH_INPUTS) {
    if (shared.has(spec.key)) continue;
    const key = `health.${spec.key}`;
    const store = own(key, spec.intervalMs, async (signal) => {
      const value = await spec.collect(session, { signal });
      if (value && typeof value === 'object' && (value as { unavailable?: unknown }).unavailable === true) throw new InputUnavailableError((value as { reason: string }).reason);
      return value;
    });
    out.set(spec.key, { snapshot: derivedInput([store], asIs), refresh: refreshOf(key) });
  }

  const ind = indicatorsData(session);
  out.set('indicators', {
    snapshot: derivedInput([ind.indicators], ([snap]) => {
      const s = snap as IndicatorsSnapshot;
      // A list that stopped part-way would undercount (collectors.ts allItems says the same).
      return s.complete ? { data: s.indicators as readonly Indicator[] } : { error: `indicators: listing stopped after ${s.indicators.length} items${s.error ? ` — ${s.error}` : ''}` };
    }),
    refresh: () => ind.reloadNow(),
  });
  const refreshDevices = refreshOf('indicators.devices');
  out.set('machines', {
    snapshot: derivedInput([ind.devices], ([d]) => {
      const dev = d as DeviceData;
      return dev.machineError ? { error: `devices: ${dev.machineError}` } : { data: dev.machines };
    }),
    refresh: refreshDevices,
  });

  // Antivirus mode and platform version are Health's alone (/api/deviceavinfo); network protection is shared.
  const avKey = 'health.avinfo';
  const avSpec = HEALTH_INPUTS.find((s) => s.key === 'postures')!;
  const avInfo = own(avKey, avSpec.intervalMs, async (signal) => {
    // The machines name the same devices: their ids and names are kept once (~2 MB at 20,000 devices).
    // Both reads start with the screen, so wait a little for the machines' first answer.
    const devices = await firstResult(ind.devices, DEVICES_WAIT_MS, signal);
    const share = deviceStringSharer(devices?.machines ?? []);
    const page = await session.api.mde.listDeviceAvInfo({ signal, mapItem: avSummarySharer(share) });
    if (!page.complete) throw page.error ?? new InputUnavailableError(`deviceavinfo: listing stopped after ${page.items.length} items`);
    return page.items;
  });
  out.set('postures', {
    snapshot: derivedInput([ind.devices, avInfo], ([d, av]) => {
      const dev = d as DeviceData;
      if (dev.postureError) return { error: `network protection (advanced hunting): ${dev.postureError}` };
      return { data: mergePostures(dev.postures, av as readonly DeviceAvSummary[]) };
    }),
    refresh: async () => {
      await Promise.all([refreshDevices(), session.poller.refresh(avKey)]);
    },
  });

  const sync = syncData(session);
  out.set('incidentSync', {
    snapshot: derivedInput([sync.store], ([snap]) => ({ data: syncHealthSummary((snap as SyncSnapshot).report) })),
    refresh: () => sync.refresh(),
  });
  return out;
}
