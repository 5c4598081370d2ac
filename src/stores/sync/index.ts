/**
 * The incident-sync area's data (issue 7): the polled SyncSnapshot for the Sync screen, one-shot reads for
 * `mde-console sync` and the health check, the list rows/filters the screen shows, and status alignment.
 *
 *   const report = await collectSyncReport(session, { since });      // command, health check
 *   const { store } = syncData(session);                             // screen (polled, incremental)
 */
export * from './syncSnapshot.js';
export * from './syncData.js';
export * from './syncRows.js';
export * from './alignStatus.js';
export * from './parseDuration.js';
export * from './syncViewStore.js';
