/** The screen's view model on a fixed index: sorting (s, S, :sort), Esc popping chips, marks kept across a refresh by id. */
import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { buildIndicatorIndex } from '../../../src/domain/indicators/index.js';
import type { Indicator } from '../../../src/domain/types.js';
import type { Session } from '../../../src/session/index.js';
import { createIndicatorsModel, mergeIndicators, rowIdsOf, type IndexState, type IndicatorsData, type IndicatorsModel } from '../../../src/stores/indicators/index.js';
import { parseExpiryInput } from '../../../screens/indicators/parseExpiryInput.js';

const now = new Date('2026-06-01T00:00:00Z');
function ind(id: string, value: string, over: Partial<Indicator> = {}): Indicator {
  return {
    id,
    indicatorValue: value,
    indicatorType: 'DomainName',
    action: 'Block',
    title: `title ${id}`,
    description: 'd',
    application: null,
    severity: 'High',
    recommendedActions: null,
    rbacGroupNames: [],
    rbacGroupIds: [],
    generateAlert: false,
    createdBySource: 'Portal',
    createdBy: 'alice@contoso.com',
    createdByDisplayName: 'alice@contoso.com',
    lastUpdatedBy: null,
    creationTimeDateTimeUtc: '2026-01-01T00:00:00Z',
    expirationTime: null,
    lastUpdateTime: `2026-05-0${id}T00:00:00Z`,
    ...over,
  };
}

const ids = (model: IndicatorsModel) => [...rowIdsOf(model.view.getState())];

function setup(list: Indicator[]) {
  const indexStore = createStore<IndexState>()(() => ({ index: buildIndicatorIndex(list, { now, expiringSoonDays: 7 }), devices: new Map(), loadProgress: undefined }));
  const data = { indexStore } as unknown as IndicatorsData;
  const session = { profile: { creatorRules: [] }, writeEnabled: false } as unknown as Session;
  return { model: createIndicatorsModel(session, data, { now: () => now }), indexStore };
}

describe('indicators view model', () => {
  const list = [ind('1', 'b.example'), ind('2', 'a.example', { action: 'Warn' }), ind('3', 'c.example')];

  it('sorts by last update descending by default, cycles columns with s, reverses with S, and validates :sort', () => {
    const { model } = setup(list);
    expect(ids(model)).toEqual(['3', '2', '1']);
    model.actions.nextSort(); // lastUpdate → severity
    expect(model.view.getState().sort).toEqual({ column: 'severity', direction: 'asc' });
    expect(model.actions.sortBy(['value'])).toBeUndefined();
    expect(ids(model)).toEqual(['2', '1', '3']);
    model.actions.reverseSort();
    expect(ids(model)).toEqual(['3', '1', '2']);
    expect(model.actions.sortBy(['nope'])).toMatch(/usage: :sort COLUMN/);
    expect(model.actions.sortBy(['value', 'sideways'])).toMatch(/asc or desc/);
  });

  it('Esc pops the newest chip only; :filter clear drops all', () => {
    const { model } = setup(list);
    model.actions.applyPicker('action', ['Block']);
    model.actions.setText('c.ex');
    expect(ids(model)).toEqual(['3']);
    expect(model.actions.popFilter()).toBe(true);
    expect(ids(model).sort()).toEqual(['1', '3']);
    model.actions.clearFilters();
    expect(model.actions.popFilter()).toBe(false);
    expect(ids(model)).toHaveLength(3);
  });

  it('keeps marks by id across a refresh and drops marks of deleted indicators', () => {
    const { model, indexStore } = setup(list);
    model.actions.markAllFiltered();
    expect(model.cursor.getState().marked.size).toBe(3);
    indexStore.setState({ index: buildIndicatorIndex([list[2]!, list[0]!], { now, expiringSoonDays: 7 }) });
    expect([...model.cursor.getState().marked].sort()).toEqual(['1', '3']);
    expect(ids(model)).toEqual(['3', '1']);
  });

  it('plans on the marked rows; nothing to change goes straight to the outcome list', () => {
    const { model } = setup(list);
    model.cursor.getState().actions.toggleMark('2');
    model.actions.plan({ kind: 'setAction', to: 'Warn' });
    const d = model.view.getState().dialog;
    expect(d.kind).toBe('outcomes');
    if (d.kind === 'outcomes') expect(d.outcomes).toEqual([{ id: '2', value: 'a.example', outcome: 'skipped', reason: 'action is already Warn' }]);
    model.cursor.getState().actions.toggleMark('1');
    model.actions.plan({ kind: 'delete' });
    const c = model.view.getState().dialog;
    expect(c.kind).toBe('confirm');
    if (c.kind === 'confirm') {
      expect(c.word).toBe('delete');
      expect(c.lines.join('\n')).toContain('read-only: the API client will refuse these calls');
    }
  });
});

