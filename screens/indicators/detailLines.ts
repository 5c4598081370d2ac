/** The detail pane of one indicator: every field, raw creator values, scope, blocking capability, MDCA ownership, duplicate flags. */
import { blockingCapability, creatorOfRow, duplicateStateOfRow, formatRelativeExpiry, formatScope, mdcaOwnership, CREATOR_CLASS_LABELS, type DevicesByGroup, type IndicatorIndex } from '../../src/domain/indicators/index.js';
import type { DetailLine } from '../components/DetailPane.js';

const v = (x: unknown): string => (x === null || x === undefined || x === '' ? '—' : Array.isArray(x) ? (x.length === 0 ? '—' : x.join(', ')) : String(x));

export function detailLines(index: IndicatorIndex, row: number, devices: DevicesByGroup, devicesKnown: boolean): DetailLine[] {
  const ind = index.indicators[row]!;
  const creator = creatorOfRow(index, row);
  const dup = duplicateStateOfRow(index, row);
  const exp = formatRelativeExpiry(ind.expirationTime, new Date(index.nowMs), index.expiringSoonDays);
  const lines: DetailLine[] = [
    { heading: true, value: 'Indicator' },
    { label: 'id', value: ind.id },
    { label: 'value', value: ind.indicatorValue },
    { label: 'type', value: ind.indicatorType },
    { label: 'action', value: ind.action },
    { label: 'title', value: ind.title },
    { label: 'description', value: v(ind.description) },
    { label: 'severity', value: v(ind.severity) },
    { label: 'application', value: v(ind.application) },
    { label: 'recommended actions', value: v(ind.recommendedActions) },
    { label: 'generate alert', value: v(ind.generateAlert) },
    { label: 'expiry', value: `${v(ind.expirationTime)} (${exp.text})`, ...(exp.marker === 'expired' ? { role: 'status.fail' as const } : exp.marker === 'soon' ? { role: 'status.warn' as const } : {}) },
    { label: 'created', value: ind.creationTimeDateTimeUtc },
    { label: 'last update', value: `${v(ind.lastUpdateTime)} by ${v(ind.lastUpdatedBy)}` },
    { label: 'educate URL', value: v(ind.educateUrl) },
    { label: 'MITRE techniques', value: v(ind.mitreTechniques) },
    { heading: true, value: 'Creator' },
    { label: 'class', value: `${CREATOR_CLASS_LABELS[creator.class]} — ${creator.name}` },
    { label: 'createdBy', value: v(ind.createdBy) },
    { label: 'createdByDisplayName', value: v(ind.createdByDisplayName) },
    { label: 'createdBySource', value: v(ind.createdBySource) },
    { label: 'sourceType', value: v(ind.sourceType) },
    { heading: true, value: 'Scope' },
    { label: 'device groups', value: formatScope(ind.rbacGroupNames) },
    { label: 'group ids', value: v(ind.rbacGroupIds) },
  ];
  lines.push({ heading: true, value: 'Can it block?' });
  const cap = blockingCapability(ind, devices);
  if (cap.applies) {
    if (!devicesKnown) lines.push({ label: 'devices', value: 'device postures not loaded yet (or not permitted): network protection modes unknown', role: 'status.unknown' });
    lines.push({ label: 'network protection', value: `${cap.block} devices in block · ${cap.audit} audit (logs only) · ${cap.off} off · ${cap.unknown} unknown, of ${cap.inScope} in scope` });
  }
  lines.push({ label: 'verdict', value: cap.note, ...(cap.applies && cap.block === 0 ? { role: 'status.warn' as const } : {}) });
  const own = mdcaOwnership(ind, index.rules);
  if (own.owned) {
    lines.push({ heading: true, value: 'Defender for Cloud Apps' });
    lines.push({ label: 'app', value: own.app });
    lines.push({ label: 'ownership', value: `! ${own.reminder}`, role: 'status.warn' });
  }
  if (dup.duplicate || dup.conflict) {
    const g = index.duplicates.groups[index.duplicates.groupOf[row]!]!;
    lines.push({ heading: true, value: 'Duplicates' });
    lines.push({ label: dup.conflict ? '! conflict' : '! duplicate', value: dup.conflict ? `same value and scope with different actions (ids ${g.ids.join(', ')})` : `same value ${g.ids.length} times (ids ${g.ids.join(', ')}); each copy counts against the 15,000 limit`, role: 'status.warn' });
  }
  return lines;
}
