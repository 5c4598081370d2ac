/**
 * One instance per distinct value for the data the console keeps for the session.
 *
 * JSON.parse makes a new string for every occurrence of a value and a new array for every list,
 * so 15,000 indicators carry 15,000 copies of a handful of creators, descriptions and empty group
 * lists, and the three device reads (machines, advanced hunting, antivirus info) each carry their
 * own copy of 20,000 device ids and names. Kept records pass their repeated values through a
 * sharer when they are read (issue 9, "Memory ≤ 200 MB"): measured in a heap snapshot at tenant
 * scale, ~4 MB of the indicator list and ~4 MB of the device rows were such copies.
 *
 * A sharer holds what it has seen, so it lives as long as the read it serves (one per full read),
 * or as long as the data whose values it offers to later reads (`DeviceNames`).
 */

/** The first instance of each distinct string passed in. */
export type StringSharer = (s: string) => string;

export function createStringSharer(): StringSharer {
  const seen = new Map<string, string>();
  return (s) => {
    const known = seen.get(s);
    if (known !== undefined) return known;
    seen.set(s, s);
    return s;
  };
}

/** null and undefined pass through. */
export function shareMaybe<T extends string | null | undefined>(share: StringSharer, s: T): T {
  return (typeof s === 'string' ? share(s) : s) as T;
}

/**
 * Every empty list read is this one (frozen, so a caller that tried to change a shared list would
 * fail loudly instead of changing every record that shares it).
 */
export const EMPTY_LIST: readonly never[] = Object.freeze([]);

/**
 * The first instance of each distinct list of strings (by content, in order), frozen; empty lists
 * are EMPTY_LIST. For lists that repeat: device-group scopes, MITRE techniques, product names.
 */
export function createListSharer(share: StringSharer = createStringSharer()): <T extends string>(list: readonly T[]) => T[] {
  const seen = new Map<string, readonly string[]>();
  return <T extends string>(list: readonly T[]): T[] => {
    if (list.length === 0) return EMPTY_LIST as unknown as T[];
    // JSON: unambiguous whatever the strings contain (a joined key would let ["a,b"] meet ["a", "b"]).
    const key = JSON.stringify(list);
    const known = seen.get(key);
    if (known !== undefined) return known as T[];
    const copy = Object.freeze(list.map(share)) as readonly T[];
    seen.set(key, copy);
    return copy as T[];
  };
}
