/** The detail view of one check: finding, evidence, what to do, documentation, API and permission, inputs. */
import { STATUS_SYMBOL } from '../../src/domain/health/index.js';
import { inputStateText, type HealthRow } from '../../src/stores/health/index.js';
import type { DetailLine } from '../components/DetailPane.js';
import { STATUS_ROLE } from '../theme.js';
import { wrapText } from './wrapText.js';

/** Long values are wrapped to `valueWidth` cells; continuation lines carry no label. */
export function detailLines(row: HealthRow, valueWidth: number, nowMs: number = Date.now()): DetailLine[] {
  const r = row.result;
  const lines: DetailLine[] = [];
  const add = (label: string, value: string, role?: DetailLine['role']) => {
    wrapText(value, valueWidth).forEach((part, i) => lines.push({ ...(i === 0 ? { label } : { label: '' }), value: part, ...(role ? { role } : {}) }));
  };
  add('Status', row.pending ? '⟳ running (first data not in yet)' : `${STATUS_SYMBOL[r.status]} ${r.status}`, row.pending ? undefined : STATUS_ROLE[r.status]);
  add('Finding', r.finding);
  if (r.status === 'UNKNOWN') add('Why unknown', r.unknownReason);
  for (const e of row.refreshErrors) add('Refresh failed', e, 'status.warn');
  lines.push({ value: 'Evidence', heading: true });
  if (r.evidence.length === 0) lines.push({ value: '(none)' });
  for (const e of r.evidence) add(e.label, e.value);
  lines.push({ value: 'What to do', heading: true });
  add('Fix', r.remediation);
  add('Docs', r.docUrl);
  lines.push({ value: 'Source', heading: true });
  add('API', r.source.api);
  add('Permission', r.source.permission);
  add('Checked at', r.checkedAt);
  for (const i of row.inputs) add(`Input ${i.label}`, inputStateText(i, nowMs));
  return lines;
}
