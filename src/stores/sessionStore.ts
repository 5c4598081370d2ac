/** Whether the run is connected yet. Screens show "connecting…" or the one-line failure until it is. */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Session } from '../session/index.js';

export type SessionState =
  | { status: 'connecting'; detail: string }
  | { status: 'ready'; session: Session }
  | { status: 'failed'; message: string };

export type SessionStore = StoreApi<SessionState>;

export function createSessionStore(detail = 'connecting…'): SessionStore {
  return createStore<SessionState>()(() => ({ status: 'connecting', detail }));
}
