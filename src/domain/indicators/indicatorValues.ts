/**
 * What a valid indicator looks like per type: value syntax, the actions each type accepts, and
 * the normalised form used to spot duplicates.
 *
 * Sources (MicrosoftDocs/defender-docs): indicators-overview.md — "type the IPv4 address in
 * dotted-quad form … For IPv6 addresses, specify all 8 segments … wildcards and ranges are not
 * supported", the actions-per-type table; indicator-ip-domain.md — "Only external IPs can be
 * added … Only single IP addresses are supported (no CIDR blocks or IP ranges)";
 * post-ti-indicator — "CIDR not supported".
 */
import type { IndicatorAction, IndicatorType } from '../types.js';

export const INDICATOR_TYPES: readonly IndicatorType[] = [
  'FileSha1',
  'FileSha256',
  'FileMd5',
  'CertificateThumbprint',
  'IpAddress',
  'DomainName',
  'Url',
];

/** Actions accepted for new writes (Alert/AlertAndBlock are legacy and rejected). */
export type WritableAction = 'Allowed' | 'Audit' | 'Warn' | 'Block' | 'BlockAndRemediate';

export const SEVERITIES = ['Informational', 'Low', 'Medium', 'High'] as const;

const FILE_ACTIONS: readonly WritableAction[] = ['Allowed', 'Audit', 'Warn', 'Block', 'BlockAndRemediate'];
const NETWORK_ACTIONS: readonly WritableAction[] = ['Allowed', 'Audit', 'Warn', 'Block'];
const CERTIFICATE_ACTIONS: readonly WritableAction[] = ['Allowed', 'BlockAndRemediate'];

/** The actions-per-type table of indicators-overview.md. */
export const ACTIONS_BY_TYPE: Readonly<Record<IndicatorType, readonly WritableAction[]>> = {
  FileSha1: FILE_ACTIONS,
  FileSha256: FILE_ACTIONS,
  FileMd5: FILE_ACTIONS,
  CertificateThumbprint: CERTIFICATE_ACTIONS,
  IpAddress: NETWORK_ACTIONS,
  DomainName: NETWORK_ACTIONS,
  Url: NETWORK_ACTIONS,
};

export function isIndicatorType(value: string): value is IndicatorType {
  return (INDICATOR_TYPES as readonly string[]).includes(value);
}

/** URL, domain and IP indicators: enforced by network protection / SmartScreen. */
export function isNetworkType(type: string): boolean {
  return type === 'IpAddress' || type === 'DomainName' || type === 'Url';
}

/** Legacy actions and what the docs renamed them to ("alert only" → Audit + alert, "alert and block" → BlockAndRemediate). */
export const LEGACY_ACTIONS: Readonly<Record<string, WritableAction>> = { Alert: 'Audit', AlertAndBlock: 'BlockAndRemediate' };

/** Why `action` cannot be written for `type`, or null when it can. */
export function actionProblem(type: string, action: string): string | null {
  const legacy = LEGACY_ACTIONS[action];
  if (legacy) return `legacy action ${action} is no longer accepted; use ${legacy}${legacy === 'Audit' ? ' with GenerateAlert true' : ''}`;
  if (!isIndicatorType(type)) return `unknown indicator type ${type}`;
  const allowed = ACTIONS_BY_TYPE[type];
  if (!(allowed as readonly string[]).includes(action)) {
    return `action ${action} is not allowed for ${type} indicators (allowed: ${allowed.join(', ')})`;
  }
  return null;
}

/** Maps an existing indicator's action to what a new write must send (legacy names renamed). */
export function writableActionOf(action: IndicatorAction | string): WritableAction | null {
  if (LEGACY_ACTIONS[action]) return LEGACY_ACTIONS[action]!;
  return (FILE_ACTIONS as readonly string[]).includes(action) ? (action as WritableAction) : null;
}

// ---------------------------------------------------------------------------
// Value syntax

const HEX_LENGTH: Partial<Record<IndicatorType, number>> = { FileSha1: 40, FileSha256: 64, FileMd5: 32, CertificateThumbprint: 40 };

/** Why `value` is not a valid value for `type`, or null when it is. */
export function valueProblem(type: IndicatorType, value: string): string | null {
  if (value.trim() === '') return 'value is empty';
  if (value !== value.trim()) return 'value has leading or trailing spaces';
  const hexLength = HEX_LENGTH[type];
  if (hexLength !== undefined) {
    if (!/^[0-9a-fA-F]+$/.test(value)) return `${type} must be hexadecimal`;
    if (value.length !== hexLength) return `${type} must be ${hexLength} hex characters, got ${value.length}`;
    return null;
  }
  switch (type) {
    case 'IpAddress':
      return ipProblem(value);
    case 'DomainName':
      return domainProblem(value);
    case 'Url':
      return urlProblem(value);
    default:
      return null;
  }
}

function ipProblem(value: string): string | null {
  if (value.includes('/')) return 'CIDR blocks are not supported; give a single external IP address';
  if (value.includes('-')) return 'IP ranges are not supported; give a single external IP address';
  if (value.includes('*')) return 'wildcards are not supported in IP indicators';
  if (value.includes(':')) return ipv6Problem(value);
  return ipv4Problem(value);
}

