/**
 * Filters, filter chips and facet counts over an IndicatorIndex, plus the part of a filter the
 * API can run server-side ($filter).
 *
 * Semantics (all case-insensitive):
 * - creators: a class ("mdca", "person", …), a "class:name" key, or a bare creator name;
 *   a row matches when any entry matches its creator.
 * - scopes: device-group names or ALL_DEVICES; matches the indicator's declared scope — a row
 *   scoped to [A, B] matches "A" or "B"; a row with no groups (= all devices) matches ALL_DEVICES
 *   only. (Whether an all-devices indicator "applies to" group A is what blockingCapability answers.)
 * - types / actions: any of the listed values.
 * - expiry: expired (at or before now), within N days (after now, at most now + N days), never.
 * - text: substring of value, title or description.
 * Dimensions combine with AND.
 */
import { CREATOR_CLASSES, CREATOR_CLASS_LABELS } from './creatorClass.js';
import { DAY_MS } from './expiry.js';
import type { IndicatorIndex } from './indicatorIndex.js';

/** The scope value for indicators with no device groups (the API's "all devices"). */
export const ALL_DEVICES = '(all devices)';

export type ExpiryFilter = { kind: 'expired' } | { kind: 'within'; days: number } | { kind: 'never' };

export interface IndicatorFilter {
  creators?: readonly string[];
  scopes?: readonly string[];
  types?: readonly string[];
  actions?: readonly string[];
  expiry?: ExpiryFilter;
  text?: string;
}

export type FilterDimension = 'creator' | 'scope' | 'type' | 'action' | 'expiry' | 'text';

/** One chip of the filter bar. The bar is an ordered list; Esc pops the last chip. */
export type FilterChip =
  | { kind: 'creator'; values: readonly string[] }
  | { kind: 'scope'; values: readonly string[] }
  | { kind: 'type'; values: readonly string[] }
  | { kind: 'action'; values: readonly string[] }
  | { kind: 'expiry'; expiry: ExpiryFilter }
  | { kind: 'text'; text: string };

// ---------------------------------------------------------------------------
// Chips

function isEmptyChip(chip: FilterChip): boolean {
  if (chip.kind === 'text') return chip.text.trim() === '';
  if (chip.kind === 'expiry') return false;
  return chip.values.length === 0;
}

/** Sets a chip: replaces the chip of the same kind (moving it to the end, as the newest), or removes it when empty. */
export function setFilterChip(chips: readonly FilterChip[], chip: FilterChip): FilterChip[] {
  const rest = chips.filter((c) => c.kind !== chip.kind);
  return isEmptyChip(chip) ? rest : [...rest, chip];
}

/** Esc: clears the last filter. */
export function popFilter(chips: readonly FilterChip[]): FilterChip[] {
  return chips.slice(0, -1);
}

/** `:filter clear`. */
export function clearFilters(): FilterChip[] {
  return [];
}

export function filterFromChips(chips: readonly FilterChip[]): IndicatorFilter {
  const f: IndicatorFilter = {};
  for (const c of chips) {
    if (c.kind === 'creator') f.creators = c.values;
    else if (c.kind === 'scope') f.scopes = c.values;
    else if (c.kind === 'type') f.types = c.values;
    else if (c.kind === 'action') f.actions = c.values;
    else if (c.kind === 'expiry') f.expiry = c.expiry;
    else f.text = c.text;
  }
  return f;
}

/** Chips for a filter object (e.g. from CLI flags), in a fixed order. */
export function chipsFromFilter(filter: IndicatorFilter): FilterChip[] {
  let chips: FilterChip[] = [];
  if (filter.creators) chips = setFilterChip(chips, { kind: 'creator', values: filter.creators });
  if (filter.scopes) chips = setFilterChip(chips, { kind: 'scope', values: filter.scopes });
  if (filter.types) chips = setFilterChip(chips, { kind: 'type', values: filter.types });
  if (filter.actions) chips = setFilterChip(chips, { kind: 'action', values: filter.actions });
  if (filter.expiry) chips = setFilterChip(chips, { kind: 'expiry', expiry: filter.expiry });
  if (filter.text !== undefined) chips = setFilterChip(chips, { kind: 'text', text: filter.text });
  return chips;
}

function describeExpiry(e: ExpiryFilter): string {
  return e.kind === 'expired' ? 'expired' : e.kind === 'never' ? 'never expires' : `expires within ${e.days}d`;
}

