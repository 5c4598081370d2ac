import { describe, expect, it } from 'vitest';
import type { CreatorRule } from '../../../../src/config/types.js';
import { createCreatorClassifier, creatorClassOf, isMdcaIndicator } from '../../../../src/domain/indicators/index.js';
import { APP_ID, app, indicator, mdca, person } from './factory.js';

describe('creatorClassOf', () => {
  it('classes the simulator/portal value of Defender for Cloud Apps as mdca', () => {
    expect(creatorClassOf(mdca('WhatsApp'))).toEqual({ class: 'mdca', name: 'Defender for Cloud Apps' });
  });

  it('also recognises the older product names in any creator field', () => {
    expect(creatorClassOf(indicator({ createdBySource: null, createdBy: null, createdByDisplayName: 'Microsoft Cloud App Security' })).class).toBe('mdca');
    expect(creatorClassOf(indicator({ createdBySource: 'MCAS', createdBy: null, createdByDisplayName: null })).class).toBe('mdca');
  });

  it('classes a portal UPN as a person named by the UPN', () => {
    expect(creatorClassOf(person('alice@contoso.com'))).toEqual({ class: 'person', name: 'alice@contoso.com' });
  });

  it('classes legacy sourceType User with a UPN as a person', () => {
    const ind = indicator({ createdBySource: null, sourceType: 'User', createdBy: 'user@contoso.onmicrosoft.com', createdByDisplayName: null });
    expect(creatorClassOf(ind)).toEqual({ class: 'person', name: 'user@contoso.onmicrosoft.com' });
  });

  it('classes an API writer as an app named by its display name, or by its id when there is none', () => {
    expect(creatorClassOf(app('SOAR-Automation'))).toEqual({ class: 'app', name: 'SOAR-Automation' });
    expect(creatorClassOf(indicator({ createdBySource: null, createdBy: APP_ID, createdByDisplayName: null }))).toEqual({ class: 'app', name: APP_ID });
    expect(creatorClassOf(indicator({ createdBySource: null, sourceType: 'AadApp', createdBy: 'TestPrdApp', createdByDisplayName: null })).class).toBe('app');
  });

  it('classes Portal rows without a UPN as portal, and anything unmatched as other', () => {
    expect(creatorClassOf(indicator({ createdBySource: 'Portal', createdBy: 'SYSTEM', createdByDisplayName: 'Portal import' }))).toEqual({ class: 'portal', name: 'Portal import' });
    expect(creatorClassOf(indicator({ createdBySource: 'SomethingNew', createdBy: 'robot', createdByDisplayName: null }))).toEqual({ class: 'other', name: 'robot' });
  });

  it('lets a profile rule override the default table', () => {
    const rules: CreatorRule[] = [{ class: 'app', field: 'createdBy', pattern: '^svc-.*@contoso\\.com$' }];
    const svc = person('svc-feed@contoso.com');
    expect(creatorClassOf(svc).class).toBe('person');
    expect(creatorClassOf(svc, rules)).toEqual({ class: 'app', name: 'svc-feed@contoso.com' });
    // A tenant whose MDCA sync writes another value can teach the table.
    const custom = indicator({ createdBySource: 'CasSync', createdBy: 'x', createdByDisplayName: 'x' });
    expect(isMdcaIndicator(custom, [{ class: 'mdca', field: 'createdBySource', pattern: '^cassync$' }])).toBe(true);
  });

  it('never serves a stale memo when the same id changes creator', () => {
    const a = person('bob@contoso.com', { id: '42' });
    const b = app('Feed', { id: '42', lastUpdateTime: a.lastUpdateTime });
    expect(creatorClassOf(a).class).toBe('person');
    expect(creatorClassOf(b).class).toBe('app');
  });

  it('reports an invalid profile pattern in one line', () => {
    expect(() => createCreatorClassifier([{ class: 'app', field: 'createdBy', pattern: '(' }])).toThrow(/invalid pattern.*profile/);
  });
});
