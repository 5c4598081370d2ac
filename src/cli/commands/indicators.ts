/**
 * `mde-console indicators list | import | delete` — the Indicators screen's data, filters,
 * plans, backups and audit log, without the screen (src/stores/indicators is shared with it).
 * Exit codes: 0 success, 1 partial failure (some items failed, or the list is incomplete),
 * 2 bad input or refused.
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { auditWho, backupDir, openAuditLog, writeDeleteBackup } from '../../audit/index.js';
import {
  ALL_DEVICES,
  applyFilter,
  applyOutcomes,
  buildIndicatorIndex,
  chipsFromFilter,
  creatorOfRow,
  duplicateKey,
  duplicateStateOfRow,
  EXPIRY_BUCKETS,
  formatIndicatorCsv,
  formatRelativeExpiry,
  formatScope,
  IMPORT_MAX_ROWS_PER_FILE,
  indicatorsAt,
  parseIndicatorCsv,
  planBulkAction,
  quota,
  quotaAfterImport,
  sortRows,
  toSubmitBody,
  validateIndicatorRows,
  type IndicatorFilter,
  type IndicatorIndex,
  toODataFilter,
} from '../../domain/indicators/index.js';
import type { Session } from '../../session/session.js';
import { executePlan, fetchAllIndicators, fetchDeviceData, knownDeviceGroups, planLines } from '../../stores/indicators/index.js';
import { describeError, UserError } from '../errors.js';
import { openCommandSession } from './openCommandSession.js';
import type { CommandInvocation, CommandIO } from './types.js';

export interface IndicatorsIO extends CommandIO {
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
}

const list = (v: unknown): string[] | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined;

/** CLI flags → the screen's filter (same semantics as its chips). */
export function filterFromOptions(values: CommandInvocation['values']): IndicatorFilter {
  const f: IndicatorFilter = {};
  const creators = list(values.creator);
  if (creators) f.creators = creators;
  const scopes = list(values.scope);
  if (scopes) f.scopes = scopes.map((s) => (s.toLowerCase() === 'all' ? ALL_DEVICES : s));
  const types = list(values.type);
  if (types) f.types = types;
  const actions = list(values.action);
  if (actions) f.actions = actions;
  if (values.expired && values.expiring !== undefined) throw new UserError('use either --expired or --expiring DAYS, not both', 2);
  if (values.expired) f.expiry = { kind: 'expired' };
  if (values.expiring !== undefined) {
    const days = Number(values.expiring);
    if (!Number.isInteger(days) || days <= 0) throw new UserError(`--expiring needs a whole number of days, got "${String(values.expiring)}"`, 2);
    f.expiry = { kind: 'within', days };
  }
  if (typeof values.search === 'string') f.text = values.search;
  return f;
}

async function withSession<T>(inv: CommandInvocation, io: CommandIO, fn: (s: Session) => Promise<T>): Promise<T> {
  const session = await openCommandSession(inv, io);
  try {
    return await fn(session);
  } finally {
    await session.close();
  }
}

/**
 * Reads the tenant's indicators. With `serverFilter` (the part of the user's filter the API can
 * evaluate: type, action, named creators, expiry — see toODataFilter) only those rows travel; the
 * local filter then narrows them exactly. `list` reads everything, because its quota and
 * duplicate flags are about the whole tenant.
 */
async function loadIndex(session: Session, io: CommandIO, serverFilter?: string): Promise<{ index: IndicatorIndex; complete: boolean }> {
  const snap = serverFilter === undefined ? await fetchAllIndicators(session.api) : await fetchFiltered(session, serverFilter);
  if (!snap.complete) {
    if (snap.indicators.length === 0) throw new UserError(snap.error ?? 'could not read the indicators', 1);
    io.stderr.write(`warning: read ${snap.indicators.length} indicators, then stopped: ${snap.error ?? 'unknown error'}\n`);
  }
  const index = buildIndicatorIndex(snap.indicators, { rules: session.profile.creatorRules, now: new Date(), expiringSoonDays: session.profile.thresholds.expiringSoonDays });
  return { index, complete: snap.complete };
}

