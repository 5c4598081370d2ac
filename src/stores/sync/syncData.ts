/**
 * The sync area's per-session data: one polled resource (the SyncSnapshot) for the Sync screen, and
 * `collectSyncReport` — one full read — for `mde-console sync` and the health screen's incident-sync check.
 * Both go through readSyncSnapshot, so the screen, the command and the check compute the same report.
 */
import type { Session } from '../../session/index.js';
import { perSession, sessionResource } from '../../session/resources.js';
import type { SyncReport } from '../../domain/sync/index.js';
import type { ResourceStore } from '../resource.js';
import { readSyncSnapshot, type SyncSnapshot } from './syncSnapshot.js';

export const SYNC_SCREEN_ID = 'sync';
export const SYNC_RESOURCE_KEY = 'sync.incidents';
/** Incremental reads are cheap (only changed incidents), so a minute keeps lag and drift current. */
export const SYNC_POLL_INTERVAL_MS = 60_000;
/**
 * While only Health shows it (its incident-sync check): every 2 minutes. Each read re-matches every
 * incident of the window (~11,000 per side at tenant scale), the largest part of Health's idle CPU.
 */
export const SYNC_POLL_ON_HEALTH_MS = 2 * 60_000;

const DAY_MS = 24 * 3_600_000;

/** Start of the compared window: `since` when given, else now − the profile's syncLookbackDays (default 7). */
export function syncWindowStart(session: Pick<Session, 'profile'>, now: Date, since?: Date): Date {
  return since ?? new Date(now.getTime() - session.profile.thresholds.syncLookbackDays * DAY_MS);
}

export interface SyncData {
  store: ResourceStore<SyncSnapshot>;
  refresh(): Promise<void>;
}

export const syncData = perSession(
  (session: Session): SyncData => {
    const store = sessionResource<SyncSnapshot>(session, {
      key: SYNC_RESOURCE_KEY,
      // The Health screen's incident-sync check reads this snapshot (src/stores/health/inputSources.ts).
      screens: [SYNC_SCREEN_ID, 'health'],
      intervalMs: SYNC_POLL_INTERVAL_MS,
      intervalByScreen: { health: SYNC_POLL_ON_HEALTH_MS },
      fetch: ({ previous, since, signal }) => {
        const now = new Date();
        return readSyncSnapshot(session.api, {
          windowStart: syncWindowStart(session, now),
          syncWindowMinutes: session.profile.thresholds.syncWindowMinutes,
          tenantId: session.profile.tenantId,
          signal,
          ...(previous ? { previous } : {}),
          ...(since ? { since } : {}),
        });
      },
    });
    return { store, refresh: () => session.poller.refresh(SYNC_RESOURCE_KEY) };
  },
);

/**
 * One full read and match. `since` = start of the compared window (default now − syncLookbackDays).
 * Throws ApiError/ReadOnlyError etc. when a side cannot be read (the command's exit 3).
 */
export async function collectSyncReport(session: Session, opts: { since?: Date; signal?: AbortSignal } = {}): Promise<SyncReport> {
  return (await collectSyncSnapshot(session, opts)).report;
}

export async function collectSyncSnapshot(session: Session, opts: { since?: Date; signal?: AbortSignal } = {}): Promise<SyncSnapshot> {
  const now = new Date();
  return readSyncSnapshot(session.api, {
    windowStart: syncWindowStart(session, now, opts.since),
    syncWindowMinutes: session.profile.thresholds.syncWindowMinutes,
    tenantId: session.profile.tenantId,
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
}
