/**
 * Network protection enforcement per device group (indicator-ip-domain.md; seed part 7:
 * "Indicators will be only blocked when Network protection is configured in block mode. Audit
 * mode is not blocking the URL").
 *
 * Device groups: no public API lists them (domain-notes §0.10), so groups are derived from the
 * machines' rbacGroupName; ungrouped devices (rbacGroupId 0, rbacGroupName null) form their own
 * bucket that only all-device indicators reach. Network protection mode per device comes from
 * advanced hunting (DevicePosture, DeviceTvmSecureConfigurationAssessment scid-96); a device
 * without a posture row counts as "unknown".
 */
import type { DevicePosture, Indicator, Machine, NetworkProtectionMode } from '../types.js';
import { DOC_URLS } from './docs.js';
import { listSome, plural } from './format.js';
import { appliesToGroup, isActiveAt, isBlockOrWarn, isNetworkIndicator } from './indicatorFacts.js';
import { judged, unknown, type CheckMeta } from './result.js';
import type { CheckResult, Evidence, MaybeAvailable } from './types.js';
import { isUnavailable } from './types.js';

export const UNGROUPED_LABEL = '(no device group)';

const META: CheckMeta = {
  id: 'network-protection',
  area: 'network-protection',
  title: 'Network protection enforcement',
  remediation:
    'Set network protection to block mode (EnableNetworkProtection = 1) for these devices — Intune: Endpoint security → Attack surface reduction, or Group Policy — then confirm in the Defender portal → Settings → Endpoints → Advanced features that "Custom network indicators" is on.',
  docUrl: DOC_URLS.enableNetworkProtection,
  source: {
    api: 'MDE GET /api/indicators + GET /api/machines; Graph POST /security/runHuntingQuery (DeviceTvmSecureConfigurationAssessment scid-96)',
    permission: 'Ti.ReadWrite.All, Machine.Read.All, ThreatHunting.Read.All',
  },
};

export interface GroupNetworkProtection {
  group: string;
  devices: number;
  modes: Record<NetworkProtectionMode, number>;
  /** Active Block/Warn URL, domain and IP indicators that apply to this group. */
  blockWarnIndicators: number;
  /** Device names not in block mode (audit or off), in machine order. */
  notBlocking: string[];
  unknownDevices: string[];
}

export function deviceName(m: Machine, p?: DevicePosture): string {
  return m.computerDnsName ?? p?.deviceName ?? m.id;
}

/** Per-group tally; exported so the Health screen's detail view can show the full table. */
export function networkProtectionByGroup(
  indicators: readonly Indicator[],
  machines: readonly Machine[],
  postures: readonly DevicePosture[],
  now: Date,
): GroupNetworkProtection[] {
  const postureById = new Map(postures.map((p) => [p.deviceId, p]));
  const relevant = indicators.filter((i) => isNetworkIndicator(i) && isBlockOrWarn(i) && isActiveAt(i, now));
  const groups = new Map<string, { rbacName: string | null; machines: Machine[] }>();
  for (const m of machines) {
    const key = m.rbacGroupName ?? UNGROUPED_LABEL;
    const g = groups.get(key) ?? { rbacName: m.rbacGroupName, machines: [] };
    g.machines.push(m);
    groups.set(key, g);
  }
  const out: GroupNetworkProtection[] = [];
  for (const [group, { rbacName, machines: ms }] of groups) {
    const modes: Record<NetworkProtectionMode, number> = { block: 0, audit: 0, off: 0, unknown: 0 };
    const notBlocking: string[] = [];
    const unknownDevices: string[] = [];
    for (const m of ms) {
      const p = postureById.get(m.id);
      const mode = p?.networkProtection ?? 'unknown';
      modes[mode] += 1;
      if (mode === 'audit' || mode === 'off') notBlocking.push(deviceName(m, p));
      if (mode === 'unknown') unknownDevices.push(deviceName(m, p));
    }
    const blockWarnIndicators = relevant.filter((i) => appliesToGroup(i, rbacName)).length;
    out.push({ group, devices: ms.length, modes, blockWarnIndicators, notBlocking, unknownDevices });
  }
  return out.sort((a, b) => a.group.localeCompare(b.group));
}

