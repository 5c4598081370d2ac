/**
 * A bulk delete that meets 429s and a 5xx, and a batch whose ids are partly gone already (404 on
 * the all-or-nothing BatchDelete): every item is accounted for, no id is sent in two successful
 * deletes, and the backup file restores the exact set through `indicators import BACKUP --write`.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAuditLog, writeDeleteBackup } from '../../../src/audit/index.js';
import { run } from '../../../src/cli/commands/indicators.js';
import { applyOutcomes, duplicateKey, isMdcaIndicator, planBulkAction } from '../../../src/domain/indicators/index.js';
import type { Indicator } from '../../../src/domain/types.js';
import { executePlan } from '../../../src/stores/indicators/index.js';
import { bufferIO, useSimSession } from './simSession.js';

const ctx = useSimSession({ write: true });

const fingerprint = (i: Indicator) =>
  [i.indicatorType, i.indicatorValue.toLowerCase(), i.action, [...i.rbacGroupNames].sort().join(','), i.title, i.description ?? '', i.severity ?? '', i.expirationTime ? new Date(Date.parse(i.expirationTime)).toISOString().slice(0, 19) : 'never'].join('|');

async function all(): Promise<Indicator[]> {
  const r = await ctx.session.api.mde.listIndicators();
  expect(r.complete).toBe(true);
  return r.items;
}

describe('bulk delete under faults, then restore from the backup', () => {
  it('accounts for every item, deletes nothing twice, and restores the same set', async () => {
    // Enough indicators for two BatchDelete calls (≤ 500 ids each).
    const future = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const extra = Array.from({ length: 200 }, (_, k) => ({
      indicatorValue: randomBytes(32).toString('hex'),
      indicatorType: 'FileSha256',
      action: 'Block',
      title: `seeded ${k}`,
      description: 'seeded for the bulk delete test',
      expirationTime: future,
      severity: 'Medium',
    }));
    await ctx.session.api.mde.importIndicators(extra.slice(0, 100));
    await ctx.session.api.mde.importIndicators(extra.slice(100));

    const before = await all();
    const counts = new Map<string, number>();
    for (const i of before) counts.set(duplicateKey(i), (counts.get(duplicateKey(i)) ?? 0) + 1);
    // Restorable: not owned by Defender for Cloud Apps, not expired, not a duplicate value (the API keeps one per type + value).
    const chosen = before.filter((i) => !isMdcaIndicator(i) && (i.expirationTime === null || Date.parse(i.expirationTime) > Date.now() + 3_600_000) && counts.get(duplicateKey(i)) === 1);
    const plan = planBulkAction(chosen, { kind: 'delete' }, { now: new Date() });
    expect(plan.calls.length).toBe(2);
    expect(plan.counts.delete).toBe(chosen.length);

    const dir = mkdtempSync(join(tmpdir(), 'ind-backup-'));
    const backup = writeDeleteBackup(chosen, { now: new Date(), dir });
    expect(statSync(backup).mode & 0o777).toBe(0o600);

    // Record every BatchDelete and whether it succeeded.
    const sent: { ids: string[]; ok: boolean }[] = [];
    const mde = ctx.session.api.mde;
    const original = mde.batchDeleteIndicators.bind(mde);
    mde.batchDeleteIndicators = async (ids, o) => {
      try {
        await original(ids, o);
        sent.push({ ids: [...ids], ok: true });
      } catch (e) {
        sent.push({ ids: [...ids], ok: false });
        throw e;
      }
    };

    // First call: two 429s (the pipeline waits Retry-After and resends), then a 500 (POST is not resent by the pipeline).
    await ctx.sp.faults('mde:429:2,mde:500:1');
    const goneEarly = plan.calls[1]!.itemIds[7]!;
    const auditPath = join(dir, 'audit.jsonl');
    const result = await executePlan(ctx.session.api, plan, {
      audit: { log: openAuditLog(auditPath), who: { profile: 'sim', method: 'client-secret', appId: null }, profile: 'sim', tenant: 't', action: 'indicators.delete', backup },
      // Someone else deletes one indicator of the second batch before we get to it: that batch then answers 404.
      onCallDone: async (call) => {
        if (call === plan.calls[0]) await ctx.session.api.mde.deleteIndicator(goneEarly);
      },
    });
    expect(result.status).toBe('finished');
    const outcomes = applyOutcomes(plan, result.outcomes);
    expect(outcomes).toHaveLength(chosen.length);
    expect(outcomes.filter((o) => o.outcome !== 'done')).toEqual([]);

    const okIds = sent.filter((s) => s.ok).flatMap((s) => s.ids);
    expect(new Set(okIds).size).toBe(okIds.length);
    // The 500 and the 404 each failed one BatchDelete; the resends left out what was already gone.
    expect(sent.filter((s) => !s.ok)).toHaveLength(2);
    expect(okIds).not.toContain(goneEarly);

    const after = await all();
    const left = new Set(after.map((i) => i.id));
    expect(chosen.filter((i) => left.has(i.id))).toEqual([]);
    const audit = readFileSync(auditPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(audit.flatMap((a) => a.ids).sort()).toEqual(chosen.map((i) => i.id).sort());
    expect(audit.every((a) => a.backup === backup && a.outcome === 'done')).toBe(true);

    // Restore through the command, then compare the sets.
    const buf = bufferIO();
    const code = await run({ kind: 'command', name: 'indicators', global: { demo: false, profile: 'sim', write: true, color: false, debug: false }, values: {}, positionals: ['import', backup] }, buf.io);
    expect(buf.err()).toBe('');
    expect(code).toBe(0);
    const restored = await all();
    expect(restored.map(fingerprint).sort()).toEqual(before.map(fingerprint).sort());
  }, 30_000);
});
