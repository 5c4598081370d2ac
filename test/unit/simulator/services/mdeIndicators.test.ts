import { describe, expect, it } from 'vitest';
import { MDCA_CREATOR } from '../../../../src/simulator/tenant/index.js';
import { makeSim, makeTenant } from './simFixtures.js';

const sha256 = (c: string) => c.repeat(64);
const valid = (over: Record<string, unknown> = {}) => ({ indicatorValue: sha256('a'), indicatorType: 'FileSha256', action: 'Block', title: 't', description: 'd', ...over });

describe('MDE indicators list', () => {
  it('pages the demo tenant to the exact count with $top/$skip and sends no nextLink when $top is given', async () => {
    const sim = makeSim(makeTenant());
    const total = sim.tenant.indicators.size;
    const ids = new Set<string>();
    for (let skip = 0; ; skip += 100) {
      const r = await sim.call('mde', 'GET', `/api/indicators?$top=100&$skip=${skip}`);
      expect(r.status).toBe(200);
      expect(r.json['@odata.nextLink']).toBeUndefined();
      for (const i of r.json.value) ids.add(i.id);
      if (r.json.value.length < 100) break;
    }
    expect(ids.size).toBe(total);
    expect(total).toBeGreaterThanOrEqual(550);
  });

  it('answers the real wire shape and OData headers', async () => {
    const sim = makeSim(makeTenant());
    const r = await sim.call('mde', 'GET', '/api/v1.0/indicators?$top=1');
    expect(r.headers?.['content-type']).toBe('application/json; odata.metadata=minimal; odata.streaming=true; charset=utf-8');
    expect(r.headers?.['odata-version']).toBe('4.0');
    expect(r.json['@odata.context']).toBe('https://127.0.0.1:8443/mde/api/$metadata#Indicators');
    const i = r.json.value[0];
    expect(i.category).toBe(1);
    expect(i.mitreTechniques).toEqual([]);
    expect(i.creationTimeDateTimeUtc).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/);
    expect(i).toHaveProperty('certificateInfo', null);
  });

  it('rejects $top above 10,000', async () => {
    const sim = makeSim(makeTenant());
    const r = await sim.call('mde', 'GET', '/api/indicators?$top=10001');
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('ODataError');
    expect(r.json.error.target).toMatch(/^req-/);
  });

  it('filters with eq/ne/and/or/parentheses and dates', async () => {
    const sim = makeSim(makeTenant());
    const all = (await sim.call('mde', 'GET', '/api/indicators')).json.value as any[];
    const mdca = await sim.call('mde', 'GET', `/api/indicators?$filter=createdByDisplayName eq '${MDCA_CREATOR.createdByDisplayName}'`);
    expect(mdca.json.value.length).toBe(all.filter((i) => i.createdBySource === MDCA_CREATOR.createdBySource).length);
    expect(mdca.json.value.length).toBeGreaterThan(20);
    const net = await sim.call('mde', 'GET', "/api/indicators?$filter=(indicatorType eq 'Url' or indicatorType eq 'DomainName') and action ne 'Allowed'");
    expect(net.json.value.length).toBe(all.filter((i) => (i.indicatorType === 'Url' || i.indicatorType === 'DomainName') && i.action !== 'Allowed').length);
    const expired = await sim.call('mde', 'GET', '/api/indicators?$filter=expirationTime lt 2026-03-02T12:00:00Z');
    const expectExpired = all.filter((i) => i.expirationTime !== null && Date.parse(i.expirationTime) < Date.parse('2026-03-02T12:00:00Z'));
    expect(expired.json.value.length).toBe(expectExpired.length);
    expect(expectExpired.length).toBeGreaterThan(0);
    const bad = await sim.call('mde', 'GET', "/api/indicators?$filter=createdBySource eq 'Portal'");
    expect(bad.status).toBe(400);
  });

  it('seeds duplicates and conflicts and all indicator types', async () => {
    const sim = makeSim(makeTenant());
    const all = (await sim.call('mde', 'GET', '/api/indicators')).json.value as any[];
    const byKey = new Map<string, any[]>();
    for (const i of all) byKey.set(`${i.indicatorType}|${i.indicatorValue}`, [...(byKey.get(`${i.indicatorType}|${i.indicatorValue}`) ?? []), i]);
    const groups = [...byKey.values()].filter((g) => g.length > 1);
    expect(groups.some((g) => new Set(g.map((i) => i.action)).size > 1)).toBe(true);
    expect(groups.some((g) => new Set(g.map((i) => i.action)).size === 1)).toBe(true);
    expect(new Set(all.map((i) => i.indicatorType))).toEqual(new Set(['FileSha1', 'FileSha256', 'FileMd5', 'CertificateThumbprint', 'IpAddress', 'DomainName', 'Url']));
    expect(all.some((i) => i.expirationTime === null)).toBe(true);
    expect(all.some((i) => i.createdBySource === 'Portal' && i.createdBy.includes('@'))).toBe(true);
    expect(all.some((i) => i.createdBySource === 'PublicApi' && /^[0-9a-f-]{36}$/.test(i.createdBy))).toBe(true);
    expect(all.some((i) => i.createdBy === MDCA_CREATOR.createdBy && i.rbacGroupNames.length > 0 && i.rbacGroupIds.length === i.rbacGroupNames.length)).toBe(true);
  });
});

