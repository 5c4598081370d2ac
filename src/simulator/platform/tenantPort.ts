/**
 * What the platform needs from the simulated tenant (src/simulator/tenant): its clock and its
 * control actions. Kept as an interface so the platform is tested with a small fake tenant.
 */
export interface TenantControlResult {
  ok: boolean;
  status?: number;
  result?: unknown;
  error?: string;
}

export interface TenantPort {
  /** Simulated "now". */
  now(): Date;
  advanceClock(minutes: number): void;
  control(action: string, params: Record<string, unknown>): TenantControlResult;
  listActions(): string[];
}