function describeCreatorValue(v: string): string {
  const cls = CREATOR_CLASSES.find((c) => c === v.toLowerCase());
  if (cls) return CREATOR_CLASS_LABELS[cls];
  const colon = v.indexOf(':');
  return colon > 0 && (CREATOR_CLASSES as readonly string[]).includes(v.slice(0, colon)) ? v.slice(colon + 1) : v;
}

/** Text of a chip for the filter bar, e.g. "creator: Defender for Cloud Apps", "scope: Finance, All devices". */
export function describeChip(chip: FilterChip): string {
  switch (chip.kind) {
    case 'creator':
      return `creator: ${chip.values.map(describeCreatorValue).join(', ')}`;
    case 'scope':
      return `scope: ${chip.values.map((v) => (isAllDevices(v) ? 'All devices' : v)).join(', ')}`;
    case 'type':
      return `type: ${chip.values.join(', ')}`;
    case 'action':
      return `action: ${chip.values.join(', ')}`;
    case 'expiry':
      return `expiry: ${describeExpiry(chip.expiry)}`;
    case 'text':
      return `/${chip.text}`;
  }
}

function isAllDevices(v: string): boolean {
  const l = v.toLowerCase();
  return l === ALL_DEVICES || l === 'all devices';
}

// ---------------------------------------------------------------------------
// Compilation: turn a filter into masks over the index's interned ids, once per keystroke.

interface CompiledFilter {
  creator: Uint8Array | null;
  scopeGroups: Uint8Array | null;
  scopeAll: boolean;
  type: Uint8Array | null;
  action: Uint8Array | null;
  expiry: ExpiryFilter | null;
  expiryHi: number;
  text: string | null;
  /** Per distinct title+description (index.proseTexts): 1 when it contains `text`. */
  proseHit: Uint8Array | null;
}

function maskOf(values: readonly string[] | undefined, interned: readonly string[]): Uint8Array | null {
  if (!values || values.length === 0) return null;
  const wanted = new Set(values.map((v) => v.toLowerCase()));
  const mask = new Uint8Array(interned.length);
  for (let i = 0; i < interned.length; i++) if (wanted.has(interned[i]!.toLowerCase())) mask[i] = 1;
  return mask;
}

function compile(index: IndicatorIndex, filter: IndicatorFilter): CompiledFilter {
  let creator: Uint8Array | null = null;
  if (filter.creators && filter.creators.length > 0) {
    const wanted = new Set(filter.creators.map((v) => v.toLowerCase()));
    creator = new Uint8Array(index.creators.length);
    index.creators.forEach((c, i) => {
      if (wanted.has(c.class) || wanted.has(index.creatorKeys[i]!.toLowerCase()) || wanted.has(c.name.toLowerCase())) creator![i] = 1;
    });
  }
  let scopeGroups: Uint8Array | null = null;
  let scopeAll = false;
  if (filter.scopes && filter.scopes.length > 0) {
    scopeAll = filter.scopes.some(isAllDevices);
    scopeGroups = maskOf(filter.scopes.filter((s) => !isAllDevices(s)), index.groups) ?? new Uint8Array(index.groups.length);
  }
  const text = filter.text?.trim().toLowerCase() || null;
  let proseHit: Uint8Array | null = null;
  if (text) {
    proseHit = new Uint8Array(index.proseTexts.length);
    for (let i = 0; i < proseHit.length; i++) if (index.proseTexts[i]!.includes(text)) proseHit[i] = 1;
  }
  const expiry = filter.expiry ?? null;
  return {
    creator,
    scopeGroups,
    scopeAll,
    type: maskOf(filter.types, index.types),
    action: maskOf(filter.actions, index.actions),
    expiry,
    expiryHi: expiry?.kind === 'within' ? index.nowMs + expiry.days * DAY_MS : 0,
    text,
    proseHit,
  };
}

