/** A simulator with a profile, and a session opened on it the way a command opens one (env from the profile). */
import { afterAll, beforeAll } from 'vitest';
import { openSession, type Session } from '../../../src/session/index.js';
import { startSimWithProfile, type SimProfile } from '../../helpers/simProfile.js';

export async function simWithSession(opts: { write: boolean }): Promise<{ sp: SimProfile; session: Session; restoreEnv(): void }> {
  const sp = await startSimWithProfile();
  const saved: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(sp.env)) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
  const session = await openSession({ demo: false, profile: 'sim', write: opts.write });
  return {
    sp,
    session,
    restoreEnv() {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    },
  };
}

/** Collects what a command writes. */
export function bufferIO() {
  let out = '';
  let err = '';
  return {
    io: { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } },
    out: () => out,
    err: () => err,
  };
}

/**
 * Registers beforeAll/afterAll that open a simulator + session for the file and close them after;
 * read `ctx.sp` and `ctx.session` inside tests.
 */
export function useSimSession(opts: { write: boolean }): { readonly sp: SimProfile; readonly session: Session } {
  let state: Awaited<ReturnType<typeof simWithSession>> | undefined;
  beforeAll(async () => {
    state = await simWithSession(opts);
  });
  afterAll(async () => {
    await state?.session.close();
    state?.restoreEnv();
    await state?.sp.close();
  });
  return {
    get sp() {
      if (!state) throw new Error('useSimSession: used outside a test');
      return state.sp;
    },
    get session() {
      if (!state) throw new Error('useSimSession: used outside a test');
      return state.session;
    },
  };
}
