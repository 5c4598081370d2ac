/**
 * The shell: header, the current screen, footer; the help overlay and the command line; and the
 * one place where keys enter the app (see input/InputRouter.tsx for the order they go through).
 *
 * The frame is exactly the terminal's size and never taller: Ink clears the whole terminal when a
 * frame overflows, which is what flicker is (tui-notes §3.2). Below 80×24 it shows one line
 * instead of a broken layout.
 */
import { Box, Text, useApp, useInput, useWindowSize } from 'ink';
import { useContext, useEffect, useMemo, type ComponentType } from 'react';
import { useStore } from 'zustand';
import {
  keyEventsFrom,
  parseCommandLine,
  resolveKey,
  scopesFor,
  type CommandId,
  type KeyEvent,
  type ScreenId,
} from '../src/keymap/index.js';
import type { AppStore } from '../src/stores/appStore.js';
import { createSessionStore, type SessionStore } from '../src/stores/sessionStore.js';
import { SessionStoreContext } from './session.js';
import { InputRouter, InputRouterProvider, PRIORITY, useKeypress } from './input/InputRouter.js';
import { Footer } from './shell/Footer.js';
import { Header } from './shell/Header.js';
import { HelpOverlay } from './shell/HelpOverlay.js';
import { ThemeContext, type Theme } from './theme.js';

export const MIN_COLUMNS = 80;
export const MIN_ROWS = 24;
const HEADER_ROWS = 2;
const FOOTER_ROWS = 2;

export interface ScreenProps {
  width: number;
  height: number;
  store: AppStore;
}

export interface ScreenDefinition {
  component: ComponentType<ScreenProps>;
  /** Whether list navigation keys (j/k, g/G, PgUp/PgDn, Enter) apply on this screen. */
  hasList: boolean;
}

export type ScreenTable = Record<ScreenId, ScreenDefinition>;

export interface AppProps {
  store: AppStore;
  screens: ScreenTable;
  version: string;
  theme: Theme;
  /** Fixed size for tests; otherwise the terminal's. */
  size?: { columns: number; rows: number };
  router?: InputRouter;
  /** Connection state; screens wait for it to be ready. */
  sessionStore?: SessionStore;
}

const SCREEN_COMMANDS: Partial<Record<CommandId, ScreenId>> = {
  'screen.health': 'health',
  'screen.indicators': 'indicators',
  'screen.sync': 'sync',
  'screen.stream': 'stream',
};

function runGlobalCommand(store: AppStore, command: CommandId, sessions?: SessionStore): void {
  const { actions } = store.getState();
  const screen = SCREEN_COMMANDS[command];
  if (screen) return actions.showScreen(screen);
  switch (command) {
    case 'app.quit':
      return actions.requestQuit();
    case 'app.help':
      return actions.toggleHelp();
    case 'app.commandLine':
      return actions.openCommandLine();
    case 'app.refresh':
      actions.requestRefresh();
      return actions.notify('refreshing…');
    case 'app.pause': {
      const state = sessions?.getState();
      if (state?.status !== 'ready') return actions.notify('nothing to pause yet: not connected');
      const { poller } = state.session;
      if (poller.isPaused()) {
        poller.resume();
        return actions.notify('live updates resumed');
      }
      poller.pause();
      return actions.notify('live updates paused — p resumes');
    }
    default:
      return undefined;
  }
}

function runColonCommand(store: AppStore, router: InputRouter, text: string): void {
  const { actions } = store.getState();
  const parsed = parseCommandLine(text);
  if (parsed.kind === 'empty') return;
  if (parsed.kind === 'unknown') return actions.notify(parsed.message, 'error');
  const { command, args } = parsed;
  switch (command.name) {
    case 'health':
    case 'indicators':
    case 'sync':
    case 'stream':
      return actions.showScreen(command.name);
    case 'help':
      return actions.toggleHelp();
    case 'quit':
      return actions.requestQuit();
    default:
      if (!router.dispatchColon(command.name, args)) {
        actions.notify(`:${command.name} is not available on this screen`, 'error');
      }
  }
}