function ipv4Problem(value: string): string | null {
  const parts = value.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^(0|[1-9]\d{0,2})$/.test(p) || Number(p) > 255)) {
    return 'not an IPv4 address in dotted-quad form (e.g. 8.8.8.8)';
  }
  const [a, b] = parts.map(Number) as [number, number, number, number];
  const internal = ipv4InternalKind(a, b);
  return internal ? `${internal} address: only external IPs can be indicators` : null;
}

function ipv4InternalKind(a: number, b: number): string | null {
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private';
  if (a === 127) return 'loopback';
  if (a === 169 && b === 254) return 'link-local';
  if (a === 100 && b >= 64 && b <= 127) return 'shared (carrier-grade NAT)';
  if (a === 0) return 'unspecified';
  if (a >= 224 && a <= 239) return 'multicast';
  if (a >= 240) return 'reserved';
  return null;
}

function ipv6Problem(value: string): string | null {
  if (value.includes('::')) return 'IPv6 addresses must specify all 8 segments (no "::" shorthand), e.g. 2001:4860:4860:0:0:0:0:8888';
  const segments = value.split(':');
  if (segments.length !== 8) return `IPv6 addresses must specify all 8 segments, got ${segments.length}`;
  if (segments.some((s) => !/^[0-9a-fA-F]{1,4}$/.test(s))) return 'not an IPv6 address: each segment is 1–4 hex digits';
  return ipv6InternalProblem(segments.map((s) => parseInt(s, 16)));
}

/** Expands a valid (URL-parser-produced) IPv6 literal, "::" included, into its 8 words. */
function expandIpv6(literal: string): number[] {
  const [head = '', tail] = literal.split('::');
  const words = (part: string) => (part === '' ? [] : part.split(':').map((s) => parseInt(s, 16)));
  const left = words(head);
  const right = tail === undefined ? [] : words(tail);
  return [...left, ...new Array<number>(Math.max(0, 8 - left.length - right.length)).fill(0), ...right];
}

function ipv6InternalProblem(words: number[]): string | null {
  const first = words[0] ?? 0;
  if (words.every((w) => w === 0)) return 'unspecified address: only external IPs can be indicators';
  if (words.slice(0, 7).every((w) => w === 0) && words[7] === 1) return 'loopback address: only external IPs can be indicators';
  if ((first & 0xffc0) === 0xfe80) return 'link-local address: only external IPs can be indicators';
  if ((first & 0xffc0) === 0xfec0) return 'site-local address: only external IPs can be indicators';
  if ((first & 0xfe00) === 0xfc00) return 'unique-local (private) address: only external IPs can be indicators';
  if ((first & 0xff00) === 0xff00) return 'multicast address: only external IPs can be indicators';
  return null;
}

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/i;

function domainProblem(value: string): string | null {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return 'a domain has no scheme; put full addresses in a Url indicator';
  if (value.includes('/')) return 'a domain has no path; put full addresses in a Url indicator';
  if (value.includes('*')) return 'wildcards are not supported; a domain indicator already matches its subdomains';
  return hostProblem(value.endsWith('.') ? value.slice(0, -1) : value);
}

function hostProblem(host: string): string | null {
  if (/[^\x21-\x7e]/.test(host)) return 'domain has spaces or non-ASCII characters; write international names in punycode (xn--…)';
  if (host.length > 253) return 'domain is longer than 253 characters';
  const labels = host.split('.');
  if (labels.length < 2) return 'domain needs at least two labels (e.g. example.com)';
  if (labels.some((l) => !LABEL.test(l))) return 'domain labels are 1–63 letters, digits or hyphens, not starting or ending with a hyphen';
  if (/^\d+$/.test(labels[labels.length - 1]!)) return 'an IP address belongs in an IpAddress indicator';
  return null;
}

function urlProblem(value: string): string | null {
  if (/\s/.test(value)) return 'URL contains spaces';
  if (!/^https?:\/\//i.test(value)) return 'URL must start with http:// or https:// (a bare host belongs in a DomainName indicator)';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'not a valid URL';
  }
  const host = url.hostname;
  // The URL parser compresses IPv6 literals, so check the internal ranges on the expanded form;
  // the "all 8 segments" rule is documented for IP indicators, not for hosts inside URLs.
  if (host.startsWith('[')) return ipv6InternalProblem(expandIpv6(host.slice(1, -1)));
  if (/^\d+(\.\d+){3}$/.test(host)) return ipv4Problem(host);
  return hostProblem(host);
}

// ---------------------------------------------------------------------------
// Normalisation (duplicate detection)

/**
 * The form two values of the same type must share to be "the same indicator": lower-cased
 * (hashes and host names are case-insensitive; issue 5 asks for case-insensitive duplicates),
 * IPv6 segments without leading zeros, domains without a trailing dot, URLs without a bare
 * trailing slash.
 */
export function normaliseValue(type: string, value: string): string {
  const v = value.trim().toLowerCase();
  switch (type) {
    case 'IpAddress':
      return v.includes(':') && !v.includes('::') ? v.split(':').map((s) => s.replace(/^0+(?=.)/, '')).join(':') : v;
    case 'DomainName':
      return v.endsWith('.') ? v.slice(0, -1) : v;
    case 'Url':
      return /^https?:\/\/[^/]+\/$/.test(v) ? v.slice(0, -1) : v;
    default:
      return v;
  }
}
