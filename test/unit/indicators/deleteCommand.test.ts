/**
 * `indicators delete`: the filter's server-side part ($filter on type and action) narrows what is
 * read, the local filter makes it exact, and exactly the matching indicators are deleted — with a
 * backup and no Defender for Cloud Apps indicator touched.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { run } from '../../../src/cli/commands/indicators.js';
import { isMdcaIndicator } from '../../../src/domain/indicators/index.js';
import { bufferIO, useSimSession } from './simSession.js';


const ctx = useSimSession({ write: true });

const invocation = (values: Record<string, string | boolean>, write: boolean) => ({
  kind: 'command' as const,
  name: 'indicators' as const,
  global: { demo: false, profile: 'sim', write, color: false, debug: false },
  values,
  positionals: ['delete'],
});

describe('indicators delete', () => {
  it('is refused without --write and deletes nothing', async () => {
    const before = (await ctx.session.api.mde.listIndicators()).items.length;
    const b = bufferIO();
    expect(await run(invocation({ type: 'Url', action: 'Block', yes: true }, false), b.io)).toBe(2);
    expect(b.err()).toContain('read-only');
    expect((await ctx.session.api.mde.listIndicators()).items.length).toBe(before);
  });

  it('deletes exactly the Url/Block indicators that are not owned by Defender for Cloud Apps', async () => {
    const all = (await ctx.session.api.mde.listIndicators()).items;
    const target = all.filter((i) => i.indicatorType === 'Url' && i.action === 'Block' && !isMdcaIndicator(i));
    const mdca = all.filter((i) => i.indicatorType === 'Url' && i.action === 'Block' && isMdcaIndicator(i));
    expect(target.length).toBeGreaterThan(0);
    const b = bufferIO();
    const code = await run(invocation({ type: 'Url', action: 'Block', yes: true }, true), b.io);
    expect(code, b.err()).toBe(0);
    // The plan mentions the backup first; the file's path is printed once it is written.
    const backup = /^backup: (\/\S+)$/m.exec(b.out())?.[1];
    expect(backup && existsSync(backup)).toBe(true);
    expect(readFileSync(backup!, 'utf8').trim().split('\n').length).toBe(target.length + 1);
    const after = new Set((await ctx.session.api.mde.listIndicators()).items.map((i) => i.id));
    for (const i of target) expect(after.has(i.id)).toBe(false);
    for (const i of mdca) expect(after.has(i.id)).toBe(true);
    expect(after.size).toBe(all.length - target.length);
  });
});
