import { describe, expect, it } from 'vitest';
import { checkDevicePrerequisites, compareVersions, readOsBuild, unavailable, win10BuildVerdict } from '../../../../src/domain/health/index.js';
import { inGroup, machine, NOW, posture } from './fixtures.js';

const win10 = (osBuild: number | null, osVersion: string | null = null, version: string | null = null) =>
  ({ osPlatform: 'Windows10', osBuild, osVersion, version }) as const;

describe('Windows 10 build rule', () => {
  it('reads the build from osBuild, else osVersion, else the feature release; the revision only from osVersion', () => {
    expect(readOsBuild(win10(17763, '10.0.17763.379'))).toEqual({ build: 17763, revision: 379 });
    expect(readOsBuild(win10(null, '10.0.17134.703'))).toEqual({ build: 17134, revision: 703 });
    expect(readOsBuild(win10(null, null, '1709'))).toEqual({ build: 16299, revision: null });
    // osVersion for another build does not lend its revision.
    expect(readOsBuild(win10(19044, '10.0.17763.379'))).toEqual({ build: 19044, revision: null });
  });

  it('applies the documented minimums at their boundaries', () => {
    expect(win10BuildVerdict(win10(16299, '10.0.16299.1084'))).toBe('below');
    expect(win10BuildVerdict(win10(16299, '10.0.16299.1085'))).toBe('ok');
    expect(win10BuildVerdict(win10(17134, '10.0.17134.703'))).toBe('below');
    expect(win10BuildVerdict(win10(17134, '10.0.17134.704'))).toBe('ok');
    expect(win10BuildVerdict(win10(17763, '10.0.17763.378'))).toBe('below');
    expect(win10BuildVerdict(win10(17763, '10.0.17763.379'))).toBe('ok');
    expect(win10BuildVerdict(win10(15063))).toBe('below');
    expect(win10BuildVerdict(win10(19044))).toBe('ok');
    expect(win10BuildVerdict(win10(17763))).toBe('unverified');
    expect(win10BuildVerdict(win10(null, null, '21H2'))).toBe('ok');
    expect(win10BuildVerdict({ osPlatform: 'Windows11', osBuild: 22000, osVersion: null, version: null })).toBe('not-applicable');
  });

  it('compares dotted versions numerically', () => {
    expect(compareVersions('4.18.1906.3', '4.18.1906.3')).toBe(0);
    expect(compareVersions('4.18.1906.2', '4.18.1906.3')).toBe(-1);
    expect(compareVersions('4.18.24090.11', '4.18.1906.3')).toBe(1);
    expect(compareVersions('4.18.1906', '4.18.1906.3')).toBe(-1);
    expect(compareVersions('n/a', '4.18.1906.3')).toBeNull();
  });
});

describe('checkDevicePrerequisites', () => {
  it('FAILs on devices below the OS build or platform minimum, with counts per group and examples', () => {
    const old1 = inGroup('old-01', 'Finance', { osPlatform: 'Windows10', osBuild: 17134, osVersion: '10.0.17134.590', version: '1803' });
    const old2 = inGroup('old-02', 'Finance', { osPlatform: 'Windows10', osBuild: 15063, version: '1703' });
    const oldAm = inGroup('srv-01', 'Servers', { osPlatform: 'WindowsServer2019', osBuild: 17763 });
    const good = inGroup('ok-01', 'Finance');
    const ms = [old1, old2, oldAm, good];
    const r = checkDevicePrerequisites(ms, [posture(old1, 'block'), posture(old2, 'block'), posture(oldAm, 'block', '4.18.1905.4'), posture(good, 'block')], { now: NOW });
    expect(r.status).toBe('FAIL');
    expect(r.finding).toBe(
      '2 below the Windows 10 build minimum, 1 below antimalware platform 4.18.1906.3 — they cannot enforce network indicators (groups: Finance, Servers; e.g. old-01, old-02, srv-01)',
    );
    expect(r.evidence.find((e) => e.label === 'Group Finance')?.value).toBe('Windows 10 build below prerequisite: 2');
    expect(r.evidence.find((e) => e.label === 'Group Servers')?.value).toBe('antimalware platform below 4.18.1906.3: 1');
  });

  it('WARNs on passive mode and on unknown revisions, never assuming them good', () => {
    const passive = inGroup('pc-passive', 'Sales', { defenderAvStatus: 'Passive' });
    const noRev = inGroup('pc-1809', 'Sales', { osPlatform: 'Windows10', osBuild: 17763, version: '1809' });
    const r = checkDevicePrerequisites([passive, noRev], [posture(passive, 'block'), posture(noRev, 'block')], { now: NOW });
    expect(r.status).toBe('WARN');
    expect(r.finding).toBe('1 in passive mode (indicators not enforced), 1 with unknown Windows 10 revision (groups: Sales; e.g. pc-passive, pc-1809)');
  });

  it('is OK when every device qualifies (macOS platform versions are not held to the Windows minimum)', () => {
    const mac = machine('mac-01', { osPlatform: 'macOS', osBuild: null, version: '14.5' });
    const pc = machine('pc-01');
    const r = checkDevicePrerequisites([mac, pc], [posture(mac, 'block', '101.24092.0002'), posture(pc, 'block')], { now: NOW });
    expect(r.status).toBe('OK');
  });

  it('is UNKNOWN when devices are unavailable, or when platform versions are and nothing else is wrong', () => {
    expect(checkDevicePrerequisites(unavailable('MDE 401'), [], { now: NOW }).status).toBe('UNKNOWN');
    const pc = machine('pc-01');
    const r = checkDevicePrerequisites([pc], unavailable('advanced hunting quota exceeded'), { now: NOW });
    expect(r.status).toBe('UNKNOWN');
    expect(r.status === 'UNKNOWN' && r.unknownReason).toBe('antimalware platform versions unavailable: advanced hunting quota exceeded');
    // A hard failure still shows when the posture is unavailable.
    const old = machine('old', { osPlatform: 'Windows10', osBuild: 14393 });
    expect(checkDevicePrerequisites([old], unavailable('x'), { now: NOW }).status).toBe('FAIL');
  });
});