describe('MDE indicator writes', () => {
  it('validates bodies with the real error shape', async () => {
    const sim = makeSim(makeTenant());
    const cases: [Record<string, unknown>, string][] = [
      [{ ...valid(), description: undefined }, 'MissingRequiredParameter'],
      [{ IndicatorValue: sha256('b'), indicatorType: 'FileSha256', action: 'Block', title: 't', description: 'd' }, 'InvalidRequestBody'],
      [valid({ indicatorType: 'IpAddress', indicatorValue: '45.1.2.0/24' }), 'InvalidIpAddress'],
      [valid({ indicatorType: 'IpAddress', indicatorValue: '10.1.2.3' }), 'InvalidIpAddress'],
      [valid({ indicatorValue: 'xyz' }), 'InvalidHashValue'],
      [valid({ indicatorType: 'Url', indicatorValue: 'https://evil.example.com/x', action: 'BlockAndRemediate' }), 'InvalidRequestBody'],
      [valid({ action: 'Audit', generateAlert: false }), 'InvalidRequestBody'],
      [valid({ action: 'AlertAndBlock' }), 'InvalidRequestBody'],
      [valid({ indicatorType: 'DomainName', indicatorValue: 'not a domain' }), 'InvalidDomainName'],
    ];
    for (const [body, code] of cases) {
      const r = await sim.call('mde', 'POST', '/api/indicators', JSON.parse(JSON.stringify(body)));
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.json.error.code, JSON.stringify(body)).toBe(code);
      expect(typeof r.json.error.message).toBe('string');
      expect(r.json.error.target).toMatch(/^req-/);
    }
  });

  it('upserts by type and value and records the calling app as creator', async () => {
    const sim = makeSim(makeTenant());
    const before = sim.tenant.indicators.size;
    const a = await sim.call('mde', 'POST', '/api/indicators', valid({ title: 'first' }));
    expect(a.status).toBe(200);
    expect(a.json.createdBySource).toBe('PublicApi');
    const b = await sim.call('mde', 'POST', '/api/indicators', valid({ title: 'second', action: 'Warn' }));
    expect(b.json.id).toBe(a.json.id);
    expect(b.json.title).toBe('second');
    expect(b.json.lastUpdatedBy).toBe(a.json.createdBy);
    expect(sim.tenant.indicators.size).toBe(before + 1);
    const listed = await sim.call('mde', 'GET', `/api/indicators?$filter=indicatorValue eq '${sha256('a')}'`);
    expect(listed.json.value.map((i: any) => i.action)).toEqual(['Warn']);
  });

  it('imports at most 500 per call with per-item failures', async () => {
    const sim = makeSim(makeTenant());
    const tooMany = Array.from({ length: 501 }, (_, i) => valid({ indicatorValue: i.toString(16).padStart(64, '0') }));
    const r = await sim.call('mde', 'POST', '/api/indicators/import', { Indicators: tooMany });
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({ code: 'MaximumBatchSizeExceeded', message: 'Maximum batch size exceeded. Received: 501, allowed: 500.' });
    const mixed = await sim.call('mde', 'POST', '/api/indicators/import', { Indicators: [valid({ indicatorValue: sha256('c') }), valid({ indicatorType: 'IpAddress', indicatorValue: '192.168.1.1' })] });
    expect(mixed.status).toBe(200);
    expect(mixed.json.value[0]).toMatchObject({ indicator: sha256('c'), isFailed: false, failureReason: null });
    expect(mixed.json.value[1]).toMatchObject({ indicator: '192.168.1.1', isFailed: true, id: null });
  });

  it('BatchDelete: 204 on success, 404 all-or-nothing, 400 above 500 ids; DELETE 204 then 404', async () => {
    const sim = makeSim(makeTenant());
    const ids = sim.tenant.indicators.list().slice(0, 3).map((e) => e.wire.id);
    const missing = await sim.call('mde', 'POST', '/api/indicators/BatchDelete', { IndicatorIds: [...ids, '99999999'] });
    expect(missing.status).toBe(404);
    expect(ids.every((id) => sim.tenant.indicators.get(id))).toBe(true);
    const over = await sim.call('mde', 'POST', '/api/indicators/BatchDelete', { IndicatorIds: Array.from({ length: 501 }, (_, i) => String(i + 1)) });
    expect(over.status).toBe(400);
    expect(over.json.error.code).toBe('MaximumBatchSizeExceeded');
    const okDel = await sim.call('mde', 'POST', '/api/indicators/BatchDelete', { IndicatorIds: ids.slice(0, 2) });
    expect(okDel.status).toBe(204);
    expect(okDel.body).toBeUndefined();
    expect(sim.tenant.indicators.get(ids[0]!)).toBeUndefined();
    expect((await sim.call('mde', 'DELETE', `/api/indicators/${ids[2]}`)).status).toBe(204);
    expect((await sim.call('mde', 'DELETE', `/api/indicators/${ids[2]}`)).status).toBe(404);
  });

  it('checks permissions: no Ti role → 403; Ti.ReadWrite sees and deletes only its own', async () => {
    const sim = makeSim(makeTenant());
    const none = await sim.call('mde', 'GET', '/api/indicators', undefined, { roles: ['Machine.Read.All'] });
    expect(none.status).toBe(403);
    expect(none.json.error.message).toContain('Ti.ReadWrite.All');
    const appid = '0d9c8b7a-6f5e-4d3c-2b1a-0f9e8d7c6b5a';
    await sim.call('mde', 'POST', '/api/indicators', valid({ indicatorValue: sha256('e') }), { roles: ['Ti.ReadWrite'], appid });
    const own = await sim.call('mde', 'GET', '/api/indicators', undefined, { roles: ['Ti.ReadWrite'], appid });
    expect(own.json.value.map((i: any) => i.indicatorValue)).toEqual([sha256('e')]);
    const foreign = sim.tenant.indicators.list()[0]!.wire.id;
    expect((await sim.call('mde', 'DELETE', `/api/indicators/${foreign}`, undefined, { roles: ['Ti.ReadWrite'], appid })).status).toBe(403);
  });
});