/** Keys while the command line is open: it takes every key (prompt priority). */
function commandLineKey(store: AppStore, router: InputRouter, event: KeyEvent): boolean {
  const { commandLine, actions } = store.getState();
  if (!commandLine.open) return false;
  switch (event.spec) {
    case 'escape':
      actions.closeCommandLine();
      break;
    case 'enter':
      runColonCommand(store, router, actions.submitCommand());
      break;
    case 'backspace':
    case 'delete':
      actions.backspaceCommand();
      break;
    case 'tab':
      actions.completeCommand();
      break;
    case 'up':
      actions.recallCommand(-1);
      break;
    case 'down':
      actions.recallCommand(1);
      break;
    default:
      if (event.char) actions.typeCommand(event.char);
  }
  return true;
}

/** Keys while the help overlay is open: Esc or ? close it, screen switches and quit still work. */
function helpOverlayKey(store: AppStore, event: KeyEvent): boolean {
  const { overlay, actions } = store.getState();
  if (overlay !== 'help') return false;
  if (event.spec === 'escape' || event.spec === '?') {
    actions.closeOverlay();
    return true;
  }
  const binding = resolveKey(event.spec, ['global']);
  if (binding && binding.command !== 'app.refresh') {
    runGlobalCommand(store, binding.command);
  }
  return true;
}

function Shell({ store, screens, version, size, router }: Required<Omit<AppProps, 'theme' | 'size' | 'sessionStore'>> & { size?: AppProps['size'] }) {
  const { exit } = useApp();
  const sessions = useContext(SessionStoreContext) ?? undefined;
  const windowSize = useWindowSize();
  const columns = size?.columns ?? windowSize.columns;
  const rows = size?.rows ?? windowSize.rows;
  const screen = useStore(store, (s) => s.screen);
  const overlay = useStore(store, (s) => s.overlay);
  const quitRequested = useStore(store, (s) => s.quitRequested);

  useEffect(() => {
    if (quitRequested) exit();
  }, [quitRequested, exit]);

  useKeypress((e) => helpOverlayKey(store, e), { priority: PRIORITY.dialog });
  useKeypress((e) => commandLineKey(store, router, e), { priority: PRIORITY.prompt });

  useInput((input, key) => {
    for (const event of keyEventsFrom(input, key)) {
      // Ctrl-C always quits, whatever has focus: the terminal is restored on the way out.
      if (event.spec === 'ctrl+c') {
        store.getState().actions.requestQuit();
        return;
      }
      if (router.dispatchKey(event)) continue;
      const state = store.getState();
      const def = screens[state.screen];
      const binding = resolveKey(event.spec, scopesFor(state.screen, def.hasList));
      if (binding) {
        if (!router.dispatchCommand(binding.command)) runGlobalCommand(store, binding.command, sessions);
      } else if (event.spec === 'escape') {
        state.actions.clearNotice();
      }
    }
  });

  if (columns < MIN_COLUMNS || rows < MIN_ROWS) {
    return (
      <Text wrap="truncate-end">
        terminal too small (need {MIN_COLUMNS}×{MIN_ROWS}, have {columns}×{rows}) — enlarge it, or press q to quit
      </Text>
    );
  }

  const def = screens[screen];
  const Screen = def.component;
  const bodyHeight = rows - HEADER_ROWS - FOOTER_ROWS;

  return (
    <Box flexDirection="column" width={columns} height={rows}>
      <Header store={store} version={version} width={columns} />
      <Box height={bodyHeight} width={columns} flexDirection="column" overflow="hidden">
        {overlay === 'help' ? (
          <HelpOverlay screen={screen} hasList={def.hasList} width={columns} height={bodyHeight} />
        ) : (
          <Screen key={screen} width={columns} height={bodyHeight} store={store} />
        )}
      </Box>
      <Footer store={store} width={columns} hasList={def.hasList} />
    </Box>
  );
}

export function App({ store, screens, version, theme, size, router, sessionStore }: AppProps) {
  const inputRouter = useMemo(() => router ?? new InputRouter(), [router]);
  const sessions = useMemo(() => sessionStore ?? createSessionStore(), [sessionStore]);
  return (
    <ThemeContext.Provider value={theme}>
      <SessionStoreContext.Provider value={sessions}>
        <InputRouterProvider router={inputRouter}>
          <Shell store={store} screens={screens} version={version} size={size} router={inputRouter} />
        </InputRouterProvider>
      </SessionStoreContext.Provider>
    </ThemeContext.Provider>
  );
}