function rowMatches(ix: IndicatorIndex, c: CompiledFilter, r: number, skip: FilterDimension | null): boolean {
  if (c.creator && skip !== 'creator' && c.creator[ix.creatorOf[r]!] === 0) return false;
  if (c.type && skip !== 'type' && c.type[ix.typeOf[r]!] === 0) return false;
  if (c.action && skip !== 'action' && c.action[ix.actionOf[r]!] === 0) return false;
  if (c.scopeGroups && skip !== 'scope') {
    const start = ix.scopeStart[r]!;
    const end = ix.scopeStart[r + 1]!;
    if (start === end) {
      if (!c.scopeAll) return false;
    } else {
      let hit = false;
      for (let k = start; k < end; k++) if (c.scopeGroups[ix.scopeGroups[k]!] === 1) { hit = true; break; }
      if (!hit) return false;
    }
  }
  if (c.expiry && skip !== 'expiry') {
    const at = ix.expiresAt[r]!;
    if (c.expiry.kind === 'never') {
      if (!Number.isNaN(at)) return false;
    } else if (c.expiry.kind === 'expired') {
      if (!(at <= ix.nowMs)) return false;
    } else if (!(at > ix.nowMs && at <= c.expiryHi)) return false;
  }
  if (c.text && skip !== 'text' && c.proseHit![ix.proseOf[r]!] === 0 && !ix.valueText[r]!.includes(c.text)) return false;
  return true;
}

function asFilter(f: IndicatorFilter | readonly FilterChip[]): IndicatorFilter {
  return Array.isArray(f) ? filterFromChips(f as readonly FilterChip[]) : (f as IndicatorFilter);
}

/** Row positions (ascending) that the filter (object or chip list) keeps. */
export function applyFilter(index: IndicatorIndex, filter: IndicatorFilter | readonly FilterChip[]): Int32Array {
  const out = new Int32Array(index.size);
  return out.subarray(0, filterRowsInto(index, filter, out));
}

/**
 * applyFilter without allocating: writes the kept row positions (ascending) into `out` (length ≥
 * index.size, or ≥ candidates.length) and returns how many. With `candidates` (ascending row
 * positions known to contain every match — e.g. the previous result when the operator typed one
 * more character of the search text) only those rows are tested. `out` may be `candidates`
 * itself: rows are written at or before the position they are read from.
 */
export function filterRowsInto(index: IndicatorIndex, filter: IndicatorFilter | readonly FilterChip[], out: Int32Array, candidates?: ArrayLike<number>): number {
  const c = compile(index, asFilter(filter));
  let k = 0;
  if (candidates) {
    for (let i = 0; i < candidates.length; i++) {
      const r = candidates[i]!;
      if (rowMatches(index, c, r, null)) out[k++] = r;
    }
  } else for (let r = 0; r < index.size; r++) if (rowMatches(index, c, r, null)) out[k++] = r;
  return k;
}

// ---------------------------------------------------------------------------
// Facets

export type FacetName = 'creator' | 'scope' | 'type' | 'action' | 'expiry';

export interface FacetEntry {
  /** The value to put into the filter (creator key/class, group name or ALL_DEVICES, type, action, expiry key). */
  key: string;
  label: string;
  count: number;
  /** Creator names carry their class key here; class entries have none. */
  parent?: string;
}

/** Expiry facet keys and the filter each selects. */
export function expiryFilterForKey(key: string): ExpiryFilter | undefined {
  if (key === 'expired') return { kind: 'expired' };
  if (key === 'never') return { kind: 'never' };
  const m = /^within:(\d+)$/.exec(key);
  return m ? { kind: 'within', days: Number(m[1]) } : undefined;
}

/**
 * Counts per value of one facet, with every OTHER active filter applied (so a picker's counts
 * follow the rest of the filter bar). Lists every value present in the index, zeros included,
 * so picker items do not jump around.
 */
