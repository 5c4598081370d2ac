/**
 * Who wrote an indicator: a creator class plus the name behind it.
 *
 * ONE ordered rule table decides; the first rule whose conditions all match wins. A profile's
 * `creatorRules` are tried before the defaults, so a tenant can re-class any creator.
 *
 * Why a table and not code: the raw values Defender for Cloud Apps (MDCA) writes are not in
 * Microsoft's API docs (domain-notes §1 "MDCA-synced creator value", §8). The portal shows
 * "Created by: Microsoft Defender for Cloud Apps"; the simulator writes that into createdBy and
 * createdByDisplayName and "MicrosoftDefenderForCloudApps" into createdBySource. We also match the
 * product's older names ("Cloud App Security", "MCAS") because tenants synced before the rename
 * may carry them. Portal rows carry createdBySource "Portal" and a UPN; API rows "PublicApi" and
 * an app id (samples/mde-indicators-list-swimlane-captured.json); old doc samples use sourceType
 * User/AadApp instead.
 */
import type { CreatorRule } from '../../config/types.js';
import type { Indicator } from '../types.js';

export type CreatorClass = CreatorRule['class'];
export type CreatorField = CreatorRule['field'];

export const CREATOR_CLASSES: readonly CreatorClass[] = ['mdca', 'person', 'app', 'portal', 'other'];

export const CREATOR_CLASS_LABELS: Readonly<Record<CreatorClass, string>> = {
  mdca: 'Defender for Cloud Apps',
  person: 'person',
  app: 'app',
  portal: 'portal',
  other: 'other',
};

/** The name shown for every indicator synced from Defender for Cloud Apps. */
export const MDCA_CREATOR_NAME = 'Defender for Cloud Apps';

export interface CreatorInfo {
  class: CreatorClass;
  /** UPN (person), app display name or id (app), "Defender for Cloud Apps" (mdca), … */
  name: string;
}

/** A rule with more than one condition (all must match). Profile rules are single-condition `CreatorRule`s. */
export interface CreatorRuleSpec {
  class: CreatorClass;
  when: readonly { field: CreatorField; pattern: string }[];
}

const MDCA_NAMES = String.raw`defender\s*for\s*cloud\s*apps|cloud\s*app\s*security|\bmcas\b`;
const UPN = String.raw`^[^@\s]+@[^@\s]+\.[^@\s]+$`;
const GUID = String.raw`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`;

/** The default table, in order. Profile rules go before it. */
export const DEFAULT_CREATOR_RULES: readonly CreatorRuleSpec[] = [
  { class: 'mdca', when: [{ field: 'createdBySource', pattern: String.raw`^MicrosoftDefenderForCloudApps$|${MDCA_NAMES}` }] },
  { class: 'mdca', when: [{ field: 'createdByDisplayName', pattern: MDCA_NAMES }] },
  { class: 'mdca', when: [{ field: 'createdBy', pattern: MDCA_NAMES }] },
  { class: 'person', when: [{ field: 'createdBy', pattern: UPN }, { field: 'createdBySource', pattern: '^Portal$' }] },
  { class: 'person', when: [{ field: 'createdBy', pattern: UPN }, { field: 'sourceType', pattern: '^User$' }] },
  { class: 'app', when: [{ field: 'createdBy', pattern: GUID }] },
  { class: 'app', when: [{ field: 'sourceType', pattern: '^AadApp$' }] },
  { class: 'app', when: [{ field: 'createdBySource', pattern: '^PublicApi$' }] },
  { class: 'portal', when: [{ field: 'createdBySource', pattern: '^Portal$' }] },
];

interface CompiledRule {
  class: CreatorClass;
  tests: { field: CreatorField; re: RegExp }[];
}

/**
 * Compiled rules plus a memo. The memo is keyed by the four raw creator fields rather than by
 * id + lastUpdateTime: the result depends on nothing else, a tenant has few distinct creators
 * (so the memo stays small), and a reused id can never return a stale class.
 */
export interface CreatorClassifier {
  readonly classify: (ind: Indicator) => CreatorInfo;
}

const MEMO_LIMIT = 10_000;

/** Compiles profile rules (tried first) and the defaults into a memoising classifier. A bad pattern throws a one-line error. */
export function createCreatorClassifier(profileRules: readonly CreatorRule[] = []): CreatorClassifier {
  const compile = (spec: CreatorRuleSpec): CompiledRule => ({
    class: spec.class,
    tests: spec.when.map((w) => {
      try {
        return { field: w.field, re: new RegExp(w.pattern, 'i') };
      } catch {
        throw new Error(`creator rule for class "${spec.class}" has an invalid pattern /${w.pattern}/; fix creatorRules in the profile`);
      }
    }),
  });
  const rules = [
    ...profileRules.map((r) => compile({ class: r.class, when: [{ field: r.field, pattern: r.pattern }] })),
    ...DEFAULT_CREATOR_RULES.map(compile),
  ];
  const memo = new Map<string, CreatorInfo>();
  return {
    classify(ind) {
      const key = `${ind.createdBySource ?? ''}\u0000${ind.createdBy ?? ''}\u0000${ind.createdByDisplayName ?? ''}\u0000${ind.sourceType ?? ''}`;
      const hit = memo.get(key);
      if (hit) return hit;
      const info = classifyWith(rules, ind);
      if (memo.size >= MEMO_LIMIT) memo.clear();
      memo.set(key, info);
      return info;
    },
  };
}

function classifyWith(rules: readonly CompiledRule[], ind: Indicator): CreatorInfo {
  for (const rule of rules) {
    if (rule.tests.every((t) => t.re.test(ind[t.field] ?? ''))) return { class: rule.class, name: nameFor(rule.class, ind) };
  }
  return { class: 'other', name: nameFor('other', ind) };
}

function nameFor(cls: CreatorClass, ind: Indicator): string {
  const display = ind.createdByDisplayName?.trim() || null;
  const by = ind.createdBy?.trim() || null;
  switch (cls) {
    case 'mdca':
      return MDCA_CREATOR_NAME;
    case 'person':
      return by ?? display ?? 'unknown person';
    case 'app':
      return display ?? by ?? 'unknown app';
    case 'portal':
      return display ?? by ?? 'Portal';
    case 'other':
      return display ?? by ?? ind.createdBySource ?? 'unknown';
  }
}

const classifiers = new WeakMap<readonly CreatorRule[], CreatorClassifier>();
const defaultClassifier = createCreatorClassifier();

/**
 * The creator class of one indicator and the name behind it. `rules` are the profile's extra
 * rules (tried before the defaults); the compiled table is cached per rules array.
 */
export function creatorClassOf(ind: Indicator, rules?: readonly CreatorRule[]): CreatorInfo {
  if (!rules || rules.length === 0) return defaultClassifier.classify(ind);
  let c = classifiers.get(rules);
  if (!c) {
    c = createCreatorClassifier(rules);
    classifiers.set(rules, c);
  }
  return c.classify(ind);
}

/** Filter/facet key of a creator: "class:name" (the class alone, e.g. "mdca", selects the whole class). */
export function creatorKey(info: CreatorInfo): string {
  return `${info.class}:${info.name}`;
}

/** True for indicators written by Defender for Cloud Apps under the given rules. */
export function isMdcaIndicator(ind: Indicator, rules?: readonly CreatorRule[]): boolean {
  return creatorClassOf(ind, rules).class === 'mdca';
}
