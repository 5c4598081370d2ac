import { describe, expect, it } from 'vitest';
import { checkLicences, checkOfficeIdentity, unavailable } from '../../../../src/domain/health/index.js';
import { e5Security, NOW, sku } from './fixtures.js';

const ev = (r: { evidence: { label: string; value: string }[] }, label: string) => r.evidence.find((e) => e.label === label)?.value;

describe('checkLicences', () => {
  it('is OK with Microsoft 365 E5 Security enabled, showing seats used / enabled', () => {
    const r = checkLicences([e5Security({ consumedUnits: 480, prepaidUnits: { enabled: 500 } })], { now: NOW });
    expect(r.status).toBe('OK');
    expect(ev(r, 'Defender for Endpoint Plan 2')).toBe('active via IDENTITY_THREAT_PROTECTION (480/500 seats used)');
    expect(r.checkedAt).toBe(NOW.toISOString());
    expect(r.docUrl).toMatch(/^https:\/\/learn\.microsoft\.com\//);
  });

  it('FAILs without any Defender for Endpoint plan; the doc sample tenant (ENTERPRISEPREMIUM + suspended CRM) has none', () => {
    const r = checkLicences(
      [
        sku('ENTERPRISEPREMIUM', ['ADALLOM_S_O365']),
        sku('CRMSTANDARD', ['CRMSTANDARD'], { capabilityStatus: 'Suspended', planStatus: 'Disabled' }),
      ],
      { now: NOW },
    );
    expect(r.status).toBe('FAIL');
    expect(r.finding).toMatch(/^No Defender for Endpoint plan is licensed/);
    // Office 365 Cloud App Security must not be mistaken for Defender for Cloud Apps.
    expect(r.evidence.some((e) => e.value.includes('Office 365 Cloud App Security is not Defender for Cloud Apps'))).toBe(true);
  });

  it('does not count a plan on a suspended SKU or with a provisioning status other than Success', () => {
    const suspended = checkLicences([e5Security({ capabilityStatus: 'Suspended' })], { now: NOW });
    expect(suspended.status).toBe('FAIL');
    expect(suspended.finding).toContain('Plan 2 is present but not in force');
    expect(ev(suspended, 'Defender for Endpoint Plan 2')).toContain('SKU Suspended');

    const pending = checkLicences([e5Security({ planStatus: 'PendingActivation' })], { now: NOW });
    expect(pending.status).toBe('FAIL');
    expect(ev(pending, 'Defender for Endpoint Plan 2')).toContain('plan PendingActivation');
  });

  it('WARNs on Plan 1 only and says what Plan 1 lacks', () => {
    const r = checkLicences([sku('DEFENDER_ENDPOINT_P1', ['MDE_LITE']), sku('EMSPREMIUM', ['ATA', 'ADALLOM_S_STANDALONE']), sku('ATP_P2', ['THREAT_INTELLIGENCE'])], {
      now: NOW,
    });
    expect(r.status).toBe('WARN');
    expect(r.finding).toBe('Defender for Endpoint Plan 1 only: no advanced hunting, no EDR, no automated investigation');
  });

  it('WARNs on Defender for Business and on more seats consumed than enabled', () => {
    const mdb = checkLicences([sku('SPB', ['MDE_SMB']), sku('EMSPREMIUM', ['ATA', 'ADALLOM_S_STANDALONE']), sku('ATP_P2', ['THREAT_INTELLIGENCE'])], { now: NOW });
    expect(mdb.status).toBe('WARN');
    expect(mdb.finding).toContain('Defender for Business');

    const over = checkLicences([e5Security({ consumedUnits: 530, prepaidUnits: { enabled: 500 } })], { now: NOW });
    expect(over.status).toBe('WARN');
    expect(over.finding).toBe('More seats consumed than enabled on IDENTITY_THREAT_PROTECTION');
  });

  it('adds seats across SKUs that carry the same plan', () => {
    const r = checkLicences(
      [e5Security({ consumedUnits: 10, prepaidUnits: { enabled: 20 } }), sku('WIN_DEF_ATP', ['WINDEFATP'], { consumedUnits: 5, prepaidUnits: { enabled: 5 } })],
      { now: NOW },
    );
    expect(ev(r, 'Defender for Endpoint Plan 2')).toBe('active via IDENTITY_THREAT_PROTECTION (10/20 seats used); WIN_DEF_ATP (5/5 seats used)');
  });

  it('is UNKNOWN with the reason when subscribedSkus could not be read', () => {
    const r = checkLicences(unavailable('Graph 403: LicenseAssignment.Read.All not granted'), { now: NOW });
    expect(r.status).toBe('UNKNOWN');
    expect(r.status === 'UNKNOWN' && r.unknownReason).toBe('Graph 403: LicenseAssignment.Read.All not granted');
    expect(r.finding).toContain('LicenseAssignment.Read.All not granted');
    expect(r.remediation).toMatch(/^Let the check run: Graph GET \/v1\.0\/subscribedSkus needs LicenseAssignment\.Read\.All/);
  });
});

describe('checkOfficeIdentity', () => {
  it('is OK when both are licensed: native, nothing to configure', () => {
    const r = checkOfficeIdentity([e5Security()], { now: NOW });
    expect(r.status).toBe('OK');
    expect(r.finding).toContain('nothing to configure');
  });

  it('WARNs on Office 365 Plan 1 only or a missing Defender for Identity', () => {
    const r = checkOfficeIdentity([sku('O365_E3_ATP', ['ATP_ENTERPRISE'])], { now: NOW });
    expect(r.status).toBe('WARN');
    expect(r.finding).toContain('Defender for Office 365 Plan 1 only');
    expect(r.finding).toContain('no Defender for Identity');
  });

  it('FAILs when Defender for Identity is bought but its SKU is suspended', () => {
    const r = checkOfficeIdentity([sku('ATP_P2', ['THREAT_INTELLIGENCE']), sku('ATA_SKU', ['ATA'], { capabilityStatus: 'Suspended' })], { now: NOW });
    expect(r.status).toBe('FAIL');
    expect(r.finding).toBe('Defender for Identity licensed but not in force (suspended SKU or plan not provisioned)');
  });

  it('is UNKNOWN when licences are unavailable', () => {
    expect(checkOfficeIdentity(unavailable('Graph timed out'), { now: NOW }).status).toBe('UNKNOWN');
  });
});