describe('helpers', () => {
  it('mergeIndicators replaces by id in place and appends new ones', () => {
    const a = ind('1', 'a'), b = ind('2', 'b');
    const b2 = { ...b, action: 'Warn' }, c = ind('3', 'c');
    expect(mergeIndicators([a, b], [c, b2]).map((i) => `${i.id}:${i.action}`)).toEqual(['1:Block', '2:Warn', '3:Block']);
  });

  it('parseExpiryInput reads a date as the end of that UTC day, ISO times, and never', () => {
    expect(parseExpiryInput('2026-07-01')).toBe('2026-07-01T23:59:59.000Z');
    expect(parseExpiryInput('2026-07-01T10:00:00+02:00')).toBe('2026-07-01T08:00:00.000Z');
    expect(parseExpiryInput(' never ')).toBeNull();
    expect(parseExpiryInput('tomorrow')).toBeUndefined();
    expect(parseExpiryInput('2026-13-45')).toBeUndefined();
  });
});

describe('indicators view model on the keystroke path', () => {
  const many = Array.from({ length: 30 }, (_, i) => ind(String(i + 1), `${i % 3 === 0 ? 'evil' : 'good'}-${i}.example`, { lastUpdateTime: `2026-05-01T00:00:${String(i).padStart(2, '0')}Z` }));

  it('typing, deleting and re-sorting give the rows a fresh filter and sort would', () => {
    const { model } = setup(many);
    const typed = ['e', 'ev', 'evi', 'evil-1', 'evil-', 'evil', 'good', 'goo', ''];
    for (const text of typed) {
      model.actions.setText(text);
      const expected = many
        .filter((i) => text.trim() === '' || `${i.indicatorValue}\n${i.title}\n${i.description ?? ''}`.toLowerCase().includes(text))
        .sort((a, b) => (a.lastUpdateTime! < b.lastUpdateTime! ? 1 : -1))
        .map((i) => i.id);
      expect(ids(model)).toEqual(expected);
    }
    model.actions.setText('evil');
    model.actions.sortBy(['value', 'asc']);
    expect(ids(model)).toEqual(many.filter((i) => i.indicatorValue.startsWith('evil')).map((i) => i.id).sort((a, b) => (many[Number(a) - 1]!.indicatorValue < many[Number(b) - 1]!.indicatorValue ? -1 : 1)));
  });

  it('moves the cursor by id over the rows shown now, keeping it when a filter leaves its row in place', () => {
    const { model } = setup(many);
    model.actions.moveCursor({ kind: 'by', delta: 2 }, 10);
    expect(model.cursor.getState().selectedId).toBe(ids(model)[2]);
    model.actions.moveCursor({ kind: 'bottom' }, 10);
    expect(model.cursor.getState()).toMatchObject({ selectedId: ids(model)[29], scrollTop: 20 });
    model.actions.moveCursor({ kind: 'page', direction: -1 }, 10);
    expect(model.cursor.getState().selectedId).toBe(ids(model)[20]);
    const kept = model.cursor.getState().selectedId!;
    model.actions.setText(many[Number(kept) - 1]!.indicatorValue.slice(0, 4));
    expect(ids(model)).toContain(kept);
    model.actions.moveCursor({ kind: 'by', delta: 0 }, 10);
    expect(model.cursor.getState().selectedId).toBe(kept);
    model.actions.setText('nothing matches this');
    model.actions.moveCursor({ kind: 'by', delta: 1 }, 10);
    expect(model.cursor.getState()).toMatchObject({ selectedId: null, scrollTop: 0 });
  });
});
