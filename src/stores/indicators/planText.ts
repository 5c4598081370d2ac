/**
 * The plan as lines of text — the same lines in the screen's confirmation dialog and in
 * `indicators delete` — and the word the operator types to confirm it.
 */
import { formatScope, type BulkAction, type ItemOutcome, type Plan } from '../../domain/indicators/index.js';

export function describeAction(a: BulkAction): string {
  switch (a.kind) {
    case 'setAction':
      return `change action to ${a.to}`;
    case 'setExpiry':
      return a.at === null ? 'set expiry to never' : `set expiry to ${a.at}`;
    case 'extendExpiry':
      return `extend expiry by ${a.days} days`;
    case 'setScope':
      return `change scope to ${formatScope(a.groups)}`;
    case 'setSeverity':
      return `change severity to ${a.to}`;
    case 'setTitle':
      return `change title to "${a.to}"`;
    case 'delete':
      return 'delete';
    case 'export':
      return 'export to CSV';
  }
}

/** What the operator types: "delete" for deletes, else the number of items that will change. */
export function confirmWordFor(plan: Plan): string {
  return plan.action.kind === 'delete' ? 'delete' : String(plan.counts.update);
}

function duration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const m = Math.floor(seconds / 60);
  return m < 60 ? `${m} min ${seconds % 60} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

export function planLines(plan: Plan, opts: { writeEnabled: boolean; backupDir?: string; readOnlyHint?: string }): string[] {
  const lines: string[] = [];
  const changing = plan.counts.update + plan.counts.delete;
  lines.push(`${describeAction(plan.action)}: ${changing} of ${plan.items.length} selected indicators will change, ${plan.counts.skip} skipped`);
  if (plan.calls.length > 0 && plan.rate) {
    const call = plan.calls[0]!;
    const perCall = call.kind === 'batchDelete' ? ' (≤ 500 ids each)' : '';
    lines.push(
      `calls: ${plan.calls.length} × ${call.method} ${call.path}${perCall}, documented limit ${plan.rate.perMinute}/min and ${plan.rate.perHour.toLocaleString('en-US')}/h → at least ${duration(plan.estimatedSeconds)} of rate-limit wait`,
    );
  }
  if (plan.counts.delete > 0) {
    lines.push(`backup: the ${plan.counts.delete} indicators are written as CSV to ${opts.backupDir ?? 'the backups folder'} before the first delete (restore: mde-console indicators import FILE --write)`);
    const expired = plan.items.filter((i) => i.kind === 'delete' && i.before.expirationTime !== null && Date.parse(i.before.expirationTime) <= Date.parse(plan.createdAt)).length;
    // Import refuses a past ExpirationTime (the service deletes expired indicators), so these cannot be restored as they were.
    if (expired > 0) lines.push(`note: ${expired} of them have already expired; a restore would need new expiry dates`);
  }
  if (plan.overrideMdcaOwnership) lines.push('override: indicators owned by Defender for Cloud Apps are INCLUDED; it re-creates or overrides them while their app stays tagged');
  if (!opts.writeEnabled) lines.push(`read-only: the API client will refuse these calls — ${opts.readOnlyHint ?? 'start with --write or use :write'}`);
  if (plan.sample.length > 0) {
    lines.push('', 'before → after (sample):');
    for (const s of plan.sample) lines.push(`  ${s.value}: ${s.before} → ${s.after}`);
  }
  const skipped = plan.items.filter((i): i is Extract<typeof i, { kind: 'skip' }> => i.kind === 'skip');
  if (skipped.length > 0) {
    const byReason = new Map<string, string[]>();
    for (const s of skipped) byReason.set(s.skipReason, [...(byReason.get(s.skipReason) ?? []), s.before.indicatorValue]);
    lines.push('', 'skipped:');
    for (const [reason, values] of byReason) lines.push(`  ${values.length} × ${reason} (${values.slice(0, 3).join(', ')}${values.length > 3 ? ', …' : ''})`);
  }
  return lines;
}

export function outcomeCounts(outcomes: readonly ItemOutcome[]): { done: number; failed: number; skipped: number } {
  const c = { done: 0, failed: 0, skipped: 0 };
  for (const o of outcomes) c[o.outcome]++;
  return c;
}
