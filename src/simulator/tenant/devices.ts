/**
 * Devices and device groups. MDE has no device-group API (domain-notes §0.10): groups exist only
 * through machines' rbacGroupId/rbacGroupName, so the simulator defines them here and stamps them
 * on devices, on MDCA-scoped indicators and on streaming records (MachineGroup).
 */
import type { Machine, NetworkProtectionMode } from '../../domain/types.js';
import { iso7, DAY, HOUR, MINUTE } from './clock.js';
import type { Rng } from './random.js';

export interface DeviceGroup {
  id: number;
  name: string;
}

export const DEVICE_GROUPS: readonly DeviceGroup[] = [
  { id: 1101, name: 'Finance' },
  { id: 1102, name: 'Servers-Tier0' },
  { id: 1103, name: 'Kiosk' },
  { id: 1104, name: 'Developers' },
];

/** Documented avMode codes of GET /api/deviceavinfo ('0' Active, '1' Passive, '2' Disabled, '4' EDRBlocked). */
export type AvMode = '0' | '1' | '2' | '4';

/** A device: the machines-API wire object plus the posture only other APIs expose. */
export interface SimDevice {
  machine: Machine & Record<string, unknown>;
  /** EnableNetworkProtection: block (1), audit (2), off (0). */
  networkProtection: Exclude<NetworkProtectionMode, 'unknown'>;
  avMode: AvMode;
  avPlatformVersion: string;
  avEngineVersion: string;
  avSignatureVersion: string;
  osKind: 'windows' | 'mac' | 'linux';
}

interface OsChoice {
  osPlatform: string;
  version: string | null;
  osBuild: number | null;
  /** Patch level (UBR) range for Windows; null elsewhere. */
  patch: readonly [number, number] | null;
  osVersionText?: string;
  kind: 'windows' | 'mac' | 'linux';
  server?: boolean;
}

// Windows 10 builds below the Defender for Cloud Apps blocking minimum (mde-govern:
// 1709 16299.1085, 1803 17134.704, 1809 17763.379) get patch ranges that straddle the threshold.
const WIN10_OLD: readonly OsChoice[] = [
  { osPlatform: 'Windows10', version: '1709', osBuild: 16299, patch: [900, 1200], kind: 'windows' },
  { osPlatform: 'Windows10', version: '1803', osBuild: 17134, patch: [600, 800], kind: 'windows' },
  { osPlatform: 'Windows10', version: '1809', osBuild: 17763, patch: [250, 500], kind: 'windows' },
];
const WIN10: readonly OsChoice[] = [
  { osPlatform: 'Windows10', version: '21H2', osBuild: 19044, patch: [2000, 5000], kind: 'windows' },
  { osPlatform: 'Windows10', version: '22H2', osBuild: 19045, patch: [3000, 5700], kind: 'windows' },
];
const WIN11: readonly OsChoice[] = [
  { osPlatform: 'Windows11', version: '22H2', osBuild: 22621, patch: [2000, 4300], kind: 'windows' },
  { osPlatform: 'Windows11', version: '23H2', osBuild: 22631, patch: [2000, 4300], kind: 'windows' },
  { osPlatform: 'Windows11', version: '24H2', osBuild: 26100, patch: [1000, 3000], kind: 'windows' },
];
const SERVERS: readonly OsChoice[] = [
  { osPlatform: 'WindowsServer2019', version: '1809', osBuild: 17763, patch: [3000, 6000], kind: 'windows', server: true },
  { osPlatform: 'WindowsServer2022', version: '21H2', osBuild: 20348, patch: [1000, 2700], kind: 'windows', server: true },
];
const MAC: readonly OsChoice[] = [
  { osPlatform: 'macOS', version: '14.6', osBuild: null, patch: null, osVersionText: '14.6.1', kind: 'mac' },
  { osPlatform: 'macOS', version: '15.1', osBuild: null, patch: null, osVersionText: '15.1.0', kind: 'mac' },
];
const LINUX: readonly OsChoice[] = [
  { osPlatform: 'Linux', version: '22.04', osBuild: null, patch: null, osVersionText: '22.04', kind: 'linux', server: true },
  { osPlatform: 'Linux', version: '9.4', osBuild: null, patch: null, osVersionText: '9.4', kind: 'linux', server: true },
];

