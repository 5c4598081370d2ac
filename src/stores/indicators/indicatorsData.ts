/**
 * The Indicators screen's data for one session: polled resources (indicators; machines +
 * postures) and an index store that rebuilds the IndicatorIndex ONCE per data change, outside
 * React, so filtering and sorting never rescan raw data on a keystroke.
 *
 * Refresh policy: the first load pages through every indicator (progress in `loadProgress`);
 * later polls ask only for indicators created since the last poll (the only documented time
 * filter, see fetchIndicatorsCreatedSince) and merge them; every FULL_RELOAD_MS, and right after
 * our own writes, a full reload picks up edits and deletions.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { buildIndicatorIndex, countDevicesByGroup, precomputeSortOrders, type DevicesByGroup, type IndicatorIndex } from '../../domain/indicators/index.js';
import type { Indicator } from '../../domain/types.js';
import { perSession, sessionResource } from '../../session/resources.js';
import type { Session } from '../../session/session.js';
import type { ResourceStore } from '../resource.js';
import { fetchAllIndicators, fetchDeviceData, fetchIndicatorsCreatedSince, mergeIndicators, type DeviceData, type IndicatorsSnapshot } from './loadIndicators.js';

export const INDICATORS_SCREEN = 'indicators';
/** Incremental poll of new indicators. */
export const INDICATORS_POLL_MS = 60_000;
/** While only Health shows the list (its MDCA and network-protection checks): every 5 minutes. */
export const INDICATORS_POLL_ON_HEALTH_MS = 5 * 60_000;
/** Full reload (edits and deletions by others are only visible this way). */
export const FULL_RELOAD_MS = 10 * 60_000;
/** Machines and network-protection postures change slowly; advanced hunting is costly. */
export const DEVICES_POLL_MS = 10 * 60_000;

export interface LoadProgress {
  items: number;
  pages: number;
  waitingMs?: number;
}

export interface IndexState {
  index: IndicatorIndex | undefined;
  devices: DevicesByGroup;
  /** Progress of a full load in flight; undefined when none. */
  loadProgress: LoadProgress | undefined;
}

export interface IndicatorsData {
  indicators: ResourceStore<IndicatorsSnapshot>;
  devices: ResourceStore<DeviceData>;
  indexStore: StoreApi<IndexState>;
  /** After our own writes: merge what the API returned now, then reload fully. */
  afterWrite(changed: readonly Indicator[], deletedIds: readonly string[]): void;
  /** The `r` key: a full reload. */
  reloadNow(): Promise<void>;
}

export function createIndicatorsData(session: Session, now: () => Date = () => new Date()): IndicatorsData {
  let forceFull = false;
  const indexStore = createStore<IndexState>()(() => ({ index: undefined, devices: new Map(), loadProgress: undefined }));
  const rules = session.profile.creatorRules;
  const soonDays = session.profile.thresholds.expiringSoonDays;

  const indicators = sessionResource<IndicatorsSnapshot>(session, {
    key: 'indicators.list',
    // The Health screen's indicator checks read this same list (src/stores/health/inputSources.ts).
    screens: [INDICATORS_SCREEN, 'health'],
    intervalMs: INDICATORS_POLL_MS,
    intervalByScreen: { health: INDICATORS_POLL_ON_HEALTH_MS },
    async fetch({ previous, since, signal }) {
      const full = forceFull || !previous || !since || previous.fullLoadAt === 0 || Date.now() - previous.fullLoadAt > FULL_RELOAD_MS;
      if (!full) {
        const added = await fetchIndicatorsCreatedSince(session.api, since, signal);
        return added.length === 0 ? previous : { ...previous, indicators: mergeIndicators(previous.indicators, added) };
      }
      forceFull = false;
      try {
        const snap = await fetchAllIndicators(session.api, {
          signal,
          onProgress: (p) => indexStore.setState({ loadProgress: { items: p.items, pages: p.pages, ...(p.state === 'waiting-for-budget' ? { waitingMs: p.waitMs } : {}) } }),
        });
        // A refresh that stops early keeps the last good list (with the error shown), a first load shows what it read.
        if (!snap.complete && previous) throw new Error(snap.error ?? 'indicator list stopped early');
        return snap;
      } finally {
        indexStore.setState({ loadProgress: undefined });
      }
    },
  });

  const devices = sessionResource<DeviceData>(session, {
    key: 'indicators.devices',
    // The Health screen's device and network-protection checks read these (src/stores/health/inputSources.ts).
    screens: [INDICATORS_SCREEN, 'health'],
    intervalMs: DEVICES_POLL_MS,
    fetch: ({ signal }) => fetchDeviceData(session.api, signal),
  });

  const rebuild = (list: readonly Indicator[]) => {
    const index = buildIndicatorIndex(list, { rules, now: now(), expiringSoonDays: soonDays });
    indexStore.setState({ index });
    // Every column's order now, once per data change (one column per event-loop turn), so no
    // `s`/`S` key ever pays for a first sort (5–20 ms each at 15,000 rows).
    precomputeSortOrders(index, (next) => void setImmediate(next));
  };
  let lastList: readonly Indicator[] | undefined;
  indicators.subscribe((s) => {
    const list = s.data?.indicators;
    if (list && list !== lastList) {
      lastList = list;
      rebuild(list);
    }
  });
  let lastDevices: DeviceData | undefined;
  devices.subscribe((s) => {
    if (s.data && s.data !== lastDevices) {
      lastDevices = s.data;
      indexStore.setState({ devices: countDevicesByGroup(s.data.machines, s.data.postures) });
    }
  });

  return {
    indicators,
    devices,
    indexStore,
    afterWrite(changed, deletedIds) {
      const snap = indicators.getState().data;
      if (snap) {
        const gone = new Set(deletedIds);
        const merged = mergeIndicators(snap.indicators, changed).filter((i) => !gone.has(i.id));
        indicators.setState({ data: { ...snap, indicators: merged } });
      }
      forceFull = true;
      void session.poller.refresh('indicators.list');
    },
    async reloadNow() {
      forceFull = true;
      await session.poller.refresh('indicators.list');
    },
  };
}

/** The same data object for the same session (screen and commands share it). */
export const indicatorsData = perSession((session) => createIndicatorsData(session));
