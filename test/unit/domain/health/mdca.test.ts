import { describe, expect, it } from 'vitest';
import { checkMdcaIntegration, makeIsMdca, unavailable } from '../../../../src/domain/health/index.js';
import { daysAgo, indicator, mdcaIndicator, minutesAgo, NOW } from './fixtures.js';

const ev = (r: { evidence: { label: string; value: string }[] }, label: string) => r.evidence.find((e) => e.label === label)?.value;

describe('checkMdcaIntegration', () => {
  it('is OK with recent Block/Warn indicators from Defender for Cloud Apps, listing apps, scopes and the toggles judged', () => {
    const inds = [
      mdcaIndicator('Dropbox', 'Block', { creationTimeDateTimeUtc: minutesAgo(90) }),
      mdcaIndicator('WeTransfer', 'Block', { rbacGroupNames: ['Finance'] }),
      mdcaIndicator('Telegram', 'Warn'),
      indicator({ action: 'Block' }),
    ];
    const r = checkMdcaIntegration(inds, { now: NOW });
    expect(r.status).toBe('OK');
    expect(r.finding).toContain('3 indicators synced from Defender for Cloud Apps (2 block, 1 warn)');
    expect(r.finding).toContain('1 h 30 min ago');
    expect(ev(r, 'Block (unsanctioned apps)')).toBe('2: Dropbox, WeTransfer');
    expect(ev(r, 'Warn (monitored apps)')).toBe('1: Telegram');
    expect(ev(r, 'Scopes')).toBe('All devices: 2; Finance: 1');
    expect(ev(r, 'Defender for Cloud Apps toggle')).toMatch(/judged from synced indicators/);
    expect(ev(r, 'Custom network indicators toggle')).toMatch(/not readable via the public API/);
  });

  it('WARNs when no indicator comes from Defender for Cloud Apps and names the manual checks', () => {
    const r = checkMdcaIntegration([indicator(), indicator({ createdBySource: 'Portal', createdBy: 'ana@contoso.com' })], { now: NOW });
    expect(r.status).toBe('WARN');
    expect(r.finding).toMatch(/No indicators from Defender for Cloud Apps/);
    expect(ev(r, 'Manual check')).toContain('Settings → Endpoints → Advanced features');
    expect(ev(r, 'Manual check')).toContain('Settings → Cloud Apps → Microsoft Defender for Endpoint');
  });

  it('WARNs when the newest synced indicator is older than the staleness window', () => {
    const r = checkMdcaIntegration([mdcaIndicator('Dropbox', 'Block', { creationTimeDateTimeUtc: daysAgo(45) })], { now: NOW });
    expect(r.status).toBe('WARN');
    expect(r.finding).toMatch(/for 45 days/);
  });

  it('WARNs when every synced indicator has expired', () => {
    const r = checkMdcaIntegration([mdcaIndicator('Dropbox', 'Block', { expirationTime: minutesAgo(5) })], { now: NOW });
    expect(r.status).toBe('WARN');
    expect(r.finding).toMatch(/have expired/);
  });

  it('FAILs when a synced indicator was changed to a non-blocking action, naming the app', () => {
    const r = checkMdcaIntegration([mdcaIndicator('Dropbox', 'Block'), mdcaIndicator('Mega', 'Audit')], { now: NOW });
    expect(r.status).toBe('FAIL');
    expect(r.finding).toBe('1 indicator from Defender for Cloud Apps set to a non-enforcing action (Audit): Mega');
    expect(r.remediation).toMatch(/Cloud app catalog/);
  });

  it('accepts a caller-provided isMdca and profile creator rules', () => {
    const odd = indicator({ createdBySource: 'CasSync', createdBy: 'cas', createdByDisplayName: 'cas' });
    expect(checkMdcaIntegration([odd], { now: NOW }).status).toBe('WARN');
    expect(checkMdcaIntegration([odd], { now: NOW, isMdca: (i) => i.createdBySource === 'CasSync' }).status).toBe('OK');
    expect(checkMdcaIntegration([odd], { now: NOW, rules: [{ class: 'mdca', field: 'createdBySource', pattern: '^cassync$' }] }).status).toBe('OK');
    // A profile rule can also veto the default match.
    const veto = makeIsMdca([{ class: 'app', field: 'createdByDisplayName', pattern: 'cloud apps' }]);
    expect(veto(mdcaIndicator('Dropbox', 'Block'))).toBe(false);
  });

  it('is UNKNOWN with the reason when indicators cannot be read', () => {
    const r = checkMdcaIntegration(unavailable('MDE 403: Ti.ReadWrite.All not granted'), { now: NOW });
    expect(r.status).toBe('UNKNOWN');
    expect(r.finding).toBe('Could not check: MDE 403: Ti.ReadWrite.All not granted');
  });
});
