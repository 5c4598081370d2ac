/**
 * How every non-interactive command opens its session: the run's --demo/--profile/--write, the
 * device-code prompt and warnings on stderr (stdout stays clean for JSON and CSV).
 */
import { openSession, type Session } from '../../session/index.js';
import type { CommandInvocation, CommandIO } from './types.js';

export function openCommandSession(inv: CommandInvocation, io: CommandIO, opts: { write?: boolean } = {}): Promise<Session> {
  return openSession({
    demo: inv.global.demo,
    ...(inv.global.profile !== undefined ? { profile: inv.global.profile } : {}),
    write: opts.write ?? inv.global.write,
    onDeviceCode: (i) => io.stderr.write(`${i.message}\n`),
    onWarning: (line) => io.stderr.write(`mde-console ${inv.name}: warning: ${line}\n`),
  });
}
