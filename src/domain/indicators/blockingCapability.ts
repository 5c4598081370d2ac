/**
 * "Indicator exists" is not "indicator blocks" (domain-notes §0.4): URL, domain and IP
 * indicators are enforced by network protection, and only in BLOCK mode — in audit mode it only
 * logs (indicator-ip-domain.md: "URL/IP allow and block requires that … Network Protection is
 * enabled in block mode"). This counts, for one indicator, the devices in its scope per mode.
 *
 * Scope: `rbacGroupNames` empty = all devices (ti-indicator.md); otherwise the devices whose
 * Machine.rbacGroupName is one of the names (case-insensitive). Devices in no group
 * (rbacGroupName null) are only in scope of all-devices indicators.
 */
import type { CreatorRule } from '../../config/types.js';
import type { DevicePosture, Indicator, Machine, NetworkProtectionMode } from '../types.js';
import { isMdcaIndicator } from './creatorClass.js';
import { isNetworkType } from './indicatorValues.js';

/** Devices per network-protection mode. */
export type ModeCounts = Readonly<Record<NetworkProtectionMode, number>>;

/**
 * Device counts per mode, per lower-cased group name; key null = devices in no group.
 * Counts, not device lists: the detail pane only ever counts, and 20,000 per-device objects kept
 * for the session cost ~2.7 MB and a walk over every device on each detail render (issue 9).
 */
export type DevicesByGroup = ReadonlyMap<string | null, ModeCounts>;

/** Joins machines (for their group) with postures (for the NP mode); a machine without posture is 'unknown'. */
export function countDevicesByGroup(machines: readonly Pick<Machine, 'id' | 'rbacGroupName'>[], postures: readonly Pick<DevicePosture, 'deviceId' | 'networkProtection'>[]): DevicesByGroup {
  const modeById = new Map<string, NetworkProtectionMode>();
  for (const p of postures) modeById.set(p.deviceId.toLowerCase(), p.networkProtection);
  const out = new Map<string | null, Record<NetworkProtectionMode, number>>();
  for (const m of machines) {
    const key = m.rbacGroupName ? m.rbacGroupName.toLowerCase() : null;
    let counts = out.get(key);
    if (!counts) {
      counts = { block: 0, audit: 0, off: 0, unknown: 0 };
      out.set(key, counts);
    }
    counts[modeById.get(m.id.toLowerCase()) ?? 'unknown']++;
  }
  return out;
}

export interface BlockingCapability {
  /** True for URL, domain and IP indicators — the ones network protection enforces. */
  applies: boolean;
  inScope: number;
  block: number;
  audit: number;
  off: number;
  unknown: number;
  /** Named groups with no known device. */
  emptyGroups: string[];
  /** One line for the detail pane. */
  note: string;
}

export function blockingCapability(ind: Indicator, devicesByGroup: DevicesByGroup): BlockingCapability {
  const counts = { block: 0, audit: 0, off: 0, unknown: 0 };
  const emptyGroups: string[] = [];
  if (!isNetworkType(ind.indicatorType)) {
    return {
      applies: false,
      inScope: 0,
      ...counts,
      emptyGroups,
      note: `${ind.indicatorType} indicators are enforced by Defender Antivirus, not network protection`,
    };
  }
  const groups: ModeCounts[] = [];
  if (ind.rbacGroupNames.length === 0) {
    for (const group of devicesByGroup.values()) groups.push(group);
  } else {
    const seen = new Set<string>();
    for (const g of ind.rbacGroupNames) {
      const key = g.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      const group = devicesByGroup.get(key);
      if (group && group.block + group.audit + group.off + group.unknown > 0) groups.push(group);
      else emptyGroups.push(g);
    }
  }
  for (const g of groups) {
    counts.block += g.block;
    counts.audit += g.audit;
    counts.off += g.off;
    counts.unknown += g.unknown;
  }
  const inScope = counts.block + counts.audit + counts.off + counts.unknown;
  return { applies: true, inScope, ...counts, emptyGroups, note: noteFor(ind, inScope, counts, emptyGroups) };
}

function noteFor(ind: Indicator, inScope: number, c: Record<NetworkProtectionMode, number>, emptyGroups: string[]): string {
  const empty = emptyGroups.length > 0 ? `; no known devices in ${emptyGroups.join(', ')}` : '';
  if (inScope === 0) return `no known devices in scope${empty}`;
  if (ind.action === 'Audit') return `action Audit only raises alerts; it never blocks${empty}`;
  const verb = ind.action === 'Allowed' ? 'allows' : ind.action === 'Warn' ? 'warns' : 'blocks';
  const parts = [`${verb} on ${c.block} of ${inScope} devices (network protection in block mode)`];
  if (c.audit > 0) parts.push(`${c.audit} in audit mode only log`);
  if (c.off > 0) parts.push(`${c.off} have it off`);
  if (c.unknown > 0) parts.push(`${c.unknown} unknown`);
  return parts.join('; ') + empty;
}

export type MdcaOwnership =
  | { owned: false }
  | { owned: true; app: string; reminder: string };

/**
 * For indicators synced from Defender for Cloud Apps: the app they belong to (the `application`
 * field, which the sync fills with the app name) and the reminder that the app's tag and scoped
 * profile there rule them — manual scoping is overridden and Generate alert re-enabled
 * (mde-govern.md; indicators-overview.md).
 */
export function mdcaOwnership(ind: Indicator, rules?: readonly CreatorRule[]): MdcaOwnership {
  if (!isMdcaIndicator(ind, rules)) return { owned: false };
  const app = ind.application?.trim() || 'unknown app';
  return {
    owned: true,
    app,
    reminder: `owned by Defender for Cloud Apps (app: ${app}): change the app's tag or scoped profile there; edits made here are overridden`,
  };
}