interface GroupProfile {
  prefix: string;
  os: readonly (readonly [readonly OsChoice[], number])[];
  np: readonly (readonly [SimDevice['networkProtection'], number])[];
  share: number;
}

// Network protection mix by group: Kiosk mostly audit, Developers some off (the brief), servers
// often audit after a compatibility scare, Finance mostly block.
const PROFILES: Record<string, GroupProfile> = {
  Finance: { prefix: 'fin-lt', share: 0.25, os: [[WIN10, 3], [WIN11, 6], [WIN10_OLD, 1]], np: [['block', 9], ['audit', 1]] },
  'Servers-Tier0': { prefix: 'srv-t0', share: 0.12, os: [[SERVERS, 8], [LINUX, 2]], np: [['block', 6], ['audit', 4]] },
  Kiosk: { prefix: 'kiosk', share: 0.13, os: [[WIN10_OLD, 5], [WIN10, 5]], np: [['audit', 8], ['block', 2]] },
  Developers: { prefix: 'dev-ws', share: 0.25, os: [[WIN11, 5], [MAC, 3], [LINUX, 2]], np: [['block', 5], ['audit', 2], ['off', 3]] },
  '': { prefix: 'ws', share: 0.25, os: [[WIN10, 4], [WIN11, 4], [WIN10_OLD, 1], [SERVERS, 1], [MAC, 1]], np: [['block', 5], ['audit', 3], ['off', 2]] },
};

const CURRENT_PLATFORMS = ['4.18.24090.11', '4.18.24080.9', '4.18.25010.11'];
// Below 4.18.1906.3, the minimum for custom network indicators (advanced-features.md).
const OLD_PLATFORMS = ['4.18.1902.5', '4.18.1905.4'];

