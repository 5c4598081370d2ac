/**
 * Gives screens the session once connected. A screen renders <WithSession> and gets the session
 * as an argument; until then the operator sees what is happening (connecting, signing in, or why
 * it failed) instead of an empty table.
 */
import { createContext, useContext, type ComponentType, type ReactNode } from 'react';
import { Box, Text } from 'ink';
import { useStore } from 'zustand';
import type { Session } from '../src/session/index.js';
import type { ScreenDefinition, ScreenProps } from './App.js';
import type { SessionStore } from '../src/stores/sessionStore.js';
import { EmptyState } from './components/EmptyState.js';

export const SessionStoreContext = createContext<SessionStore | null>(null);

export function useSessionState() {
  const store = useContext(SessionStoreContext);
  if (!store) throw new Error('SessionStoreContext missing');
  return useStore(store, (s) => s);
}

export function WithSession({ title, width, height, children }: { title: string; width: number; height: number; children: (session: Session) => ReactNode }) {
  const state = useSessionState();
  if (state.status === 'ready') return <>{children(state.session)}</>;
  if (state.status === 'connecting') return <EmptyState title={title} width={width} height={height} lines={['', state.detail]} />;
  return (
    <Box flexDirection="column" width={width} height={height} paddingX={1}>
      <Text bold>{title}</Text>
      <Text> </Text>
      {/* The whole line, wrapped: it names what is wrong and what to do. */}
      <Text wrap="wrap">Not connected: {state.message}</Text>
      <Text> </Text>
      <Text>Fix the profile (mde-console profile show) and restart, or try mde-console --demo.</Text>
    </Box>
  );
}

/**
 * A screen whose body needs the session: the connecting and failed states come from WithSession,
 * so every screen shows them the same way.
 */
export function sessionScreen(title: string, Body: ComponentType<ScreenProps & { session: Session }>, hasList = true): ScreenDefinition {
  function SessionScreen(props: ScreenProps) {
    return (
      <WithSession title={title} width={props.width} height={props.height}>
        {(session) => <Body {...props} session={session} />}
      </WithSession>
    );
  }
  SessionScreen.displayName = `SessionScreen(${title})`;
  return { component: SessionScreen, hasList };
}