async function fetchFiltered(session: Session, filter: string) {
  const res = await session.api.mde.listIndicators({ filter });
  return { indicators: res.items, complete: res.complete, ...(res.error ? { error: res.error.toString() } : {}) };
}

// ---------------------------------------------------------------------------
// list

function jsonRow(index: IndicatorIndex, row: number) {
  const ind = index.indicators[row]!;
  const creator = creatorOfRow(index, row);
  const dup = duplicateStateOfRow(index, row);
  return {
    id: ind.id,
    value: ind.indicatorValue,
    type: ind.indicatorType,
    action: ind.action,
    creatorClass: creator.class,
    creator: creator.name,
    createdBy: ind.createdBy,
    createdByDisplayName: ind.createdByDisplayName,
    createdBySource: ind.createdBySource,
    scope: ind.rbacGroupNames,
    title: ind.title,
    description: ind.description,
    severity: ind.severity,
    application: ind.application,
    expirationTime: ind.expirationTime,
    expiry: EXPIRY_BUCKETS[index.expiryBucket[row]!],
    lastUpdateTime: ind.lastUpdateTime,
    duplicate: dup.duplicate,
    conflict: dup.conflict,
  };
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.min(48, Math.max(...rows.map((r) => r[c]!.length))));
  return rows.map((r) => r.map((cell, c) => (cell.length > widths[c]! ? cell.slice(0, widths[c]! - 1) + '…' : cell.padEnd(widths[c]!))).join('  ').trimEnd()).join('\n') + '\n';
}

async function listCommand(inv: CommandInvocation, io: CommandIO): Promise<number> {
  const filter = filterFromOptions(inv.values);
  const output = (inv.values.output as string | undefined) ?? 'table';
  return withSession(inv, io, async (session) => {
    const { index, complete } = await loadIndex(session, io);
    const rows = sortRows(index, applyFilter(index, chipsFromFilter(filter)), { column: 'value', direction: 'asc' });
    if (output === 'json') {
      const q = quota(index);
      const out = { generatedAt: new Date().toISOString(), complete, total: index.size, matched: rows.length, quota: { used: q.used, limit: q.limit, level: q.level, byClass: q.byClass }, indicators: Array.from(rows, (r) => jsonRow(index, r)) };
      io.stdout.write(JSON.stringify(out, null, 2) + '\n');
    } else if (output === 'csv') {
      io.stdout.write(formatIndicatorCsv(indicatorsAt(index, rows)));
    } else {
      const now = new Date(index.nowMs);
      const lines = [['VALUE', 'TYPE', 'ACTION', 'CREATOR', 'SCOPE', 'TITLE', 'EXPIRY', 'LAST UPDATE']];
      for (const r of rows) {
        const ind = index.indicators[r]!;
        const c = creatorOfRow(index, r);
        const exp = formatRelativeExpiry(ind.expirationTime, now, index.expiringSoonDays);
        lines.push([ind.indicatorValue, ind.indicatorType, ind.action, c.class === 'mdca' ? c.name : `${c.class}: ${c.name}`, formatScope(ind.rbacGroupNames), ind.title, (exp.marker === 'expired' ? '✗ ' : exp.marker === 'soon' ? '! ' : '') + exp.text, ind.lastUpdateTime ?? '—']);
      }
      io.stdout.write(table(lines));
      const q = quota(index);
      io.stdout.write(`${rows.length} of ${index.size} indicators · quota ${q.used.toLocaleString('en-US')} / ${q.limit.toLocaleString('en-US')}${q.level !== 'ok' ? ` (${q.level})` : ''}\n`);
    }
    return complete ? 0 : 1;
  });
}

// ---------------------------------------------------------------------------
// import

