/**
 * Device prerequisites for blocking with indicators (mde-govern.md prerequisites;
 * indicators-overview.md; domain-notes §1 "Prereqs for blocking"):
 * - Windows 10 1709 (OS build 16299.1085), 1803 (17134.704), 1809 (17763.379) or later;
 * - antimalware platform 4.18.1906.3 or later (the advanced-features page's figure);
 * - Defender Antivirus not in passive mode (indicators are not supported in passive mode).
 *
 * How the OS build is read (the machines API has no single "full build" field):
 * - build: `osBuild` (a number, e.g. 17763); else the third part of `osVersion` ("10.0.17763.379");
 *   else the feature release in `version` ("1809" → 17763, earlier releases → their builds).
 * - revision (the ".379"): only from `osVersion` when its third part equals the build; the
 *   machines API often leaves osVersion null, so on builds 16299/17134/17763 the revision may be
 *   unknown — such devices are "unverified", never assumed good.
 * - Only osPlatform "Windows10" is judged on OS build (Windows 11 always qualifies; servers have
 *   separate requirements the API does not expose). The platform-version rule applies to every
 *   Windows platform; macOS/Linux use other version schemes and are skipped for it.
 * Passive mode comes from the device's antivirus info (`DevicePosture.avMode` '1', from
 * /api/deviceavinfo) or the machine's `defenderAvStatus` when it says so; the platform version from
 * the posture (`DevicePosture.antimalwarePlatformVersion`).
 */
import type { DevicePosture, Machine } from '../types.js';
import { DOC_URLS } from './docs.js';
import { listSome, plural } from './format.js';
import { deviceName, UNGROUPED_LABEL } from './networkProtection.js';
import { judged, unknown, type CheckMeta } from './result.js';
import type { CheckResult, Evidence, MaybeAvailable } from './types.js';
import { isUnavailable } from './types.js';

/** Minimum revision per Windows 10 build that needs one (mde-govern.md). */
export const MIN_WIN10_REVISION: Readonly<Record<number, number>> = { 16299: 1085, 17134: 704, 17763: 379 };
export const MIN_WIN10_BUILD = 16299;
export const MIN_ANTIMALWARE_PLATFORM = '4.18.1906.3';

const FEATURE_RELEASE_BUILD: Readonly<Record<string, number>> = {
  '1507': 10240,
  '1511': 10586,
  '1607': 14393,
  '1703': 15063,
  '1709': 16299,
  '1803': 17134,
  '1809': 17763,
};

export type OsBuildVerdict = 'ok' | 'below' | 'unverified' | 'not-applicable';

export interface OsBuild {
  build: number | null;
  revision: number | null;
}

export function readOsBuild(m: Pick<Machine, 'osBuild' | 'osVersion' | 'version'>): OsBuild {
  const parts = (m.osVersion ?? '').split('.').map((p) => Number.parseInt(p, 10));
  const fromVersion = parts.length >= 3 && Number.isFinite(parts[2]) ? parts[2]! : null;
  const build = m.osBuild ?? fromVersion ?? (m.version ? FEATURE_RELEASE_BUILD[m.version] ?? null : null);
  const revision = build !== null && fromVersion === build && parts.length >= 4 && Number.isFinite(parts[3]) ? parts[3]! : null;
  return { build, revision };
}

export function win10BuildVerdict(m: Pick<Machine, 'osPlatform' | 'osBuild' | 'osVersion' | 'version'>): OsBuildVerdict {
  if ((m.osPlatform ?? '').toLowerCase() !== 'windows10') return 'not-applicable';
  const { build, revision } = readOsBuild(m);
  if (build === null) {
    // A feature release newer than 1809 ("21H2", "1909") qualifies without knowing the build.
    return m.version && !(m.version in FEATURE_RELEASE_BUILD) && /^(\d{4}|\d{2}H\d)$/i.test(m.version) ? 'ok' : 'unverified';
  }
  if (build < MIN_WIN10_BUILD) return 'below';
  const minRev = MIN_WIN10_REVISION[build];
  if (minRev === undefined) return 'ok';
  if (revision === null) return 'unverified';
  return revision >= minRev ? 'ok' : 'below';
}

