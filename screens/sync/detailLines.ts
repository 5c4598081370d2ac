/**
 * The detail pane of one row: Defender and Sentinel side by side (ids, titles, status, owner,
 * classification, severity, times), which fields drift and since when, and the portal links built from
 * the right ids (Defender incident id; Sentinel ARM resource id — never Sentinel's incidentNumber).
 */
import type { DetailLine } from '../components/DetailPane.js';
import { fit } from '../components/text.js';
import { formatDuration, sentinelOwnerLabel, type SentinelSide, type SyncDefenderIncident } from '../../src/domain/sync/index.js';
import { STATE_LABEL, STATE_SYMBOL, type SyncRow } from '../../src/stores/sync/index.js';

type Cells = [label: string, defender: string, sentinel: string];

function sideBySide(rows: Cells[], width: number): DetailLine[] {
  // The pane gives labels their own column; the two sides share the rest.
  const col = Math.max(12, Math.floor((width - 16) / 2) - 1);
  return rows.map(([label, d, s]) => ({ label, value: `${fit(d, col)} │ ${s}` }));
}

function defenderCells(d: SyncDefenderIncident | null, defenderId: string | null): string[] {
  if (!d) return [defenderId ? `${defenderId} (not found)` : '(none)', '–', '–', '–', '–', '–', '–', '–'];
  return [d.id, d.displayName ?? '–', d.status, d.assignedTo ?? '–', d.classification ?? '–', d.severity ?? '–', d.createdDateTime, d.lastUpdateDateTime];
}

function sentinelCells(s: SentinelSide | null): string[] {
  if (!s) return ['(no Sentinel copy)', '–', '–', '–', '–', '–', '–', '–'];
  const p = s.incident.properties;
  return [`${s.name} (Sentinel's own #${s.number})`, p.title, p.status, sentinelOwnerLabel(s.incident) ?? '–', p.classification ?? '–', p.severity, p.createdTimeUtc, p.lastModifiedTimeUtc];
}

const LABELS = ['id', 'title', 'status', 'owner', 'classification', 'severity', 'created', 'modified'];

export function detailLines(row: SyncRow, width: number): DetailLine[] {
  const e = row.entry;
  const lines: DetailLine[] = [{ label: 'state', value: `${STATE_SYMBOL[row.state]} ${STATE_LABEL[row.state]} — ${row.problem}` }];
  const defender = e.state === 'orphaned' ? null : e.defender;
  const sentinels: SentinelSide[] =
    e.state === 'orphaned' ? [e.sentinel] : e.state === 'drifted' || e.state === 'inSync' ? [e.sentinel] : e.state === 'duplicated' ? [...e.copies, ...e.ruleIncidents] : [];
  const d = defenderCells(defender, row.defenderId);
  const first = sentinels[0] ?? null;
  const s = sentinelCells(first);
  lines.push({ heading: true, value: `${fit('Defender', Math.max(12, Math.floor((width - 16) / 2) - 1))}   Sentinel` });
  lines.push(...sideBySide(LABELS.map((l, i) => [l, d[i] ?? '–', s[i] ?? '–'] as Cells), width));
  for (const extra of sentinels.slice(1)) {
    const x = sentinelCells(extra);
    lines.push({ heading: true, value: `another Sentinel incident for the same Defender incident (${extra.incident.properties.providerName ?? 'unknown provider'})` });
    lines.push(...sideBySide(LABELS.map((l, i) => [l, '', x[i] ?? '–'] as Cells), width));
  }
  if (e.state === 'drifted') {
    lines.push({ heading: true, value: 'Drift' });
    for (const diff of e.differences) lines.push({ label: diff.field, value: `Defender ${diff.defender ?? '–'} ≠ Sentinel ${diff.sentinel ?? '–'}`, role: 'status.warn' });
    lines.push({ label: 'diverged since', value: `${e.divergedSince} (${formatDuration(e.driftMs)}${e.withinTolerance ? ', within tolerance' : ', past tolerance'})` });
  }
  if (e.state === 'pending') lines.push({ label: 'due by', value: e.dueAt });
  if (e.state === 'missing') lines.push({ label: 'overdue', value: formatDuration(e.overdueMs) });
  if (e.state === 'duplicated') lines.push({ label: 'reason', value: e.reason });
  lines.push({ heading: true, value: 'Links' });
  const links: DetailLine[] = [];
  if (e.state !== 'orphaned') links.push({ label: 'Defender portal', value: e.defenderLink });
  for (const side of sentinels) links.push({ label: `Sentinel #${side.number}`, value: side.link });
  // Links are long (an ARM id is ~200 characters): wrap them over continuation lines rather than cut
  // them, so the whole link can be read (and copied) from the pane.
  const labelWidth = Math.min(28, Math.max(8, ...[...lines, ...links].map((l) => (l.label ? l.label.length : 0))) + 1);
  const room = Math.max(20, width - labelWidth - 1);
  for (const l of links) {
    for (let i = 0; i < l.value.length; i += room) lines.push({ label: i === 0 ? l.label! : '', value: l.value.slice(i, i + room) });
  }
  return lines;
}
