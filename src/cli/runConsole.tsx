/**
 * Starts the interactive console: checks for a terminal, paints the first frame before any
 * network call, then connects. Restores the terminal (alternate screen left, cursor shown, raw
 * mode off) on every way out, including an uncaught error.
 */
import { render } from 'ink';
import { App } from '../../screens/App.js';
import { SCREEN_TABLE } from '../../screens/screenTable.js';
import { themeFor } from '../../screens/theme.js';
import { processReclaimer } from '../api/memoryReclaim.js';
import { openSession, type Session } from '../session/index.js';
import { createAppStore } from '../stores/appStore.js';
import { createSessionStore } from '../stores/sessionStore.js';
import { VERSION } from '../version.js';
import type { GlobalOptions } from './args.js';
import { describeError } from './errors.js';

const NON_TTY_MESSAGE =
  'mde-console: the interactive console needs a terminal (stdin and stdout must be a TTY); ' +
  'for scripts use the commands: check, indicators list, sync, stream (see mde-console --help)';

/** Leave the alternate screen, show the cursor, turn raw mode off — safe to call twice. */
function restoreTerminal(): void {
  try {
    if (process.stdin.isTTY && process.stdin.isRaw) process.stdin.setRawMode(false);
  } catch {
    // stdin may already be closed; nothing else to restore there.
  }
  if (process.stdout.isTTY) process.stdout.write('\x1b[?1049l\x1b[?25h');
}

export async function runConsole(global: GlobalOptions): Promise<number> {
  if (!process.stdout.isTTY || !process.stdin.isTTY) {
    process.stderr.write(`${NON_TTY_MESSAGE}\n`);
    return 2;
  }

  const store = createAppStore({
    mode: {
      demo: global.demo,
      write: global.write,
      profileName: global.demo ? 'demo' : (global.profile ?? 'default'),
      tenantLabel: global.demo ? 'simulated tenant' : '…',
    },
  });

  const onFatal = (err: unknown) => {
    restoreTerminal();
    process.stderr.write(`mde-console: ${describeError(err, global.debug)}\n`);
    process.exit(1);
  };
  process.on('uncaughtException', onFatal);
  process.on('unhandledRejection', onFatal);
  // A closed SSH session (SIGHUP) or a kill (SIGTERM) quits like q does, restoring the terminal.
  for (const signal of ['SIGTERM', 'SIGHUP'] as const) process.once(signal, () => store.getState().actions.requestQuit());

  // A console runs for hours: its young generation stops growing at a cap (memoryReclaim.ts).
  processReclaimer.watchYoungGeneration();
  const sessionStore = createSessionStore(global.demo ? 'starting the simulated tenant…' : 'signing in…');
  const instance = render(<App store={store} screens={SCREEN_TABLE} version={VERSION} theme={themeFor(global.color)} sessionStore={sessionStore} />, {
    exitOnCtrlC: false,
    patchConsole: false,
    alternateScreen: true,
    incrementalRendering: true,
    // Ink turns itself non-interactive when CI is set; we already know we have a TTY.
    interactive: true,
  });

  // Connect after the first frame is painted: start-up never waits on the network.
  let session: Session | undefined;
  const connecting = openSession({
    demo: global.demo,
    ...(global.profile !== undefined ? { profile: global.profile } : {}),
    write: global.write,
    ...(global.refreshSeconds !== undefined ? { refreshSeconds: global.refreshSeconds } : {}),
    onDeviceCode: (info) => store.getState().actions.notify(`sign in: ${info.message}`),
    onWarning: (line) => store.getState().actions.notify(line, 'error'),
  }).then(
    (s) => {
      session = s;
      s.onRefreshed((at) => store.getState().actions.markRefreshed(at));
      store.getState().actions.setMode({ profileName: s.profile.name, tenantLabel: s.profile.tenantId, write: s.writeEnabled });
      sessionStore.setState({ status: 'ready', session: s }, true);
      if (store.getState().notice?.text.startsWith('sign in:')) store.getState().actions.clearNotice();
    },
    (err: unknown) => {
      const message = describeError(err, global.debug);
      sessionStore.setState({ status: 'failed', message }, true);
      store.getState().actions.notify(message, 'error');
    },
  );

  try {
    await instance.waitUntilExit();
  } catch (err) {
    restoreTerminal();
    process.stderr.write(`mde-console: ${describeError(err, global.debug)}\n`);
    return 1;
  }
  restoreTerminal();
  // Close what is open; a sign-in still waiting for its device code is simply abandoned (the caller exits).
  void connecting;
  processReclaimer.dispose();
  await Promise.race([session?.close(), new Promise((r) => setTimeout(r, 1000).unref())]);
  return 0;
}
