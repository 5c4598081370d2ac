/**
 * The screen's data against the simulator: a full paged load first, then polls that ask only for
 * indicators created since the last poll (merged into the list), and a full reload after writes
 * (the only way deletions show).
 */
import { describe, expect, it } from 'vitest';
import type { ListOptions } from '../../../src/api/clients/mde.js';
import { createIndicatorsData } from '../../../src/stores/indicators/index.js';
import { useSimSession } from './simSession.js';

const ctx = useSimSession({ write: true });

describe('indicators data', () => {
  it('loads fully, then merges only newly created indicators, and reloads fully after a write', async () => {
    const calls: (string | undefined)[] = [];
    const mde = ctx.session.api.mde;
    const list = mde.listIndicators.bind(mde);
    mde.listIndicators = (opts?: ListOptions) => {
      calls.push(opts?.filter);
      return list(opts);
    };
    const data = createIndicatorsData(ctx.session);
    const release = ctx.session.poller.showScreen('indicators');
    await ctx.session.poller.refresh('indicators.list');
    const first = data.indicators.getState().data!;
    expect(first.complete).toBe(true);
    expect(data.indexStore.getState().index?.size).toBe(first.indicators.length);
    expect(calls).toEqual([undefined]);

    const created = await mde.submitIndicator({ indicatorValue: 'newly-created.example.org', indicatorType: 'DomainName', action: 'Warn', title: 't', description: 'd' });
    await ctx.session.poller.refresh('indicators.list');
    const second = data.indicators.getState().data!;
    expect(calls[1]).toMatch(/^creationTimeDateTimeUtc ge \d{4}-\d{2}-\d{2}T/);
    expect(second.indicators.length).toBe(first.indicators.length + 1);
    expect(second.indicators.some((i) => i.id === created.id)).toBe(true);
    expect(data.indexStore.getState().index?.rowOfId.has(created.id)).toBe(true);

    // A deletion is invisible to the creation-time filter; afterWrite removes it at once and forces a full reload.
    const victim = first.indicators[0]!.id;
    await mde.deleteIndicator(victim);
    data.afterWrite([], [victim]);
    expect(data.indicators.getState().data!.indicators.some((i) => i.id === victim)).toBe(false);
    await ctx.session.poller.refresh('indicators.list');
    expect(calls.at(-1)).toBeUndefined();
    expect(data.indicators.getState().data!.indicators.some((i) => i.id === victim)).toBe(false);
    expect(data.indicators.getState().data!.indicators.length).toBe(first.indicators.length);
    release();
  });
});