function groupLine(g: GroupNetworkProtection): string {
  return `${plural(g.devices, 'device')}: block ${g.modes.block}, audit ${g.modes.audit}, off ${g.modes.off}, unknown ${g.modes.unknown}; ${g.blockWarnIndicators} Block/Warn network indicators in scope`;
}

/**
 * FAIL: a group with Block/Warn network indicators in scope has devices in audit or off mode
 * (names the group, the count and example devices). WARN: such a group has devices whose mode is
 * unknown. OK: every device under Block/Warn network indicators is in block mode (or there are
 * no such indicators).
 */
export function checkNetworkProtection(
  indicators: MaybeAvailable<readonly Indicator[]>,
  machines: MaybeAvailable<readonly Machine[]>,
  postures: MaybeAvailable<readonly DevicePosture[]>,
  opts: { now: Date },
): CheckResult {
  const { now } = opts;
  for (const [what, input] of [
    ['indicators', indicators],
    ['devices', machines],
    ['network protection modes (advanced hunting)', postures],
  ] as const) {
    if (isUnavailable(input)) return unknown(META, now, `${what}: ${input.reason}`);
  }
  // Narrowed above; TypeScript cannot see through the loop.
  const groups = networkProtectionByGroup(indicators as Indicator[], machines as Machine[], postures as DevicePosture[], now);

  const evidence: Evidence[] = groups.map((g) => ({ label: g.group, value: groupLine(g) }));
  evidence.push({ label: 'Device groups', value: "derived from machines' rbacGroupName (no public API lists device groups)" });

  const failing = groups
    .filter((g) => g.blockWarnIndicators > 0 && g.notBlocking.length > 0)
    .sort((a, b) => b.notBlocking.length - a.notBlocking.length || a.group.localeCompare(b.group));
  if (failing.length > 0) {
    const g = failing[0]!;
    const more = failing.length > 1 ? ` (+${plural(failing.length - 1, 'more group')}: ${listSome(failing.slice(1).map((x) => x.group))})` : '';
    for (const f of failing) {
      evidence.push({ label: `Not blocking in ${f.group}`, value: `${f.notBlocking.length} (audit ${f.modes.audit}, off ${f.modes.off}): ${listSome(f.notBlocking, 5)}` });
    }
    return judged(
      META,
      now,
      'FAIL',
      `Group "${g.group}": ${g.notBlocking.length} of ${g.devices} devices not in block mode while ${g.blockWarnIndicators} Block/Warn network indicators apply (audit mode only logs) — e.g. ${listSome(g.notBlocking)}${more}`,
      evidence,
    );
  }

  const unclear = groups.filter((g) => g.blockWarnIndicators > 0 && g.unknownDevices.length > 0);
  if (unclear.length > 0) {
    const total = unclear.reduce((n, g) => n + g.unknownDevices.length, 0);
    for (const u of unclear) evidence.push({ label: `Mode unknown in ${u.group}`, value: listSome(u.unknownDevices, 5) });
    return judged(
      META,
      now,
      'WARN',
      `${plural(total, 'device')} under Block/Warn network indicators without a known network protection mode (${listSome(unclear.map((g) => g.group))})`,
      evidence,
      'Check that these devices report to advanced hunting (DeviceTvmSecureConfigurationAssessment, scid-96) and set network protection to block mode.',
    );
  }

  const covered = groups.filter((g) => g.blockWarnIndicators > 0);
  if (covered.length === 0) {
    return judged(META, now, 'OK', 'No Block/Warn network indicators are active: nothing depends on network protection mode yet', evidence);
  }
  const devices = covered.reduce((n, g) => n + g.devices, 0);
  return judged(META, now, 'OK', `All ${plural(devices, 'device')} under Block/Warn network indicators are in block mode (${plural(covered.length, 'group')})`, evidence);
}
