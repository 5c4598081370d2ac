/**
 * Where the console keeps local state that must outlive a run: the audit log and delete backups.
 * $XDG_STATE_HOME/mde-console (XDG Base Directory: "state data that should persist between
 * restarts"), default ~/.local/state/mde-console. A relative XDG_STATE_HOME is ignored, as the
 * spec requires.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

export function stateDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_STATE_HOME && env.XDG_STATE_HOME.startsWith('/') ? env.XDG_STATE_HOME : join(homedir(), '.local', 'state');
  return join(base, 'mde-console');
}

export function auditLogPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(stateDir(env), 'audit.jsonl');
}

export function backupDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(stateDir(env), 'backups');
}
