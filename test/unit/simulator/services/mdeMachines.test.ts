import { describe, expect, it } from 'vitest';
import { makeSim, makeTenant } from './simFixtures.js';

describe('MDE machines', () => {
  it('pages to the exact device count with $top/$skip', async () => {
    const sim = makeSim(makeTenant());
    const ids = new Set<string>();
    for (let skip = 0; ; skip += 70) {
      const r = await sim.call('mde', 'GET', `/api/machines?$top=70&$skip=${skip}`);
      r.json.value.forEach((m: any) => ids.add(m.id));
      if (r.json.value.length < 70) break;
    }
    expect(ids.size).toBe(300);
  });

  it('filters by group, platform, health, startswith and tags', async () => {
    const sim = makeSim(makeTenant());
    const all = (await sim.call('mde', 'GET', '/api/machines')).json.value as any[];
    const ungrouped = (await sim.call('mde', 'GET', '/api/machines?$filter=rbacGroupId eq 0')).json.value as any[];
    expect(ungrouped.length).toBe(all.filter((m) => m.rbacGroupId === 0).length);
    expect(ungrouped.length).toBeGreaterThan(0);
    expect(ungrouped.every((m) => m.rbacGroupName === null)).toBe(true);
    const kiosk = (await sim.call('mde', 'GET', "/api/machines?$filter=startswith(computerDnsName,'kiosk')")).json.value as any[];
    expect(kiosk.length).toBeGreaterThan(0);
    expect(kiosk.every((m) => m.rbacGroupName === 'Kiosk')).toBe(true);
    const unhealthyWin10 = (await sim.call('mde', 'GET', "/api/machines?$filter=osPlatform eq 'Windows10' and healthStatus ne 'Active'")).json.value as any[];
    expect(unhealthyWin10.length).toBe(all.filter((m) => m.osPlatform === 'Windows10' && m.healthStatus !== 'Active').length);
    const tier0 = (await sim.call('mde', 'GET', "/api/machines?$filter=machineTags/any(tag: tag eq 'Tier0')")).json.value as any[];
    expect(tier0.length).toBe(all.filter((m) => m.machineTags.includes('Tier0')).length);
    expect(tier0.length).toBeGreaterThan(0);
    const recent = (await sim.call('mde', 'GET', '/api/machines?$filter=lastSeen gt 2026-02-20Z')).json.value as any[];
    expect(recent.length).toBe(all.filter((m) => Date.parse(m.lastSeen) > Date.parse('2026-02-20T00:00:00Z')).length);
  });

  it('models OS builds below the MDCA blocking minimum and every platform', async () => {
    const sim = makeSim(makeTenant());
    const all = (await sim.call('mde', 'GET', '/api/machines')).json.value as any[];
    expect(new Set(all.map((m) => m.osPlatform))).toEqual(new Set(['Windows10', 'Windows11', 'WindowsServer2019', 'WindowsServer2022', 'macOS', 'Linux']));
    const minimum: Record<number, number> = { 16299: 1085, 17134: 704, 17763: 379 };
    const below = all.filter((m) => m.osPlatform === 'Windows10' && minimum[m.osBuild] !== undefined && Number(m.osVersion.split('.')[3]) < minimum[m.osBuild]!);
    expect(below.length).toBeGreaterThan(0);
    expect(below[0].osVersion).toMatch(new RegExp(`^10\\.0\\.${below[0].osBuild}\\.\\d+$`));
  });

  it('needs Machine.Read.All', async () => {
    const sim = makeSim(makeTenant());
    const r = await sim.call('mde', 'GET', '/api/machines', undefined, { roles: ['Ti.ReadWrite.All'] });
    expect(r.status).toBe(403);
    expect(r.json.error.message).toContain('Machine.Read.All');
  });

  it('exports device AV health with passive devices and old platforms', async () => {
    const sim = makeSim(makeTenant());
    const r = await sim.call('mde', 'GET', '/api/deviceavinfo');
    expect(r.status).toBe(200);
    const rows = r.json.value as any[];
    expect(rows.length).toBe(300);
    expect(rows.some((x) => x.avMode === '1')).toBe(true);
    const older = (v: string) => {
      const [a, b, c, d] = v.split('.').map(Number) as [number, number, number, number];
      return a === 4 && b === 18 && (c < 1906 || (c === 1906 && d < 3));
    };
    expect(rows.some((x) => x.osKind === 'windows' && older(x.avPlatformVersion))).toBe(true);
    const passive = await sim.call('mde', 'GET', "/api/deviceavinfo?$filter=avMode eq '1'");
    expect(passive.json.value.length).toBe(rows.filter((x) => x.avMode === '1').length);
    const paged = await sim.call('mde', 'GET', '/api/deviceavinfo?$top=200');
    expect(paged.json.value.length).toBe(200);
    const rest = await sim.follow('mde', paged.json['@odata.nextLink']);
    expect(rest.json.value.length).toBe(100);
  });
});
