/**
 * What matching needs to know about an incident's enum-like fields, judged once when the record is
 * prepared (syncRecords.ts) and packed into one small integer per record.
 *
 * matchIncidents compares ~50,000 pairs per run, every minute while the Sync or Health screen polls.
 * Judging "resolved" ≈ "Closed" or "HIGH" ≈ "high" per pair lower-cased and compared strings every
 * run (issue 9 "Sync diff"); the judgement only changes when the record does. One integer field
 * instead of one field per fact: a small integer is stored in the object itself (a V8 Smi), so 100,000
 * records pay 8 bytes each for all of them (the store's memory budget).
 *
 * Codes are 0 for "cannot judge / do not compare" (equivalence.ts returns null for those), so a
 * comparison reads "both known and different" as `a !== 0 && b !== 0 && a !== b`.
 */
import type { ClassificationClass, StatusClass } from './equivalence.js';

declare const brand: unique symbol;
/** Facts of a prepared Defender incident; only `defenderFacts` makes one. */
export type DefenderFacts = number & { readonly [brand]: 'DefenderFacts' };
/** Facts of a prepared Sentinel incident; only `sentinelFacts` makes one. */
export type SentinelFacts = number & { readonly [brand]: 'SentinelFacts' };

/** 0 = cannot judge, 1 = open, 2 = closed. */
export type StatusCode = 0 | 1 | 2;
/** 0 = cannot judge, then truePositive, falsePositive, benignPositive, undetermined. */
export type ClassificationCode = 0 | 1 | 2 | 3 | 4;
/** 0 = none (Defender: do not compare; Sentinel: not one of the four), then Informational, Low, Medium, High. */
export type SeverityCode = 0 | 1 | 2 | 3 | 4;

/** Where a Sentinel incident comes from (providerName). */
export type ProviderKind = 'other' | 'xdr' | 'native';

const CLASSIFICATIONS: readonly ClassificationClass[] = ['truePositive', 'falsePositive', 'benignPositive', 'undetermined'];
/** Sentinel's PascalCase severities, as `sentinelSeverityFor` returns them. */
const SEVERITIES: readonly string[] = ['Informational', 'Low', 'Medium', 'High'];
const KINDS: readonly ProviderKind[] = ['other', 'xdr', 'native'];

const statusCode = (c: StatusClass | null): StatusCode => (c === 'open' ? 1 : c === 'closed' ? 2 : 0);
const classificationCode = (c: ClassificationClass | null): ClassificationCode => (c === null ? 0 : ((CLASSIFICATIONS.indexOf(c) + 1) as ClassificationCode));
const severityCode = (s: string | null): SeverityCode => (s === null ? 0 : ((SEVERITIES.indexOf(s) + 1) as SeverityCode));

// Layout, shared by both sides where the meaning is shared:
//   bits 0–1 status code, 2–4 classification code, 5–7 severity code, 8 nobody assigned,
//   Sentinel only: 9 status is "New", 10–11 provider kind, 12 every alert product is XDR-covered;
//   Defender only: 9 incidentWebUrl is a usable portal link.
const CLASSIFICATION_SHIFT = 2;
const SEVERITY_SHIFT = 5;
const UNASSIGNED = 1 << 8;
const STATUS_NEW = 1 << 9;
const KIND_SHIFT = 10;
const PRODUCTS_COVERED = 1 << 12;
const PORTAL_URL = 1 << 9;

export interface DefenderFactsInput {
  status: StatusClass | null;
  classification: ClassificationClass | null;
  /** The Sentinel severity this incident's copy should carry (`sentinelSeverityFor`), null = do not compare. */
  expectedSeverity: string | null;
  /** No assignee (empty after trimming). */
  unassigned: boolean;
  /** `incidentWebUrl` is the link to show (portalLinks.ts `hasPortalUrl`). */
  portalUrl: boolean;
}

export interface SentinelFactsInput {
  status: StatusClass | null;
  classification: ClassificationClass | null;
  /** The severity in Sentinel's spelling (`sentinelSeverityFor`), null when it is none of the four. */
  severity: string | null;
  /** No owner under any of the names the owner match reads. */
  unowned: boolean;
  /** Status is "New" in any casing: a status still at its initial value has no status-change lag. */
  statusNew: boolean;
  kind: ProviderKind;
  /** The product-name heuristic of the incident-creation-rule check (providers.ts). */
  productsCovered: boolean;
}

const shared = (status: StatusClass | null, classification: ClassificationClass | null, severity: string | null, unassigned: boolean): number =>
  statusCode(status) | (classificationCode(classification) << CLASSIFICATION_SHIFT) | (severityCode(severity) << SEVERITY_SHIFT) | (unassigned ? UNASSIGNED : 0);

export function defenderFacts(f: DefenderFactsInput): DefenderFacts {
  return (shared(f.status, f.classification, f.expectedSeverity, f.unassigned) | (f.portalUrl ? PORTAL_URL : 0)) as DefenderFacts;
}

export function sentinelFacts(f: SentinelFactsInput): SentinelFacts {
  return (shared(f.status, f.classification, f.severity, f.unowned) |
    (f.statusNew ? STATUS_NEW : 0) |
    (KINDS.indexOf(f.kind) << KIND_SHIFT) |
    (f.productsCovered ? PRODUCTS_COVERED : 0)) as SentinelFacts;
}

type Facts = DefenderFacts | SentinelFacts;

export const statusOf = (f: Facts): StatusCode => (f & 3) as StatusCode;
export const classificationOf = (f: Facts): ClassificationCode => ((f >> CLASSIFICATION_SHIFT) & 7) as ClassificationCode;
/** Defender: the expected Sentinel severity; Sentinel: its own. */
export const severityOf = (f: Facts): SeverityCode => ((f >> SEVERITY_SHIFT) & 7) as SeverityCode;
/** Defender: no assignee; Sentinel: no owner under any name the owner match reads. */
export const hasNobodyAssigned = (f: Facts): boolean => (f & UNASSIGNED) !== 0;
export const isStatusNew = (f: SentinelFacts): boolean => (f & STATUS_NEW) !== 0;
export const providerKindOf = (f: SentinelFacts): ProviderKind => KINDS[(f >> KIND_SHIFT) & 3]!;
export const isXdrCopy = (f: SentinelFacts): boolean => ((f >> KIND_SHIFT) & 3) === 1;
export const areProductsCovered = (f: SentinelFacts): boolean => (f & PRODUCTS_COVERED) !== 0;
export const hasUsablePortalUrl = (f: DefenderFacts): boolean => (f & PORTAL_URL) !== 0;

export const STATUS_CLOSED: StatusCode = 2;
