/**
 * A small OData v4 $filter parser and evaluator shared by the MDE, Graph and ARM handlers.
 * Supports what the documented examples use: eq, ne, gt, ge, lt, le, and, or, not, parentheses,
 * startswith/endswith/contains, any() lambdas on collections (`machineTags/any(t: t eq 'x')`),
 * string, number, boolean, null and unquoted datetime literals (`lastSeen gt 2018-08-01Z`), and
 * slash paths (`properties/status`).
 *
 * String comparison is case-insensitive: the documented examples mix cases for enum values
 * (Graph docs show both "active" and "Active"), and the console compares them case-insensitively too.
 */

export class ODataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ODataError';
  }
}

export type FilterNode =
  | { kind: 'literal'; value: string | number | boolean | null; isDate: boolean }
  | { kind: 'path'; path: string[] }
  | { kind: 'binary'; op: 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le' | 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; operand: FilterNode }
  | { kind: 'call'; name: string; args: FilterNode[] }
  | { kind: 'any'; path: string[]; variable: string | null; body: FilterNode | null };

type Token = { t: 'str'; v: string } | { t: 'num'; v: number } | { t: 'date'; v: string } | { t: 'id'; v: string } | { t: 'p'; v: string };

const DATE_RE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?)?(Z|[+-]\d{2}:\d{2})?/;

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if (c === "'") {
      let s = '';
      i++;
      for (;;) {
        if (i >= src.length) throw new ODataError(`Unterminated string literal in $filter at position ${i}.`);
        if (src[i] === "'") {
          if (src[i + 1] === "'") {
            s += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        s += src[i++];
      }
      out.push({ t: 'str', v: s });
      continue;
    }
    if (c === '(' || c === ')' || c === ',' || c === ':') {
      out.push({ t: 'p', v: c });
      i++;
      continue;
    }
    const date = DATE_RE.exec(src.slice(i));
    if (date && /^\d{4}-/.test(src.slice(i))) {
      out.push({ t: 'date', v: date[0] });
      i += date[0].length;
      continue;
    }
    const num = /^-?\d+(\.\d+)?/.exec(src.slice(i));
    if (num) {
      out.push({ t: 'num', v: Number(num[0]) });
      i += num[0].length;
      continue;
    }
    const id = /^[A-Za-z_$@][A-Za-z0-9_$.@/-]*/.exec(src.slice(i));
    if (id) {
      // A trailing "/any" before "(" is a lambda on the path.
      out.push({ t: 'id', v: id[0] });
      i += id[0].length;
      continue;
    }
    throw new ODataError(`Syntax error at position ${i} in $filter: unexpected '${c}'.`);
  }
  return out;
}

const COMPARISONS = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
const FUNCTIONS = new Set(['startswith', 'endswith', 'contains', 'tolower', 'toupper']);

