/**
 * `mde-console sync [--since DURATION] [--state STATE,…] [--output text|json]`: the Sync screen's report
 * once, from the same data function (collectSyncReport). Exit codes as `check`: 0 all in sync, 1 pending,
 * drift within tolerance or orphaned copies, 2 missing, drift past tolerance or duplicated, 3 could not run
 * (src/domain/sync/syncExitCode.ts). JSON: schema mde-console/sync-report@1 (src/domain/sync/formatSyncReport.ts).
 */
import { openCommandSession } from './openCommandSession.js';
import type { CommandInvocation, CommandIO } from './types.js';
import { describeError, UserError } from '../errors.js';
import type { Session } from '../../session/index.js';
import { formatSyncReport, syncExitCode, SYNC_EXIT } from '../../domain/sync/index.js';
import { collectSyncSnapshot, parseDuration, parseSyncStates } from '../../stores/sync/index.js';

export async function run(inv: CommandInvocation, io: CommandIO = process): Promise<number> {
  // Bad input is refused before anything signs in (exit 2, one line).
  let sinceMs: number | undefined;
  if (typeof inv.values.since === 'string') {
    const d = parseDuration(inv.values.since);
    if ('error' in d) throw new UserError(d.error, 2);
    sinceMs = d.ms;
  }
  let states;
  if (typeof inv.values.state === 'string') {
    const parsed = parseSyncStates(inv.values.state);
    if ('error' in parsed) throw new UserError(`--state: ${parsed.error}`, 2);
    if (parsed.states.length === 0) throw new UserError('--state needs at least one state (e.g. --state missing,drifted)', 2);
    states = parsed.states;
  }
  const output = inv.values.output === 'json' ? 'json' : 'text';
  let session: Session | undefined;
  try {
    session = await openCommandSession(inv, io);
    const snapshot = await collectSyncSnapshot(session, sinceMs === undefined ? {} : { since: new Date(Date.now() - sinceMs) });
    // Without the rules, rule-made duplicates are recognised by product names only: say so, still report.
    if (snapshot.rulesWarning) io.stderr.write(`mde-console: ${snapshot.rulesWarning}\n`);
    const report = snapshot.report;
    io.stdout.write(formatSyncReport(report, output, states ? { states } : {}) + '\n');
    return syncExitCode(report);
  } catch (err) {
    if (err instanceof UserError) throw err;
    io.stderr.write(`mde-console: incident sync could not run: ${describeError(err, inv.global.debug)}\n`);
    return SYNC_EXIT.couldNotRun;
  } finally {
    await session?.close();
  }
}
