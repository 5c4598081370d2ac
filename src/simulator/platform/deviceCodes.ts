/**
 * Pending device-code sign-ins (v2-oauth2-device-code): a code is `pending` until approved
 * through /_sim/devicecode/approve (or automatically after `autoApproveMs`, for the demo), can be
 * redeemed once, and expires after `expires_in` (900 s, as Entra ID sends).
 */
import { randomBytes } from 'node:crypto';

export const DEVICE_CODE_EXPIRES_IN_SECONDS = 900;

export type DeviceCodeState = { kind: 'pending' } | { kind: 'approved'; upn: string } | { kind: 'redeemed' };

export interface DeviceCodeEntry {
  deviceCode: string;
  userCode: string;
  clientId: string;
  scope: string;
  createdMs: number;
  expiresMs: number;
  state: DeviceCodeState;
}

export type PollResult =
  | { kind: 'unknown' }
  | { kind: 'pending' }
  | { kind: 'expired' }
  | { kind: 'already-redeemed' }
  | { kind: 'approved'; entry: DeviceCodeEntry; upn: string };

// Entra user codes are 9 characters of upper-case letters and digits.
const USER_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export class DeviceCodeStore {
  private byDeviceCode = new Map<string, DeviceCodeEntry>();

  constructor(
    private readonly clockMs: () => number,
    private readonly defaultUpn: string,
    private readonly autoApproveMs?: number,
  ) {}

  create(clientId: string, scope: string): DeviceCodeEntry {
    const now = this.clockMs();
    const bytes = randomBytes(9);
    const userCode = Array.from(bytes, (b) => USER_CODE_ALPHABET[b % USER_CODE_ALPHABET.length]).join('');
    const entry: DeviceCodeEntry = {
      deviceCode: randomBytes(48).toString('base64url'),
      userCode,
      clientId,
      scope,
      createdMs: now,
      expiresMs: now + DEVICE_CODE_EXPIRES_IN_SECONDS * 1000,
      state: { kind: 'pending' },
    };
    this.byDeviceCode.set(entry.deviceCode, entry);
    return entry;
  }

  /** Approves one pending code by user code, or every pending one; returns the user codes approved. */
  approve(userCode?: string, upn = this.defaultUpn): string[] {
    const now = this.clockMs();
    const approved: string[] = [];
    for (const e of this.byDeviceCode.values()) {
      if (e.state.kind !== 'pending' || now >= e.expiresMs) continue;
      if (userCode !== undefined && e.userCode !== userCode.trim().toUpperCase()) continue;
      e.state = { kind: 'approved', upn };
      approved.push(e.userCode);
    }
    return approved;
  }

  pending(): DeviceCodeEntry[] {
    const now = this.clockMs();
    return [...this.byDeviceCode.values()].filter((e) => e.state.kind === 'pending' && now < e.expiresMs);
  }

  poll(deviceCode: string, clientId: string): PollResult {
    const e = this.byDeviceCode.get(deviceCode);
    if (!e || e.clientId !== clientId) return { kind: 'unknown' };
    const now = this.clockMs();
    if (e.state.kind === 'redeemed') return { kind: 'already-redeemed' };
    if (now >= e.expiresMs) return { kind: 'expired' };
    if (e.state.kind === 'pending' && this.autoApproveMs !== undefined && now - e.createdMs >= this.autoApproveMs) e.state = { kind: 'approved', upn: this.defaultUpn };
    if (e.state.kind === 'pending') return { kind: 'pending' };
    const upn = e.state.upn;
    e.state = { kind: 'redeemed' };
    return { kind: 'approved', entry: e, upn };
  }
}
