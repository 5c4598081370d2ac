/**
 * `mde-console stream [--window DURATION] [--output text|json]`: the Streaming screen's figures once.
 * Exit codes (as `check`): 0 no findings, 1 warnings only, 2 a gap or a capacity failure, 3 could not
 * run completely (see src/stores/stream/exitCode.ts). JSON: schema mde-console/stream-report@1.
 */
import { openCommandSession } from './openCommandSession.js';
import type { CommandInvocation, CommandIO } from './types.js';
import { describeError, UserError } from '../errors.js';
import type { Session } from '../../session/index.js';
import { formatStreamReport } from '../../domain/streaming/index.js';
import { collectStreamReport, parseWindow, SOURCE_LABELS, streamExitCode } from '../../stores/stream/index.js';

export async function run(inv: CommandInvocation, io: CommandIO = process): Promise<number> {
  const window = parseWindow(typeof inv.values.window === 'string' ? inv.values.window : undefined);
  if (!window.ok) throw new UserError(window.message, 2);
  const output = inv.values.output === 'json' ? 'json' : 'text';
  let session: Session | undefined;
  try {
    session = await openCommandSession(inv, io);
    const collected = await collectStreamReport(session, { windowMinutes: window.minutes });
    if (!collected.configured.namespace && !collected.configured.workspace) {
      io.stderr.write(`mde-console: profile "${session.profile.name}" names neither an Event Hubs namespace (eventHubNamespaceId) nor a Sentinel workspace (sentinel.workspaceId): nothing to measure\n`);
      return 3;
    }
    for (const p of collected.problems) io.stderr.write(`mde-console: ${SOURCE_LABELS[p.source]} could not be read: ${describeError(p.cause, inv.global.debug)}\n`);
    if (collected.view) io.stdout.write(formatStreamReport(collected.view.report, output) + '\n');
    return streamExitCode(collected.view?.report ?? null, collected.problems.length > 0);
  } catch (err) {
    if (err instanceof UserError) throw err;
    io.stderr.write(`mde-console: ${describeError(err, inv.global.debug)}\n`);
    return 3;
  } finally {
    await session?.close();
  }
}
