/**
 * The Indicators screen against the in-process simulator (real HTTPS), rendered at a fixed size:
 * filtering (text, creator, scope), picker counts that follow the other filters, marking, the
 * plan and its typed confirmation, and the read-only refusal by the API client.
 */
import { render } from 'ink-testing-library';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { App } from '../../../screens/App.js';
import { indicatorsModel } from '../../../screens/indicators/index.js';
import { SCREEN_TABLE } from '../../../screens/screenTable.js';
import { monoTheme } from '../../../screens/theme.js';
import { applyFilter, facetCounts, filterFromChips, type IndicatorIndex } from '../../../src/domain/indicators/index.js';
import { openSession, type Session } from '../../../src/session/index.js';
import { createAppStore } from '../../../src/stores/appStore.js';
import { indicatorsData, rowIdsOf } from '../../../src/stores/indicators/index.js';
import { createSessionStore } from '../../../src/stores/sessionStore.js';
import { flush } from '../../helpers/ink.js';

let session: Session;
beforeAll(async () => {
  session = await openSession({ demo: true, write: false });
}, 20_000);
afterAll(async () => {
  await session?.close();
});

async function waitFor(check: () => boolean, what: string, ms = 8000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function renderScreen() {
  const store = createAppStore({ screen: 'indicators', mode: { demo: true, write: false, profileName: 'demo', tenantLabel: 't' } });
  const sessionStore = createSessionStore();
  sessionStore.setState({ status: 'ready', session }, true);
  const r = render(<App store={store} screens={SCREEN_TABLE} version="9.9.9" theme={monoTheme} size={{ columns: 120, rows: 30 }} sessionStore={sessionStore} />);
  const model = indicatorsModel(session);
  await waitFor(() => model.view.getState().index !== undefined, 'the first load');
  await flush();
  const frame = () => r.lastFrame() ?? '';
  const type = async (text: string) => {
    // One key at a time, as a person types (a dialog mounts before the next key reaches it).
    for (const ch of text) {
      r.stdin.write(ch);
      if (ch === '\x1b') await new Promise((res) => setTimeout(res, 40));
      await flush();
    }
  };
  return { r, store, model, frame, type, index: () => model.view.getState().index as IndicatorIndex };
}

/** Resets the per-session model between tests: filters, marks, dialogs. */
function reset(model: ReturnType<typeof indicatorsModel>) {
  model.actions.clearFilters();
  model.actions.clearMarks();
  model.actions.closeDialog();
}

describe('Indicators screen', () => {
  it('filters by text (live), creator and scope, shows chips and counts; Esc drops the last filter', async () => {
    const s = await renderScreen();
    reset(s.model);
    s.r.stdin.write('/zippy'); // one chunk, as a paste or a fast typist over SSH delivers it
    await flush();
    const textOnly = applyFilter(s.index(), { text: 'zippy' }).length;
    expect(textOnly).toBeGreaterThan(0);
    expect(s.frame()).toContain(`${textOnly} of 600 shown`);
    expect(s.frame()).toContain('zippyshare.com');
    await s.type('\r');
    await s.type('\x1b'); // Esc with no dialog: drops the text chip
    expect(s.frame()).toContain('600 of 600 shown');

    await s.type('c'); // creator picker; the first entry is the Defender for Cloud Apps class
    expect(s.frame()).toContain('Filter by creator');
    await s.type('\r');
    const mdca = applyFilter(s.index(), { creators: ['mdca'] }).length;
    expect(s.frame()).toContain('creator: Defender for Cloud Apps');
    expect(s.frame()).toContain(`${mdca} of 600 shown`);

    await s.type('oFinance\r'); // scope picker, narrowed by typing
    const both = applyFilter(s.index(), { creators: ['mdca'], scopes: ['Finance'] }).length;
    expect(both).toBeGreaterThan(0);
    expect(both).toBeLessThan(mdca);
    expect(s.frame()).toContain('scope: Finance');
    expect(s.frame()).toContain(`${both} of 600 shown`);
    await s.type('\x1b');
    expect(s.frame()).not.toContain('scope: Finance');
    expect(s.frame()).toContain(`${mdca} of 600 shown`);
    s.r.unmount();
  });

  it("picker counts follow the other filters", async () => {
    const s = await renderScreen();
    reset(s.model);
    await s.type('o');
    const all = facetCounts(s.index(), [], 'scope').find((e) => e.key === 'Finance')!.count;
    expect(s.frame()).toMatch(new RegExp(`Finance\\s+${all}\\b`));
    await s.type('\x1b');
    await s.type('c\r'); // creator = Defender for Cloud Apps
    await s.type('o');
    const chips = s.model.view.getState().chips;
    const entries = facetCounts(s.index(), chips, 'scope');
    const finance = entries.find((e) => e.key === 'Finance')!.count;
    const allDevices = entries.find((e) => e.label === 'All devices')!.count;
    expect(finance).toBeLessThan(all);
    expect(s.frame()).toMatch(new RegExp(`Finance\\s+${finance}\\b`));
    expect(s.frame()).toMatch(new RegExp(`All devices\\s+${allDevices}\\b`));
    expect(filterFromChips(chips).creators).toEqual(['mdca']);
    await s.type('\x1b');
    s.r.unmount();
  });

  it('marks with space, v and V, and always shows the mark count', async () => {
    const s = await renderScreen();
    reset(s.model);
    await s.type(' ');
    expect(s.frame()).toContain('1 marked');
    await s.type('j j ');
    expect(s.frame()).toContain('3 marked');
    await s.type('k '); // unmark the second
    expect(s.frame()).toContain('2 marked');
    const firstTwo = [...s.model.cursor.getState().marked];
    await s.type('c\r'); // filter to Defender for Cloud Apps, then mark everything shown
    await s.type('v');
    const expected = new Set([...firstTwo, ...rowIdsOf(s.model.view.getState())]).size;
    expect(s.model.cursor.getState().marked.size).toBe(expected);
    expect(s.frame()).toContain(`${expected} marked`);
    await s.type('V');
    expect(s.frame()).toContain('0 marked');
    s.r.unmount();
  });

  it('shows the plan with a typed confirmation; a read-only run is refused by the client and nothing changes', async () => {
    const s = await renderScreen();
    reset(s.model);
    await s.type('/seeded-none'); // nothing matches: proves the list empties
    expect(s.frame()).toContain('0 of 600 shown');
    await s.type('\x1b');
    s.model.actions.clearFilters();
    // Mark three SOAR-app indicators (not owned by Defender for Cloud Apps).
    s.model.actions.applyPicker('creator', ['app']);
    await flush();
    await s.type(' j j ');
    const markedIds = [...s.model.cursor.getState().marked];
    expect(markedIds).toHaveLength(3);
    const beforeActions = markedIds.map((id) => s.index().indicators[s.index().rowOfId.get(id)!]!.action);
    await s.type('b'); // bulk menu: first entry is "Change action…"
    expect(s.frame()).toContain('Bulk action on 3 marked');
    await s.type('\r');
    expect(s.frame()).toContain('New action');
    await s.type('Allowed\r');
    const d = s.model.view.getState().dialog;
    expect(d.kind).toBe('confirm');
    if (d.kind !== 'confirm') return;
    const changing = d.plan.counts.update;
    expect(changing).toBe(beforeActions.filter((a) => a !== 'Allowed').length);
    expect(s.frame()).toContain('Plan — nothing is sent until you confirm');
    expect(s.frame()).toContain(`change action to Allowed: ${changing} of 3 selected indicators will change`);
    expect(s.frame()).toContain('POST /api/indicators');
    expect(s.frame()).toContain('read-only: the API client will refuse these calls');
    expect(s.frame()).toContain(`Type ${changing} and press Enter`);
    await s.type('9\r'); // wrong word: nothing happens
    expect(s.model.view.getState().dialog.kind).toBe('confirm');
    await s.type('\x7f' + String(changing) + '\r');
    await waitFor(() => s.model.view.getState().dialog.kind === 'none', 'the run to end');
    await flush();
    expect(s.frame()).toContain('nothing sent — refused: mde.indicators.submit changes the tenant');
    const now = await session.api.mde.listIndicators();
    const byId = new Map(now.items.map((i) => [i.id, i.action]));
    expect(markedIds.map((id) => byId.get(id))).toEqual(beforeActions);
    s.r.unmount();
  });
});
