/**
 * The local audit log: one JSON line per write call the console made (issue 5: "every write is
 * appended to a local audit log: when, who, profile, action, ids, before and after"). Appended
 * as each call finishes, so a run that is killed half-way still leaves what it did.
 * Never holds a token or secret: `who` is the profile's sign-in method and app id only.
 * File mode 0600 (it names indicators and people), directory 0700.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ResolvedProfile } from '../config/types.js';
import { auditLogPath } from './paths.js';

export interface AuditWho {
  profile: string;
  /** Sign-in method of the profile (client-secret, device-code, …). */
  method: string;
  /** App (client) id the calls were made with; null when the profile names none (device code default). */
  appId: string | null;
}

export interface AuditEntry {
  /** ISO time the call finished. */
  when: string;
  who: AuditWho;
  profile: string;
  tenant: string;
  /** e.g. "indicators.setAction", "indicators.delete", "indicators.import". */
  action: string;
  /** The API call, e.g. "POST /api/indicators/BatchDelete". */
  call: string;
  ids: string[];
  before: unknown[];
  after: unknown[];
  outcome: 'done' | 'failed';
  reason?: string;
  /** Backup file of deleted indicators, when there is one. */
  backup?: string;
}

export function auditWho(profile: ResolvedProfile): AuditWho {
  return { profile: profile.name, method: profile.auth.method, appId: profile.auth.clientId ?? null };
}

export interface AuditLog {
  readonly path: string;
  append(entry: AuditEntry): void;
}

/** Opens (creating on first write) the audit log at `path` (default: $XDG_STATE_HOME/mde-console/audit.jsonl). */
export function openAuditLog(path: string = auditLogPath()): AuditLog {
  return {
    path,
    append(entry) {
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      appendFileSync(path, JSON.stringify(entry) + '\n', { mode: 0o600 });
    },
  };
}
