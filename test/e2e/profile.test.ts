import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsole, type PtySession } from '../helpers/pty.js';
import { startSimWithProfile, type SimProfile } from '../helpers/simProfile.js';

let sp: SimProfile;
let session: PtySession | undefined;
beforeAll(async () => {
  sp = await startSimWithProfile();
});
afterAll(async () => {
  session?.kill();
  await sp?.close();
});

describe('the console on a profile', () => {
  it('signs in through the profile and shows its name and tenant, read-only and LIVE', async () => {
    session = startConsole(sp.args, { env: sp.env });
    const screen = await session.waitForText(`tenant ${sp.sim.identity.tenantId.slice(0, 8)}…`);
    expect(screen).toContain('profile sim');
    expect(screen).toContain('[LIVE]');
    expect(screen).toContain('[READ-ONLY]');
    session.write('q');
    expect(await session.exited).toBe(0);
  });

  it('names the missing secret in one line instead of signing in', async () => {
    session = startConsole(sp.args, { env: { ...sp.env, MDE_CONSOLE_TEST_SECRET: undefined } });
    const screen = await session.waitForText('MDE_CONSOLE_TEST_SECRET, which is not set');
    // The message wraps in the body; read it as one line.
    expect(screen.replace(/\s+/g, ' ')).toContain('Not connected: profile "sim": client-secret sign-in reads the secret from $MDE_CONSOLE_TEST_SECRET, which is not set');
    session.write('q');
    expect(await session.exited).toBe(0);
  });
});