export function parseFilter(src: string): FilterNode {
  const toks = tokenize(src);
  let pos = 0;
  const peek = (): Token | undefined => toks[pos];
  const isId = (v: string): boolean => {
    const t = peek();
    return t?.t === 'id' && t.v.toLowerCase() === v;
  };
  const expectP = (v: string): void => {
    const t = toks[pos++];
    if (!t || t.t !== 'p' || t.v !== v) throw new ODataError(`Syntax error in $filter: expected '${v}'${t ? ` near '${String(t.v)}'` : ' at end of expression'}.`);
  };

  const parseOr = (): FilterNode => {
    let left = parseAnd();
    while (isId('or')) {
      pos++;
      left = { kind: 'binary', op: 'or', left, right: parseAnd() };
    }
    return left;
  };
  const parseAnd = (): FilterNode => {
    let left = parseNot();
    while (isId('and')) {
      pos++;
      left = { kind: 'binary', op: 'and', left, right: parseNot() };
    }
    return left;
  };
  const parseNot = (): FilterNode => {
    if (isId('not')) {
      pos++;
      return { kind: 'not', operand: parseNot() };
    }
    return parseCmp();
  };
  const parseCmp = (): FilterNode => {
    const left = parsePrimary();
    const t = peek();
    if (t?.t === 'id' && COMPARISONS.has(t.v.toLowerCase())) {
      pos++;
      return { kind: 'binary', op: t.v.toLowerCase() as 'eq', left, right: parsePrimary() };
    }
    return left;
  };
  const parsePrimary = (): FilterNode => {
    const t = toks[pos++];
    if (!t) throw new ODataError('Syntax error in $filter: unexpected end of expression.');
    if (t.t === 'p' && t.v === '(') {
      const e = parseOr();
      expectP(')');
      return e;
    }
    if (t.t === 'str') return { kind: 'literal', value: t.v, isDate: false };
    if (t.t === 'num') return { kind: 'literal', value: t.v, isDate: false };
    if (t.t === 'date') return { kind: 'literal', value: t.v, isDate: true };
    if (t.t === 'id') {
      const lower = t.v.toLowerCase();
      if (lower === 'true' || lower === 'false') return { kind: 'literal', value: lower === 'true', isDate: false };
      if (lower === 'null') return { kind: 'literal', value: null, isDate: false };
      const next = peek();
      if (next?.t === 'p' && next.v === '(') {
        const segs = t.v.split('/');
        const last = segs[segs.length - 1]!.toLowerCase();
        if (segs.length > 1 && (last === 'any' || last === 'all')) {
          if (last === 'all') throw new ODataError("The 'all' lambda operator is not supported in $filter.");
          pos++;
          if (peek()?.t === 'p' && (peek() as Token).v === ')') {
            pos++;
            return { kind: 'any', path: segs.slice(0, -1), variable: null, body: null };
          }
          const v = toks[pos++];
          if (!v || v.t !== 'id') throw new ODataError('Syntax error in $filter: expected a lambda variable in any().');
          expectP(':');
          const body = parseOr();
          expectP(')');
          return { kind: 'any', path: segs.slice(0, -1), variable: v.v, body };
        }
        if (!FUNCTIONS.has(lower)) throw new ODataError(`Unknown function '${t.v}' in $filter.`);
        pos++;
        const args: FilterNode[] = [parseOr()];
        while (peek()?.t === 'p' && (peek() as Token).v === ',') {
          pos++;
          args.push(parseOr());
        }
        expectP(')');
        return { kind: 'call', name: lower, args };
      }
      return { kind: 'path', path: t.v.split('/') };
    }
    throw new ODataError(`Syntax error in $filter near '${String(t.v)}'.`);
  };
  const node = parseOr();
  if (pos < toks.length) throw new ODataError(`Syntax error in $filter near '${String(toks[pos]!.v)}'.`);
  return node;
}

/** Top-level property names a filter reads (for the "property not filterable" check). */
export function filterProperties(node: FilterNode, vars: Set<string> = new Set()): string[] {
  switch (node.kind) {
    case 'literal':
      return [];
    case 'path':
      return vars.has(node.path[0]!) ? [] : [node.path.join('/')];
    case 'binary':
      return [...filterProperties(node.left, vars), ...filterProperties(node.right, vars)];
    case 'not':
      return filterProperties(node.operand, vars);
    case 'call':
      return node.args.flatMap((a) => filterProperties(a, vars));
    case 'any': {
      const inner = new Set(vars);
      if (node.variable) inner.add(node.variable);
      return [node.path.join('/'), ...(node.body ? filterProperties(node.body, inner) : [])];
    }
  }
}

type Scope = Record<string, unknown>;

function resolve(obj: unknown, path: string[], scope: Scope): unknown {
  let cur: unknown = path[0]! in scope ? scope[path[0]!] : (obj as Record<string, unknown> | null)?.[path[0]!];
  for (let i = 1; i < path.length; i++) cur = cur !== null && typeof cur === 'object' ? (cur as Record<string, unknown>)[path[i]!] : undefined;
  return cur;
}

function asDate(v: unknown): number | null {
  if (typeof v !== 'string' || !DATE_RE.test(v)) return null;
  const ms = Date.parse(v.length === 10 ? `${v}T00:00:00Z` : /\d{4}-\d{2}-\d{2}Z$/.test(v) ? v.replace('Z', 'T00:00:00Z') : v);
  return Number.isNaN(ms) ? null : ms;
}

function compare(op: string, a: unknown, b: unknown, dateCompare: boolean): boolean {
  if (op === 'eq' || op === 'ne') {
    let eq: boolean;
    if (a === null || a === undefined || b === null || b === undefined) eq = (a ?? null) === (b ?? null);
    else if (dateCompare) eq = asDate(a) === asDate(b);
    else if (typeof a === 'string' && typeof b === 'string') eq = a.toLowerCase() === b.toLowerCase();
    else if (typeof a === 'number' || typeof b === 'number') eq = Number(a) === Number(b);
    else eq = a === b;
    return op === 'eq' ? eq : !eq;
  }
  if (a === null || a === undefined || b === null || b === undefined) return false;
  let x: number | string;
  let y: number | string;
  if (dateCompare) {
    const da = asDate(a);
    const db = asDate(b);
    if (da === null || db === null) return false;
    x = da;
    y = db;
  } else if (typeof a === 'number' || typeof b === 'number') {
    x = Number(a);
    y = Number(b);
  } else {
    x = String(a).toLowerCase();
    y = String(b).toLowerCase();
  }
  switch (op) {
    case 'gt':
      return x > y;
    case 'ge':
      return x >= y;
    case 'lt':
      return x < y;
    default:
      return x <= y;
  }
}