/** Numeric dotted-version compare; null when either side does not parse. */
export function compareVersions(a: string, b: string): number | null {
  const pa = a.trim().split('.').map(Number);
  const pb = b.trim().split('.').map(Number);
  if ([...pa, ...pb].some((n) => !Number.isInteger(n) || n < 0)) return null;
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

type Issue = 'osBelow' | 'platformBelow' | 'passive' | 'osUnverified' | 'platformUnknown';

const ISSUE_LABEL: Record<Issue, string> = {
  osBelow: 'Windows 10 build below prerequisite',
  platformBelow: `antimalware platform below ${MIN_ANTIMALWARE_PLATFORM}`,
  passive: 'Defender Antivirus in passive mode',
  osUnverified: 'Windows 10 revision unknown',
  platformUnknown: 'antimalware platform version unknown',
};

const META: CheckMeta = {
  id: 'devices',
  area: 'devices',
  title: 'Device prerequisites for blocking',
  remediation:
    'Update Windows 10 to a supported build (1709 16299.1085, 1803 17134.704, 1809 17763.379 or later), update the Defender antimalware platform to 4.18.1906.3 or later (Windows Update / WSUS "Update for Microsoft Defender Antivirus antimalware platform"), and make Defender Antivirus the active antivirus where indicators must block.',
  docUrl: DOC_URLS.mdcaGovern,
  source: {
    api: 'MDE GET /api/machines; Graph POST /security/runHuntingQuery (antimalware platform version)',
    permission: 'Machine.Read.All, ThreatHunting.Read.All',
  },
};

/**
 * FAIL: devices below the Windows 10 build or antimalware platform minimum (they cannot enforce
 * network indicators). WARN: devices in passive mode (may be deliberate next to a third-party
 * antivirus, but indicators do not apply there) or whose build revision / platform version is
 * unknown. OK: every device qualifies. Counts per device group with example names.
 */
export function checkDevicePrerequisites(
  machines: MaybeAvailable<readonly Machine[]>,
  postures: MaybeAvailable<readonly DevicePosture[]>,
  opts: { now: Date },
): CheckResult {
  const { now } = opts;
  if (isUnavailable(machines)) return unknown(META, now, `devices: ${machines.reason}`);
  const postureById = isUnavailable(postures) ? null : new Map(postures.map((p) => [p.deviceId, p]));

  const byIssue: Record<Issue, string[]> = { osBelow: [], platformBelow: [], passive: [], osUnverified: [], platformUnknown: [] };
  const byGroup = new Map<string, Partial<Record<Issue, number>>>();
  for (const m of machines) {
    const p = postureById?.get(m.id);
    const issues: Issue[] = [];
    const os = win10BuildVerdict(m);
    if (os === 'below') issues.push('osBelow');
    if (os === 'unverified') issues.push('osUnverified');
    if ((m.osPlatform ?? '').toLowerCase().startsWith('windows') && postureById !== null) {
      const v = p?.antimalwarePlatformVersion;
      const cmp = v ? compareVersions(v, MIN_ANTIMALWARE_PLATFORM) : null;
      if (cmp === null) issues.push('platformUnknown');
      else if (cmp < 0) issues.push('platformBelow');
    }
    // Passive mode shows in deviceavinfo's avMode ('1'); defenderAvStatus carries it only in some tenants.
    if ((m.defenderAvStatus ?? '').toLowerCase() === 'passive' || p?.avMode === '1') issues.push('passive');
    const group = m.rbacGroupName ?? UNGROUPED_LABEL;
    for (const issue of issues) {
      byIssue[issue].push(deviceName(m, p));
      const g = byGroup.get(group) ?? {};
      g[issue] = (g[issue] ?? 0) + 1;
      byGroup.set(group, g);
    }
  }

  const evidence: Evidence[] = [{ label: 'Devices', value: String(machines.length) }];
  for (const issue of Object.keys(byIssue) as Issue[]) {
    const names = byIssue[issue];
    if (names.length > 0) evidence.push({ label: ISSUE_LABEL[issue], value: `${names.length}: ${listSome(names, 5)}` });
  }
  for (const [group, counts] of [...byGroup.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
    evidence.push({
      label: `Group ${group}`,
      value: (Object.keys(counts) as Issue[]).map((i) => `${ISSUE_LABEL[i]}: ${counts[i]}`).join('; '),
    });
  }
  if (isUnavailable(postures)) evidence.push({ label: 'Antimalware platform', value: `not checked: ${postures.reason}` });

  const groupsOf = (issues: Issue[]) =>
    [...byGroup.entries()].filter(([, c]) => issues.some((i) => (c[i] ?? 0) > 0)).map(([g]) => g).sort();

  const below = byIssue.osBelow.length + byIssue.platformBelow.length;
  if (below > 0) {
    const parts = [
      byIssue.osBelow.length ? `${byIssue.osBelow.length} below the Windows 10 build minimum` : '',
      byIssue.platformBelow.length ? `${byIssue.platformBelow.length} below antimalware platform ${MIN_ANTIMALWARE_PLATFORM}` : '',
    ].filter(Boolean);
    const examples = [...new Set([...byIssue.osBelow, ...byIssue.platformBelow])];
    return judged(
      META,
      now,
      'FAIL',
      `${parts.join(', ')} — they cannot enforce network indicators (groups: ${listSome(groupsOf(['osBelow', 'platformBelow']))}; e.g. ${listSome(examples)})`,
      evidence,
    );
  }
  const soft = [...new Set([...byIssue.passive, ...byIssue.osUnverified, ...byIssue.platformUnknown])];
  if (soft.length > 0) {
    const parts = [
      byIssue.passive.length ? `${byIssue.passive.length} in passive mode (indicators not enforced)` : '',
      byIssue.osUnverified.length ? `${byIssue.osUnverified.length} with unknown Windows 10 revision` : '',
      byIssue.platformUnknown.length ? `${byIssue.platformUnknown.length} with unknown antimalware platform` : '',
    ].filter(Boolean);
    return judged(META, now, 'WARN', `${parts.join(', ')} (groups: ${listSome(groupsOf(['passive', 'osUnverified', 'platformUnknown']))}; e.g. ${listSome(soft)})`, evidence);
  }
  if (isUnavailable(postures)) {
    return unknown(META, now, `antimalware platform versions unavailable: ${postures.reason}`, evidence);
  }
  return judged(META, now, 'OK', `All ${plural(machines.length, 'device')} meet the OS build, antimalware platform and active-mode prerequisites`, evidence);
}