describe('MDE indicators at large scale', () => {
  it('holds exactly 15,000, pages with $top=10000 and via the $skip nextLink, and enforces the cap', async () => {
    const sim = makeSim(makeTenant({ scale: 'large' }));
    expect(sim.tenant.indicators.size).toBe(15_000);
    const p1 = await sim.call('mde', 'GET', '/api/indicators?$top=10000');
    const p2 = await sim.call('mde', 'GET', '/api/indicators?$top=10000&$skip=10000');
    expect(p1.json.value.length + p2.json.value.length).toBe(15_000);
    expect(p1.json['@odata.nextLink']).toBeUndefined();
    const n1 = await sim.call('mde', 'GET', '/api/indicators');
    expect(n1.json.value.length).toBe(10_000);
    expect(n1.json['@odata.nextLink']).toBe('https://127.0.0.1:8443/mde/api/indicators?$skip=10000');
    const n2 = await sim.follow('mde', n1.json['@odata.nextLink']);
    expect(n2.json.value.length).toBe(5_000);
    expect(n2.json['@odata.nextLink']).toBeUndefined();
    expect(new Set([...n1.json.value, ...n2.json.value].map((i: any) => i.id)).size).toBe(15_000);

    const capped = await sim.call('mde', 'POST', '/api/indicators', valid({ indicatorValue: sha256('f') }));
    expect(capped.status).toBe(400);
    expect(capped.json.error.message).toContain('15000');
    const existing = sim.tenant.indicators.list().find((e) => e.wire.indicatorType === 'FileSha256')!.wire;
    const update = await sim.call('mde', 'POST', '/api/indicators', valid({ indicatorValue: existing.indicatorValue, title: 'updated at the cap' }));
    expect(update.status).toBe(200);
    expect(update.json.id).toBe(existing.id);

    const machines: any[] = [];
    let r = await sim.call('mde', 'GET', '/api/machines');
    for (;;) {
      machines.push(...r.json.value);
      if (!r.json['@odata.nextLink']) break;
      r = await sim.follow('mde', r.json['@odata.nextLink']);
    }
    expect(machines.length).toBe(20_000);
  });
});