async function importCommand(inv: CommandInvocation, io: CommandIO): Promise<number> {
  const file = inv.positionals[1];
  if (!file) throw new UserError('usage: mde-console indicators import FILE [--dry-run] [--write]', 2);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UserError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, 2);
  }
  const parsed = parseIndicatorCsv(text);
  return withSession(inv, io, async (session) => {
    const [{ index, complete }, devices] = await Promise.all([loadIndex(session, io), fetchDeviceData(session.api).catch(() => undefined)]);
    const known = knownDeviceGroups(devices?.machines ?? [], index.indicators);
    const validation = validateIndicatorRows(parsed.rows, { now: new Date(), knownGroups: known });
    const errors = [...parsed.errors, ...validation.errors].sort((a, b) => a.line - b.line);
    for (const e of errors) io.stderr.write(`${file}:${e.line}: ${e.field ? `${e.field}: ` : ''}${e.reason}\n`);
    const existing = new Set(index.indicators.map((i) => duplicateKey(i)));
    const newCount = validation.valid.filter((r) => !existing.has(duplicateKey(r))).length;
    const q = quotaAfterImport(index.size, newCount);
    io.stdout.write(`${validation.valid.length} valid rows (${newCount} new, ${validation.valid.length - newCount} update existing), ${errors.length} problems; quota after import ${q.after.toLocaleString('en-US')} / ${q.limit.toLocaleString('en-US')}${q.level !== 'ok' ? ` (${q.level})` : ''}\n`);
    if (errors.length > 0) {
      io.stderr.write(`nothing imported: fix the ${errors.length} problem${errors.length === 1 ? '' : 's'} above first\n`);
      return 2;
    }
    if (!q.allowed) {
      io.stderr.write(q.reason + '\n');
      return 2;
    }
    if (!complete) {
      io.stderr.write('nothing imported: the current indicator list could not be read completely, so the quota is unknown\n');
      return 2;
    }
    if (inv.values['dry-run']) {
      io.stdout.write('dry run: nothing written\n');
      return 0;
    }
    if (!inv.global.write) {
      io.stderr.write('nothing imported: this run is read-only; add --write to import\n');
      return 2;
    }
    const audit = openAuditLog();
    const who = auditWho(session.profile);
    let failed = 0;
    // The import call takes at most 500 indicators (import-ti-indicators); the pipeline keeps to its 30 calls/min.
    for (let i = 0; i < validation.valid.length; i += IMPORT_MAX_ROWS_PER_FILE) {
      const chunk = validation.valid.slice(i, i + IMPORT_MAX_ROWS_PER_FILE);
      const bodies = chunk.map(toSubmitBody);
      let results: { id: string | null; isFailed: boolean; failureReason: string | null }[];
      try {
        results = (await session.api.mde.importIndicators(bodies)).map((r) => ({ id: r.id ?? null, isFailed: Boolean(r.isFailed), failureReason: r.failureReason ?? null }));
      } catch (e) {
        const reason = describeError(e, false);
        results = chunk.map(() => ({ id: null, isFailed: true, failureReason: reason }));
      }
      chunk.forEach((row, k) => {
        const r = results[k] ?? { id: null, isFailed: true, failureReason: 'no result returned for this row' };
        if (r.isFailed) failed++;
        io.stdout.write(`line ${row.line}: ${row.indicatorType} ${row.indicatorValue}: ${r.isFailed ? `failed — ${r.failureReason ?? 'no reason given'}` : `done (id ${r.id ?? '?'})`}\n`);
      });
      audit.append({
        when: new Date().toISOString(),
        who,
        profile: session.profile.name,
        tenant: session.profile.tenantId,
        action: 'indicators.import',
        call: 'POST /api/indicators/import',
        ids: results.map((r) => r.id ?? ''),
        before: [],
        after: bodies,
        outcome: results.some((r) => r.isFailed) ? 'failed' : 'done',
      });
    }
    io.stdout.write(`imported ${validation.valid.length - failed} of ${validation.valid.length}; ${failed} failed\n`);
    return failed > 0 ? 1 : 0;
  });
}

