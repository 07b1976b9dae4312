import { useCallback, useEffect, useMemo, useState } from 'react';
import { SessionContext, type Session } from './app-context';
import { TesseraClient, type StoredSession } from './data/client';
import { LocalCache } from './data/local-cache';
import { clearSession, loadSession, saveSession } from './data/session';
import { navigate } from './lib/router';
import { AuthScreen } from './screens/auth/auth-screen';
import { Shell } from './screens/shell';

/** Signs the user in from the saved session, or shows sign-in; owns the client's lifetime. */
export function App() {
  const [stored, setStored] = useState<StoredSession | null>(() => loadSession());
  const [notice, setNotice] = useState<string | null>(null);
  const client = useMemo(() => (stored ? new TesseraClient(stored) : null), [stored]);

  const signOut = useCallback(
    async (reason?: string) => {
      if (!client) return;
      if (!reason) await client.rest.logout().catch(() => undefined);
      client.stop();
      clearSession();
      await LocalCache.remove(client.userId).catch(() => undefined);
      setNotice(reason ?? null);
      setStored(null);
      navigate('/', { replace: true });
    },
    [client],
  );

  useEffect(() => {
    if (!client) return;
    client.onSignedOut = (reason) => void signOut(reason);
    void client.start();
    return () => client.stop();
  }, [client, signOut]);

  const session: Session | null = useMemo(() => (client ? { client, signOut } : null), [client, signOut]);

  if (!session) {
    return (
      <AuthScreen
        notice={notice}
        onSignedIn={(signedIn) => {
          const next = { token: signedIn.token, userId: signedIn.profile.id };
          saveSession(next);
          setNotice(null);
          setStored(next);
          // A contact link opened while signed out still leads to that person once signed in.
          navigate(window.location.pathname.startsWith('/u/') ? window.location.pathname : '/chats', { replace: true });
        }}
      />
    );
  }
  return (
    <SessionContext.Provider value={session}>
      <Shell />
    </SessionContext.Provider>
  );
}
