import { createContext, useContext } from 'react';
import type { TesseraClient } from './data/client';
import { useStoreSelector, type AppState } from './data/store';

/** The signed-in session as screens see it. */
export interface Session {
  client: TesseraClient;
  signOut(reason?: string): Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in screen');
  return session;
}

export function useClient(): TesseraClient {
  return useSession().client;
}

/** Selects from the signed-in user's state. */
export function useAppState<T>(select: (state: AppState) => T): T {
  return useStoreSelector(useClient().store, select);
}