function evalNode(node: FilterNode, obj: unknown, scope: Scope): unknown {
  switch (node.kind) {
    case 'literal':
      return node.value;
    case 'path':
      return resolve(obj, node.path, scope);
    case 'not':
      return !evalNode(node.operand, obj, scope);
    case 'binary': {
      if (node.op === 'and') return Boolean(evalNode(node.left, obj, scope)) && Boolean(evalNode(node.right, obj, scope));
      if (node.op === 'or') return Boolean(evalNode(node.left, obj, scope)) || Boolean(evalNode(node.right, obj, scope));
      const a = evalNode(node.left, obj, scope);
      const b = evalNode(node.right, obj, scope);
      const dateCompare = (node.left.kind === 'literal' && node.left.isDate) || (node.right.kind === 'literal' && node.right.isDate) || (asDate(a) !== null && asDate(b) !== null && typeof a === 'string' && a.length > 10 && typeof b === 'string' && b.length > 10);
      return compare(node.op, a, b, dateCompare);
    }
    case 'call': {
      const args = node.args.map((x) => evalNode(x, obj, scope));
      const s = (v: unknown): string => (v === null || v === undefined ? '' : String(v).toLowerCase());
      switch (node.name) {
        case 'startswith':
          return args[0] !== null && args[0] !== undefined && s(args[0]).startsWith(s(args[1]));
        case 'endswith':
          return args[0] !== null && args[0] !== undefined && s(args[0]).endsWith(s(args[1]));
        case 'contains':
          return args[0] !== null && args[0] !== undefined && s(args[0]).includes(s(args[1]));
        case 'tolower':
          return typeof args[0] === 'string' ? args[0].toLowerCase() : args[0];
        default:
          return typeof args[0] === 'string' ? args[0].toUpperCase() : args[0];
      }
    }
    case 'any': {
      const coll = resolve(obj, node.path, scope);
      if (!Array.isArray(coll)) return false;
      if (!node.body) return coll.length > 0;
      const body = node.body;
      const v = node.variable!;
      return coll.some((item) => Boolean(evalNode(body, obj, { ...scope, [v]: item })));
    }
  }
}

export type Predicate = (obj: unknown) => boolean;

/**
 * Compiles a $filter into a predicate. `allowed` (lower-case top-level paths) rejects properties
 * the service does not document as filterable, with the message the caller turns into a 400.
 */
export function compileFilter(src: string | null, allowed?: ReadonlySet<string>): Predicate {
  if (src === null || src.trim() === '') return () => true;
  const node = parseFilter(src);
  if (allowed) {
    for (const p of filterProperties(node)) {
      if (!allowed.has(p.toLowerCase())) throw new ODataError(`Property '${p}' is not supported in $filter. Filterable properties: ${[...allowed].join(', ')}.`);
    }
  }
  return (obj) => Boolean(evalNode(node, obj, {}));
}

/** `$orderby=properties/createdTimeUtc desc` → comparator on the given paths. */
export function compileOrderBy(src: string | null, allowed: ReadonlySet<string>): ((a: unknown, b: unknown) => number) | null {
  if (src === null || src.trim() === '') return null;
  const keys = src.split(',').map((part) => {
    const [path = '', dir = 'asc', ...rest] = part.trim().split(/\s+/);
    if (rest.length > 0 || !['asc', 'desc'].includes(dir.toLowerCase())) throw new ODataError(`Syntax error in $orderby near '${part.trim()}'.`);
    if (!allowed.has(path.toLowerCase())) throw new ODataError(`Property '${path}' is not supported in $orderby. Supported: ${[...allowed].join(', ')}.`);
    return { path: path.split('/'), desc: dir.toLowerCase() === 'desc' };
  });
  return (a, b) => {
    for (const k of keys) {
      const x = resolve(a, k.path, {});
      const y = resolve(b, k.path, {});
      const dx = asDate(x);
      const dy = asDate(y);
      const c = dx !== null && dy !== null ? dx - dy : typeof x === 'number' && typeof y === 'number' ? x - y : String(x ?? '').localeCompare(String(y ?? ''));
      if (c !== 0) return k.desc ? -c : c;
    }
    return 0;
  };
}

/** Parses $top/$skip: a non-negative integer or undefined; anything else is an OData error. */
export function parseNonNegativeInt(name: string, raw: string | null): number | undefined {
  if (raw === null) return undefined;
  if (!/^\d+$/.test(raw.trim())) throw new ODataError(`Invalid value '${raw}' for ${name}: expected a non-negative integer.`);
  return Number(raw.trim());
}