export function facetCounts(index: IndicatorIndex, filter: IndicatorFilter | readonly FilterChip[], facet: FacetName): FacetEntry[] {
  const f = asFilter(filter);
  const c = compile(index, f);
  const ix = index;
  switch (facet) {
    case 'creator': {
      const perCreator = new Int32Array(ix.creators.length);
      for (let r = 0; r < ix.size; r++) if (rowMatches(ix, c, r, 'creator')) perCreator[ix.creatorOf[r]!]!++;
      const classes: FacetEntry[] = [];
      const names: FacetEntry[] = [];
      for (const cls of CREATOR_CLASSES) {
        let count = 0;
        let present = false;
        ix.creators.forEach((cr, i) => {
          if (cr.class !== cls) return;
          present = true;
          count += perCreator[i]!;
          names.push({ key: ix.creatorKeys[i]!, label: cr.name, count: perCreator[i]!, parent: cls });
        });
        if (present) classes.push({ key: cls, label: CREATOR_CLASS_LABELS[cls], count });
      }
      names.sort((a, b) => b.count - a.count || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
      return [...classes, ...names];
    }
    case 'scope': {
      const perGroup = new Int32Array(ix.groups.length);
      let all = 0;
      for (let r = 0; r < ix.size; r++) {
        if (!rowMatches(ix, c, r, 'scope')) continue;
        const start = ix.scopeStart[r]!;
        const end = ix.scopeStart[r + 1]!;
        if (start === end) all++;
        else for (let k = start; k < end; k++) perGroup[ix.scopeGroups[k]!]!++;
      }
      const groups = ix.groups.map((g, i) => ({ key: g, label: g, count: perGroup[i]! }));
      groups.sort((a, b) => b.count - a.count || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
      return [{ key: ALL_DEVICES, label: 'All devices', count: all }, ...groups];
    }
    case 'type':
    case 'action': {
      const values = facet === 'type' ? ix.types : ix.actions;
      const of = facet === 'type' ? ix.typeOf : ix.actionOf;
      const counts = new Int32Array(values.length);
      for (let r = 0; r < ix.size; r++) if (rowMatches(ix, c, r, facet)) counts[of[r]!]!++;
      return values.map((v, i) => ({ key: v, label: v, count: counts[i]! })).sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1));
    }
    case 'expiry': {
      const soonHi = ix.nowMs + ix.expiringSoonDays * DAY_MS;
      let expired = 0;
      let within = 0;
      let never = 0;
      for (let r = 0; r < ix.size; r++) {
        if (!rowMatches(ix, c, r, 'expiry')) continue;
        const at = ix.expiresAt[r]!;
        if (Number.isNaN(at)) never++;
        else if (at <= ix.nowMs) expired++;
        else if (at <= soonHi) within++;
      }
      return [
        { key: 'expired', label: 'expired', count: expired },
        { key: `within:${ix.expiringSoonDays}`, label: `within ${ix.expiringSoonDays}d`, count: within },
        { key: 'never', label: 'never', count: never },
      ];
    }
  }
}

// ---------------------------------------------------------------------------
// Server-side part

function quote(v: string): string {
  return `'${v.replace(/'/g, "''")}'`;
}

function anyOf(property: string, values: readonly string[]): string {
  const parts = values.map((v) => `${property} eq ${quote(v)}`);
  return parts.length === 1 ? parts[0]! : `(${parts.join(' or ')})`;
}

/**
 * The part of a filter the API can evaluate ($filter on the documented filterable properties of
 * get-ti-indicators-collection: indicatorType, action, createdBy, createdByDisplayName,
 * expirationTime …). The result only ever narrows to a SUPERSET of the local result: the local
 * filter still runs on what comes back. Creator classes (their raw values are unverified and
 * profile-dependent), device-group scope (no documented any() on rbacGroupNames), "never
 * expires" (null comparison undocumented) and free text (no documented contains()) stay local.
 * Creators go server-side only when every entry is a person/app name key.
 * Returns undefined when nothing can be sent.
 */
export function toODataFilter(filter: IndicatorFilter | readonly FilterChip[], now: Date): string | undefined {
  const f = asFilter(filter);
  const clauses: string[] = [];
  if (f.types && f.types.length > 0) clauses.push(anyOf('indicatorType', f.types));
  if (f.actions && f.actions.length > 0) clauses.push(anyOf('action', f.actions));
  if (f.creators && f.creators.length > 0) {
    const parts: string[] = [];
    let serverable = true;
    for (const key of f.creators) {
      const m = /^(person|app):(.+)$/i.exec(key);
      if (!m) {
        serverable = false;
        break;
      }
      // person names are createdBy (the UPN); app names are the display name, or the id when there is none.
      if (m[1]!.toLowerCase() === 'person') parts.push(`createdBy eq ${quote(m[2]!)}`);
      else parts.push(`createdByDisplayName eq ${quote(m[2]!)}`, `createdBy eq ${quote(m[2]!)}`);
    }
    if (serverable) clauses.push(parts.length === 1 ? parts[0]! : `(${parts.join(' or ')})`);
  }
  if (f.expiry && f.expiry.kind !== 'never') {
    const nowIso = now.toISOString();
    if (f.expiry.kind === 'expired') clauses.push(`expirationTime le ${nowIso}`);
    else clauses.push(`expirationTime gt ${nowIso} and expirationTime le ${new Date(now.getTime() + f.expiry.days * DAY_MS).toISOString()}`);
  }
  return clauses.length > 0 ? clauses.join(' and ') : undefined;
}
