/**
 * Workspace and per-table retention against the profile's policy (data-retention-configure;
 * api-contracts §d "Per-table retention"). Defender itself keeps data 180 days in the portal and
 * 30 days in advanced hunting (data-storage-privacy.md), so anything older exists only where it
 * was streamed — the reason the policy matters.
 *
 * Effective retention per table: interactive = `retentionInDays`, or the workspace's
 * `retentionInDays` when the table's value is null, −1 or `retentionInDaysAsDefault` is true
 * (the API sends that flag as a boolean or the string "True"/"False"); total =
 * `totalRetentionInDays` (interactive + long-term), or the interactive value when absent/−1.
 * The policy is met by the TOTAL: long-term data is still kept, just queried by search job.
 */
import type { Workspace, WorkspaceTable } from '../types.js';
import { DOC_URLS } from './docs.js';
import { listSome, plural } from './format.js';
import { judged, unknown, type CheckMeta } from './result.js';
import { XDR_ADVANCED_HUNTING_TABLES } from './sentinel.js';
import type { CheckResult, Evidence, MaybeAvailable } from './types.js';
import { isUnavailable } from './types.js';

export const DEFENDER_RETENTION_REMINDER = 'Defender keeps data 180 days in the portal and 30 days in advanced hunting; older data exists only in the workspace or the streaming destination';

const META: CheckMeta = {
  id: 'retention',
  area: 'retention',
  title: 'Retention against policy',
  remediation:
    'Azure portal → Log Analytics workspace → Tables → (table) → Manage table: set total retention to at least the policy; or Settings → Usage and estimated costs → Data retention for the workspace default.',
  docUrl: DOC_URLS.retentionConfigure,
  source: { api: 'ARM GET …/Microsoft.OperationalInsights/workspaces/{ws} and …/tables', permission: 'Log Analytics Reader' },
};

function flagTrue(v: unknown): boolean {
  return v === true || (typeof v === 'string' && v.toLowerCase() === 'true');
}

const positive = (n: number | null | undefined): number | null => (typeof n === 'number' && n >= 0 ? n : null);

export interface EffectiveRetention {
  table: string;
  interactiveDays: number | null;
  totalDays: number | null;
  plan: string | null;
}

export function effectiveRetention(t: WorkspaceTable, workspaceDays: number | null): EffectiveRetention {
  const own = positive(t.properties.retentionInDays);
  const interactive = own === null || flagTrue(t.properties.retentionInDaysAsDefault) ? workspaceDays : own;
  const total = positive(t.properties.totalRetentionInDays) ?? interactive;
  return { table: t.name, interactiveDays: interactive, totalDays: total, plan: t.properties.plan ?? null };
}

const isDefaultPolicyTable = (name: string) => XDR_ADVANCED_HUNTING_TABLES.some((t) => t.toLowerCase() === name.toLowerCase());

/**
 * FAIL: a table under policy keeps less (total) than `policyDays`. WARN: a table's retention
 * cannot be determined (inherits an unknown workspace default), or the workspace default is
 * below the policy (a table connected later inherits it). OK otherwise.
 * Tables under policy: the Defender advanced-hunting tables present, unless `isPolicyTable` says otherwise.
 */
export function checkRetention(
  workspace: MaybeAvailable<Workspace>,
  tables: MaybeAvailable<readonly WorkspaceTable[]>,
  opts: { now: Date; policyDays: number; isPolicyTable?: (tableName: string) => boolean },
): CheckResult {
  const { now, policyDays } = opts;
  if (isUnavailable(tables)) return unknown(META, now, `workspace tables: ${tables.reason}`);
  const workspaceDays = isUnavailable(workspace) ? null : positive(workspace.properties.retentionInDays);
  const isPolicyTable = opts.isPolicyTable ?? isDefaultPolicyTable;
  const under = tables.filter((t) => isPolicyTable(t.name)).map((t) => effectiveRetention(t, workspaceDays));
  under.sort((a, b) => a.table.localeCompare(b.table));

  const evidence: Evidence[] = [
    { label: 'Policy', value: `${policyDays} days total retention` },
    {
      label: 'Workspace default',
      value: isUnavailable(workspace) ? `unknown: ${workspace.reason}` : workspaceDays === null ? 'not reported' : `${workspaceDays} days`,
    },
    ...under.map((r) => ({
      label: r.table,
      value: `interactive ${r.interactiveDays ?? '?'} d, total ${r.totalDays ?? '?'} d${r.plan ? ` (${r.plan})` : ''}${
        r.totalDays !== null && r.totalDays < policyDays ? ' — BELOW POLICY' : ''
      }`,
    })),
    { label: 'Reminder', value: DEFENDER_RETENTION_REMINDER },
  ];

  const below = under.filter((r) => r.totalDays !== null && r.totalDays < policyDays);
  if (below.length > 0) {
    return judged(
      META,
      now,
      'FAIL',
      `${plural(below.length, 'table')} ${below.length === 1 ? 'keeps' : 'keep'} less than the ${policyDays}-day policy: ${listSome(
        below.map((r) => `${r.table} (${r.totalDays} d)`),
        4,
      )}`,
      evidence,
    );
  }
  const unknownTables = under.filter((r) => r.totalDays === null);
  if (unknownTables.length > 0) {
    return judged(META, now, 'WARN', `Retention of ${listSome(unknownTables.map((r) => r.table))} unknown: they inherit the workspace default, which could not be read`, evidence);
  }
  if (workspaceDays !== null && workspaceDays < policyDays) {
    return judged(
      META,
      now,
      'WARN',
      `Workspace default retention ${workspaceDays} d is below the ${policyDays}-day policy: a table connected later inherits it`,
      evidence,
    );
  }
  if (under.length === 0) {
    return judged(META, now, 'OK', `No Defender advanced-hunting table in the workspace yet; workspace default meets the ${policyDays}-day policy`, evidence);
  }
  return judged(META, now, 'OK', `${plural(under.length, 'table')} ${under.length === 1 ? 'keeps' : 'keep'} at least ${policyDays} days`, evidence);
}
