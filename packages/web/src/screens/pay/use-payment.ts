import type { ChatTransfer, RedPacket } from '@tessera/protocol';
import { useEffect, useState } from 'react';
import { useAppState, useClient } from '../../app-context';
import type { Translate } from '../../i18n/i18n';
import { errorMessage } from '../../ui/error-message';

/**
 * A transfer from the store's per-id cache, read from the server the first time a card or view
 * needs it; `transfer.updated` events keep it live from then on.
 */
export function useTransfer(id: string, t: Translate): { transfer: ChatTransfer | undefined; error: string | null; retry: () => void } {
  const client = useClient();
  const transfer = useAppState((state) => state.transfers.get(id));
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const known = transfer !== undefined;
  useEffect(() => {
    if (known || !id) return;
    let live = true;
    setError(null);
    client.pay.loadTransfer(id).catch((caught: unknown) => live && setError(errorMessage(caught, t)));
    return () => {
      live = false;
    };
  }, [client, id, known, attempt, t]);
  return { transfer, error, retry: () => setAttempt((value) => value + 1) };
}

/** A red packet as this user sees it, from the store or the server; `red_packet.updated` keeps it live. */
export function useRedPacket(id: string, t: Translate): { packet: RedPacket | undefined; error: string | null; retry: () => void } {
  const client = useClient();
  const packet = useAppState((state) => state.redPackets.get(id));
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const known = packet !== undefined;
  useEffect(() => {
    if (known || !id) return;
    let live = true;
    setError(null);
    client.pay.loadPacket(id).catch((caught: unknown) => live && setError(errorMessage(caught, t)));
    return () => {
      live = false;
    };
  }, [client, id, known, attempt, t]);
  return { packet, error, retry: () => setAttempt((value) => value + 1) };
}

/** What a red packet's card and view say about it for this viewer, if anything. */
export function packetState(packet: RedPacket | undefined): 'opened' | 'gone' | 'expired' | null {
  if (!packet) return null;
  if (packet.myAmount !== null) return 'opened';
  if (packet.status === 'finished') return 'gone';
  if (packet.status === 'expired') return 'expired';
  return null;
}
