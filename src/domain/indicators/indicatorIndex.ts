/**
 * A columnar index over the tenant's indicators, built once per data change, so that every
 * keystroke (filter, facet counts, sort) is a tight loop over typed arrays with no per-row
 * allocation. Sized for the 15,000-indicator tenant limit.
 *
 * Rows are positions in `indicators` (the array passed in, unchanged).
 */
import type { CreatorRule } from '../../config/types.js';
import type { Indicator } from '../types.js';
import { CREATOR_CLASSES, createCreatorClassifier, creatorKey, type CreatorInfo } from './creatorClass.js';
import { findDuplicates, type DuplicateReport } from './duplicates.js';
import { expiryBucketOf, expiryMs, type ExpiryBucket } from './expiry.js';

export const EXPIRY_BUCKETS: readonly ExpiryBucket[] = ['never', 'expired', 'soon', 'later'];

export interface IndicatorIndexOptions {
  /** The profile's extra creator rules (tried before the defaults). */
  rules?: readonly CreatorRule[];
  /** The clock for expiry buckets; pass it, never read it inside. */
  now: Date;
  /** Thresholds.expiringSoonDays. */
  expiringSoonDays: number;
}

export interface IndicatorIndex {
  readonly size: number;
  readonly indicators: readonly Indicator[];
  readonly nowMs: number;
  readonly expiringSoonDays: number;
  readonly rules: readonly CreatorRule[];
  /** Distinct creators; `creatorOf[row]` indexes into these. */
  readonly creators: readonly CreatorInfo[];
  readonly creatorKeys: readonly string[];
  readonly creatorOf: Int32Array;
  /** Per row: position of its class in CREATOR_CLASSES. */
  readonly classOf: Uint8Array;
  readonly types: readonly string[];
  readonly typeOf: Int32Array;
  readonly actions: readonly string[];
  readonly actionOf: Int32Array;
  /** Distinct device-group names (first spelling seen; matched case-insensitively). */
  readonly groups: readonly string[];
  /** Row r's groups are scopeGroups[scopeStart[r] .. scopeStart[r+1]); none = all devices. */
  readonly scopeStart: Int32Array;
  readonly scopeGroups: Int32Array;
  /** Epoch ms; NaN = never expires. */
  readonly expiresAt: Float64Array;
  /** Per row: position of its bucket in EXPIRY_BUCKETS (relative to `nowMs`). */
  readonly expiryBucket: Uint8Array;
  /** Epoch ms; NaN when absent. */
  readonly lastUpdate: Float64Array;
  /**
   * The `/` text filter reads three fields: the value (per row, lower-cased) and the title and
   * description, which repeat across rows (a few thousand distinct pairs in 15,000 indicators).
   * Each distinct pair is kept once, lower-cased, as `proseTexts[proseOf[row]]`, so a keystroke
   * tests the pairs once each instead of per row, and the index does not hold a lower-cased copy
   * of every row's prose (issue 9: ~2 MB at 15,000 rows). The pair's parts are joined by a newline,
   * which a typed search text cannot contain, so a match never spans two fields.
   */
  readonly valueText: readonly string[];
  readonly proseOf: Int32Array;
  readonly proseTexts: readonly string[];
  readonly duplicates: DuplicateReport;
  readonly rowOfId: ReadonlyMap<string, number>;
  /** Sorted row orders per column, filled lazily by sortRows. */
  readonly sortOrders: Map<string, Int32Array>;
}

function interner() {
  const values: string[] = [];
  const ids = new Map<string, number>();
  return {
    values,
    id(value: string, key: string = value): number {
      let id = ids.get(key);
      if (id === undefined) {
        id = values.length;
        values.push(value);
        ids.set(key, id);
      }
      return id;
    },
  };
}

export function buildIndicatorIndex(indicators: readonly Indicator[], options: IndicatorIndexOptions): IndicatorIndex {
  const n = indicators.length;
  const nowMs = options.now.getTime();
  const rules = options.rules ?? [];
  const classifier = createCreatorClassifier(rules);
  const creatorIds = interner();
  const creators: CreatorInfo[] = [];
  const typeIds = interner();
  const actionIds = interner();
  const groupIds = interner();
  const creatorOf = new Int32Array(n);
  const classOf = new Uint8Array(n);
  const typeOf = new Int32Array(n);
  const actionOf = new Int32Array(n);
  const scopeStart = new Int32Array(n + 1);
  const flatGroups: number[] = [];
  const expiresAt = new Float64Array(n);
  const expiryBucket = new Uint8Array(n);
  const lastUpdate = new Float64Array(n);
  const valueText = new Array<string>(n);
  const proseIds = interner();
  const proseOf = new Int32Array(n);
  const rowOfId = new Map<string, number>();

  for (let r = 0; r < n; r++) {
    const ind = indicators[r]!;
    const info = classifier.classify(ind);
    const key = creatorKey(info);
    const cid = creatorIds.id(key);
    if (cid === creators.length) creators.push(info);
    creatorOf[r] = cid;
    classOf[r] = CREATOR_CLASSES.indexOf(info.class);
    typeOf[r] = typeIds.id(ind.indicatorType);
    actionOf[r] = actionIds.id(ind.action);
    scopeStart[r] = flatGroups.length;
    for (const g of ind.rbacGroupNames) flatGroups.push(groupIds.id(g, g.toLowerCase()));
    const at = expiryMs(ind.expirationTime);
    expiresAt[r] = at;
    expiryBucket[r] = EXPIRY_BUCKETS.indexOf(expiryBucketOf(at, nowMs, options.expiringSoonDays));
    lastUpdate[r] = ind.lastUpdateTime ? Date.parse(ind.lastUpdateTime) : Number.NaN;
    // toLowerCase returns the string itself when nothing changes (most values), so no second copy.
    valueText[r] = ind.indicatorValue.toLowerCase();
    const prose = `${ind.title}\n${ind.description ?? ''}`;
    proseOf[r] = proseIds.id(prose.toLowerCase(), prose);
    rowOfId.set(ind.id, r);
  }
  scopeStart[n] = flatGroups.length;

  return {
    size: n,
    indicators,
    nowMs,
    expiringSoonDays: options.expiringSoonDays,
    rules,
    creators,
    creatorKeys: creatorIds.values,
    creatorOf,
    classOf,
    types: typeIds.values,
    typeOf,
    actions: actionIds.values,
    actionOf,
    groups: groupIds.values,
    scopeStart,
    scopeGroups: Int32Array.from(flatGroups),
    expiresAt,
    expiryBucket,
    lastUpdate,
    valueText,
    proseOf,
    proseTexts: proseIds.values,
    duplicates: findDuplicates(indicators),
    rowOfId,
    sortOrders: new Map(),
  };
}

/** The creator (class + name) of a row. */
export function creatorOfRow(index: IndicatorIndex, row: number): CreatorInfo {
  return index.creators[index.creatorOf[row]!]!;
}

/** Duplicate/conflict flags of a row. */
export function duplicateStateOfRow(index: IndicatorIndex, row: number): { duplicate: boolean; conflict: boolean } {
  const f = index.duplicates.flags[row]!;
  return { duplicate: (f & 1) !== 0, conflict: (f & 2) !== 0 };
}

/** Row positions → indicators (e.g. the marked set for a bulk plan). */
export function indicatorsAt(index: IndicatorIndex, rows: ArrayLike<number>): Indicator[] {
  const out: Indicator[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = index.indicators[rows[i]!]!;
  return out;
}
