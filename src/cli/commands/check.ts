/**
 * `mde-console check [--only AREA,…] [--output text|json] [--profile P | --demo]`: the Health screen's
 * checks, collected once and printed for a person (text) or a machine (JSON, schemaVersion 1, see
 * src/domain/health/report.ts). Exit codes follow the monitoring-plugin convention (Nagios/Icinga):
 * 0 all OK, 1 some WARN, 2 some FAIL, 3 UNKNOWN — and 3 when the checks could not run at all
 * (bad --only, no profile, sign-in failed), because a monitoring system must not read those as OK.
 */
import { CHECK_AREAS, formatCheckJson, formatCheckText, checkExitCode, STATUS_SYMBOL, type CheckResult } from '../../domain/health/index.js';
import type { Session } from '../../session/index.js';
import { parseAreas, runHealthChecks, sessionNow } from '../../stores/health/index.js';
import { describeError } from '../errors.js';
import { openCommandSession } from './openCommandSession.js';
import type { CommandInvocation, CommandIO } from './types.js';

/** "Could not run" in the monitoring-plugin convention. */
export const CHECK_COULD_NOT_RUN = 3;

type Writable = CommandIO['stdout'] & { isTTY?: boolean };

export async function run(inv: CommandInvocation, io: CommandIO = process): Promise<number> {
  const debug = inv.global.debug;
  const fail = (line: string): number => {
    io.stderr.write(`mde-console check: ${line}\n`);
    return CHECK_COULD_NOT_RUN;
  };

  let only: CheckResult['area'][] | undefined;
  if (typeof inv.values.only === 'string') {
    const { areas, unknown } = parseAreas(inv.values.only);
    if (unknown.length > 0) return fail(`unknown area ${unknown.map((u) => `"${u}"`).join(', ')} in --only; use one or more of ${CHECK_AREAS.join(', ')} (comma-separated)`);
    if (areas.length === 0) return fail(`--only needs at least one area: ${CHECK_AREAS.join(', ')}`);
    only = areas;
  }
  if (inv.positionals.length > 0) return fail(`unexpected argument "${inv.positionals[0]}" (see mde-console check --help)`);
  const output = inv.values.output === 'json' ? 'json' : 'text';

  let session: Session | undefined;
  try {
    session = await openCommandSession(inv, io, { write: false });
    const results = await runHealthChecks(session, only ? { only } : {});
    if (output === 'json') {
      io.stdout.write(formatCheckJson(results, { generatedAt: sessionNow(session), tenant: session.profile.tenantId }));
    } else {
      const stdout = io.stdout as Writable;
      const text = formatCheckText(results);
      io.stdout.write(inv.global.color && stdout.isTTY === true ? colourise(text) : text);
    }
    return checkExitCode(results);
  } catch (err) {
    return fail(describeError(err, debug));
  } finally {
    await session?.close();
  }
}

const ANSI: Record<CheckResult['status'], string> = { OK: '\u001b[32m', WARN: '\u001b[33m', FAIL: '\u001b[31m', UNKNOWN: '\u001b[35m' };

/** Colours the symbol and word at the start of each check line; the words stay, so colour is never alone. */
function colourise(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      for (const status of Object.keys(ANSI) as CheckResult['status'][]) {
        const head = `${STATUS_SYMBOL[status]} ${status}`;
        if (line.startsWith(head)) return `${ANSI[status]}${head}\u001b[0m${line.slice(head.length)}`;
      }
      return line;
    })
    .join('\n');
}