// ---------------------------------------------------------------------------
// delete

async function askTyped(io: IndicatorsIO, word: string): Promise<boolean> {
  const stdin = io.stdin;
  if (!stdin || !stdin.isTTY) return false;
  io.stderr.write(`Type ${word} and press Enter to confirm (anything else cancels): `);
  const rl = createInterface({ input: stdin });
  const answer = await new Promise<string>((resolve) => rl.once('line', resolve));
  rl.close();
  return answer.trim() === word;
}

async function deleteCommand(inv: CommandInvocation, io: IndicatorsIO): Promise<number> {
  const filter = filterFromOptions(inv.values);
  if (Object.keys(filter).length === 0) throw new UserError('indicators delete needs at least one filter (e.g. --expired, --creator app:NAME); it never deletes everything by default', 2);
  return withSession(inv, io, async (session) => {
    const { index, complete } = await loadIndex(session, io, toODataFilter(filter, new Date()));
    if (!complete) {
      io.stderr.write('refused: the indicator list could not be read completely\n');
      return 2;
    }
    const rows = applyFilter(index, chipsFromFilter(filter));
    const plan = planBulkAction(indicatorsAt(index, rows), { kind: 'delete' }, { rules: session.profile.creatorRules, now: new Date() });
    for (const line of planLines(plan, { writeEnabled: session.writeEnabled, backupDir: backupDir(), readOnlyHint: 'add --write' })) io.stdout.write(line + '\n');
    if (plan.counts.delete === 0) {
      io.stdout.write('nothing to delete\n');
      return 0;
    }
    if (!inv.global.write) {
      io.stderr.write('refused: this run is read-only; add --write to delete\n');
      return 2;
    }
    if (!inv.values.yes) {
      if (!io.stdin?.isTTY) {
        io.stderr.write('refused: confirm with --yes (no terminal to type the confirmation on)\n');
        return 2;
      }
      if (!(await askTyped(io, 'delete'))) {
        io.stderr.write('cancelled: nothing deleted\n');
        return 2;
      }
    }
    const backup = writeDeleteBackup(plan.items.filter((i) => i.kind === 'delete').map((i) => i.before), { now: new Date() });
    io.stdout.write(`backup: ${backup}\n`);
    const result = await executePlan(session.api, plan, {
      onProgress: (p) => {
        if (p.waitingMs) io.stderr.write(`waiting ${Math.ceil(p.waitingMs / 1000)} s for API budget…\n`);
      },
      audit: { log: openAuditLog(), who: auditWho(session.profile), profile: session.profile.name, tenant: session.profile.tenantId, action: 'indicators.delete', backup },
    });
    if (result.status === 'refused') {
      io.stderr.write(result.message + '\n');
      return 2;
    }
    const outcomes = applyOutcomes(plan, result.outcomes);
    const c = { done: 0, failed: 0, skipped: 0 };
    for (const o of outcomes) {
      c[o.outcome]++;
      if (o.outcome === 'failed') io.stdout.write(`failed: ${o.id} ${o.value}: ${o.reason}\n`);
    }
    io.stdout.write(`deleted ${c.done}, failed ${c.failed}, skipped ${c.skipped}; restore with: mde-console indicators import ${backup} --write\n`);
    return c.failed > 0 ? 1 : 0;
  });
}

export async function run(inv: CommandInvocation, io: IndicatorsIO = process): Promise<number> {
  const sub = inv.positionals[0];
  switch (sub) {
    case 'list':
      return listCommand(inv, io);
    case 'import':
      return importCommand(inv, io);
    case 'delete':
      return deleteCommand(inv, io);
    default:
      throw new UserError(`${sub ? `unknown indicators command "${sub}"` : 'indicators needs a command'}: use list, import FILE or delete (see mde-console indicators --help)`, 2);
  }
}
