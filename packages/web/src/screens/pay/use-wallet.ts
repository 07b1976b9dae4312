import type { Wallet } from '@tessera/protocol';
import { useEffect, useState } from 'react';
import { useAppState, useClient } from '../../app-context';
import { errorMessage } from '../../ui/error-message';
import type { Translate } from '../../i18n/i18n';

/** The wallet from the store, read from the server when the screen opens; with the load's failure, if any. */
export function useWallet(t: Translate): { wallet: Wallet | null; error: string | null; reload: () => void } {
  const client = useClient();
  const wallet = useAppState((state) => state.wallet);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    setError(null);
    client.pay.loadWallet().catch((caught: unknown) => live && setError(errorMessage(caught, t)));
    return () => {
      live = false;
    };
  }, [client, attempt, t]);
  return { wallet, error, reload: () => setAttempt((value) => value + 1) };
}