export function generateDevices(rng: Rng, count: number, nowMs: number): SimDevice[] {
  const devices: SimDevice[] = [];
  const groups: (DeviceGroup | null)[] = [];
  const groupKeys = ['Finance', 'Servers-Tier0', 'Kiosk', 'Developers', ''] as const;
  const counters: Record<string, number> = {};
  for (let i = 0; i < count; i++) {
    const key = rng.weighted(groupKeys.map((k) => [k, PROFILES[k]!.share] as const));
    const group = DEVICE_GROUPS.find((g) => g.name === key) ?? null;
    groups.push(group);
    const profile = PROFILES[key]!;
    const os = rng.pick(rng.weighted(profile.os));
    counters[key] = (counters[key] ?? 0) + 1;
    const name = `${profile.prefix}-${String(counters[key]).padStart(4, '0')}-${rng.hex(3)}`;
    const patch = os.patch ? rng.int(os.patch[0], os.patch[1]) : null;
    const osVersion = os.kind === 'windows' && os.osBuild !== null ? `10.0.${os.osBuild}.${patch}` : (os.osVersionText ?? null);
    const firstSeen = nowMs - rng.int(20, 400) * DAY;
    const healthStatus = rng.weighted([
      ['Active', 88],
      ['Inactive', 6],
      ['ImpairedCommunication', 3],
      ['NoSensorData', 2],
      ['NoSensorDataImpairedCommunication', 1],
    ] as const);
    const lastSeen = healthStatus === 'Inactive' ? nowMs - rng.int(8, 60) * DAY : nowMs - rng.int(1, 180) * MINUTE;
    // Servers with a third-party AV keep Defender in passive mode (indicators are not enforced then).
    const avMode: AvMode = os.server && rng.chance(0.3) ? '1' : os.kind === 'windows' && rng.chance(0.04) ? '1' : rng.chance(0.01) ? '4' : '0';
    const oldPlatform = (key === 'Kiosk' && rng.chance(0.3)) || rng.chance(0.04);
    const avPlatformVersion = os.kind === 'windows' ? (oldPlatform ? rng.pick(OLD_PLATFORMS) : rng.pick(CURRENT_PLATFORMS)) : `101.${rng.int(24070, 25010)}.${rng.int(1, 20)}`;
    const lastIp = `10.${rng.int(1, 40)}.${rng.int(0, 255)}.${rng.int(2, 254)}`;
    const machine = {
      id: rng.hex(40),
      mergedIntoMachineId: null,
      isPotentialDuplication: false,
      isExcluded: false,
      exclusionReason: null,
      computerDnsName: `${name}.corp.contoso.com`,
      firstSeen: iso7(firstSeen),
      lastSeen: iso7(lastSeen),
      osPlatform: os.osPlatform,
      osVersion,
      osProcessor: 'x64',
      version: os.version,
      lastIpAddress: lastIp,
      lastExternalIpAddress: `20.${rng.int(30, 200)}.${rng.int(0, 255)}.${rng.int(2, 254)}`,
      agentVersion: os.kind === 'windows' ? `10.8760.${os.osBuild ?? 19041}.${rng.int(1000, 5000)}` : `101.${rng.int(24070, 25010)}.${rng.int(1, 20)}`,
      osBuild: os.osBuild,
      healthStatus,
      deviceValue: key === 'Servers-Tier0' ? 'High' : 'Normal',
      rbacGroupId: group ? group.id : 0,
      rbacGroupName: group ? group.name : null,
      riskScore: rng.weighted([['None', 30], ['Informational', 10], ['Low', 30], ['Medium', 20], ['High', 10]] as const),
      exposureLevel: rng.weighted([['Low', 40], ['Medium', 45], ['High', 15]] as const),
      isAadJoined: os.kind === 'windows' && !os.server,
      aadDeviceId: os.kind === 'windows' && !os.server ? rng.guid() : null,
      machineTags: key === 'Servers-Tier0' ? ['Tier0'] : rng.chance(0.1) ? ['VIP'] : [],
      // Machine API values (machine.md): Updated, NotUpdated, Disabled, NotReporting. Passive mode is only
      // visible through /api/deviceavinfo (avMode '1').
      defenderAvStatus: avMode === '4' ? 'Disabled' : oldPlatform ? 'NotUpdated' : 'Updated',
      onboardingStatus: 'Onboarded',
      osArchitecture: '64-bit',
      managedBy: os.kind === 'windows' ? 'Intune' : 'Unknown',
      managedByStatus: 'Success',
      ipAddresses: [{ ipAddress: lastIp, macAddress: rng.hex(12).toUpperCase(), type: 'Ethernet', operationalStatus: 'Up' }],
      vmMetadata: null,
    } satisfies Machine & Record<string, unknown>;
    devices.push({
      machine,
      networkProtection: rng.weighted(profile.np),
      avMode,
      avPlatformVersion,
      avEngineVersion: `1.1.${rng.pick([24090, 24080, 25010])}.${rng.int(1, 5)}`,
      avSignatureVersion: `1.${rng.int(417, 421)}.${rng.int(100, 999)}.0`,
      osKind: os.kind,
    });
  }
  return devices;
}

/** Wire row of GET /api/deviceavinfo (device-health-api-methods-properties, JSON response). */
export function deviceAvInfoRow(d: SimDevice, nowMs: number): Record<string, unknown> {
  const m = d.machine;
  const refreshed = iso7(nowMs - 3 * HOUR);
  const upToDate = m.defenderAvStatus === 'NotUpdated' ? 'False' : 'True';
  return {
    id: m.id,
    machineId: m.id,
    computerDnsName: m.computerDnsName,
    osKind: d.osKind,
    osPlatform: m.osPlatform,
    osVersion: m.osVersion,
    avMode: d.avMode,
    avSignatureVersion: d.avSignatureVersion,
    avEngineVersion: d.avEngineVersion,
    avPlatformVersion: d.avPlatformVersion,
    avIsSignatureUpToDate: upToDate,
    avIsEngineUpToDate: upToDate,
    avIsPlatformUpToDate: upToDate,
    avSignaturePublishTime: refreshed,
    avSignatureUpdateTime: refreshed,
    avEngineUpdateTime: refreshed,
    avPlatformUpdateTime: refreshed,
    quickScanResult: 'Completed',
    quickScanError: '',
    quickScanTime: refreshed,
    fullScanResult: '',
    fullScanError: '',
    fullScanTime: null,
    lastSeenTime: m.lastSeen,
    dataRefreshTimestamp: refreshed,
    rbacGroupId: m.rbacGroupId,
    rbacGroupName: m.rbacGroupName,
  };
}
