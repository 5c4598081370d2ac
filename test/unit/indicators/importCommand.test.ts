/** `indicators import`: every kind of bad row is reported with its line number, and nothing is written while any row is bad. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../../src/cli/commands/indicators.js';
import { bufferIO, useSimSession } from './simSession.js';

const dir = mkdtempSync(join(tmpdir(), 'ind-import-'));

const ctx = useSimSession({ write: true });

const HEADER = 'IndicatorType,IndicatorValue,ExpirationTime,Action,Severity,Title,Description,RecommendedActions,RbacGroups,Category,MitreTechniques,GenerateAlert';
const future = new Date(Date.now() + 10 * 86_400_000).toISOString();
const past = new Date(Date.now() - 86_400_000).toISOString();
const row = (type: string, value: string, opts: { expiry?: string; action?: string; groups?: string } = {}) =>
  `${type},${value},${opts.expiry ?? future},${opts.action ?? 'Block'},High,t,d,,${opts.groups ? `"${opts.groups}"` : ''},,,`;

const invocation = (file: string, values: Record<string, boolean> = {}, write = true) => ({
  kind: 'command' as const,
  name: 'indicators' as const,
  global: { demo: false, profile: 'sim', write, color: false, debug: false },
  values,
  positionals: ['import', file],
});

async function count(): Promise<number> {
  return (await ctx.session.api.mde.listIndicators()).items.length;
}

describe('indicators import', () => {
  it('rejects each kind of bad row with its line number and writes nothing', async () => {
    const lines = [
      HEADER,
      row('IpAddress', '203.0.113.9'), // 2: valid
      row('IpAddress', '203.0.113.0/24'), // 3: CIDR
      row('IpAddress', '10.1.2.3'), // 4: internal address
      row('IpAddress', '300.1.1.1'), // 5: not IPv4
      row('IpAddress', '2001:db8::zz'), // 6: bad IPv6
      row('Url', 'ht!tp://exa mple'), // 7: URL syntax
      row('DomainName', 'bad_domain..com'), // 8: domain syntax
      row('FileSha256', 'abc123'), // 9: hash length
      row('Url', 'https://example.org/x', { action: 'BlockAndRemediate' }), // 10: action not allowed for type
      row('DomainName', 'example.net', { expiry: past }), // 11: expiry in the past
      row('DomainName', 'example.com', { groups: 'No-Such-Group' }), // 12: unknown device group
    ];
    const file = join(dir, 'bad.csv');
    writeFileSync(file, lines.join('\r\n') + '\r\n');
    const before = await count();
    const buf = bufferIO();
    const code = await run(invocation(file), buf.io);
    expect(code).toBe(2);
    const err = buf.err();
    const expectations: [number, RegExp][] = [
      [3, /CIDR/],
      [4, /private address/],
      [5, /IPv4/],
      [6, /IPv6|not an IP/i],
      [7, /URL|url/],
      [8, /domain/i],
      [9, /64 hex characters/],
      [10, /not allowed for Url/],
      [11, /not in the future/],
      [12, /unknown device group "No-Such-Group"/],
    ];
    for (const [line, re] of expectations) {
      const hit = err.split('\n').find((l) => l.startsWith(`${file}:${line}:`));
      expect(hit, `line ${line} reported`).toBeDefined();
      expect(hit).toMatch(re);
    }
    expect(err).not.toContain(`${file}:2:`);
    expect(err).toContain('nothing imported');
    expect(await count()).toBe(before);
  });

  it('writes nothing with --dry-run or without --write, then imports with --write and reports each row', async () => {
    const file = join(dir, 'good.csv');
    writeFileSync(file, [HEADER, row('IpAddress', '198.51.100.7'), row('DomainName', 'good.example.org')].join('\r\n'));
    const before = await count();
    const dry = bufferIO();
    expect(await run(invocation(file, { 'dry-run': true }), dry.io)).toBe(0);
    expect(dry.out()).toContain('dry run: nothing written');
    expect(dry.out()).toMatch(new RegExp(`quota after import ${(before + 2).toLocaleString('en-US')} / 15,000`));
    const ro = bufferIO();
    expect(await run(invocation(file, {}, false), ro.io)).toBe(2);
    expect(ro.err()).toContain('add --write');
    expect(await count()).toBe(before);
    const ok = bufferIO();
    expect(await run(invocation(file), ok.io)).toBe(0);
    expect(ok.out()).toMatch(/line 2: IpAddress 198\.51\.100\.7: done/);
    expect(ok.out()).toMatch(/line 3: DomainName good\.example\.org: done/);
    expect(await count()).toBe(before + 2);
  });
});
