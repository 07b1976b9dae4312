import type { RedPacket } from '@tessera/protocol';
import { useState } from 'react';
import { useAppState, useClient } from '../../app-context';
import { displayName } from '../../data/names';
import type { AppState } from '../../data/store';
import { formatMessageTime, useT } from '../../i18n/i18n';
import { formatMoney } from '../../lib/money';
import { Avatar } from '../../ui/avatar';
import { errorMessage } from '../../ui/error-message';
import { Icon } from '../../ui/icons';
import { Modal } from '../../ui/sheet';
import { ErrorState, Loading } from '../../ui/states';
import { useRedPacket } from './use-payment';

function avatarOf(state: AppState, userId: string): string | null {
  const profile = userId === state.self?.id ? state.self : (state.contacts.get(userId)?.profile ?? state.profiles.get(userId));
  return profile?.avatarMediaId ?? null;
}

/** Who got how much, oldest first, the luckiest marked. */
function Claims({ packet }: { packet: RedPacket }) {
  const t = useT();
  const state = useAppState((current) => current);
  if (!packet.claims) return null;
  return (
    <section className="red-claims" aria-label={t('redPacket.details')}>
      <p className="red-claims-summary">
        {t('redPacket.claimed', {
          claimed: packet.claimedCount,
          total: packet.shareCount,
          amount: formatMoney(packet.claimedAmount, packet.currency),
          sum: formatMoney(packet.amount, packet.currency),
        })}
      </p>
      <ul className="red-claims-list">
        {packet.claims.map((claim) => {
          const name = displayName(state, claim.userId);
          return (
            <li key={claim.userId} className="red-claim">
              <Avatar name={name} seed={claim.userId} mediaId={avatarOf(state, claim.userId)} size={36} />
              <span className="red-claim-text">
                <span className="red-claim-name">{name}</span>
                <span className="red-claim-time">{formatMessageTime(claim.at)}</span>
              </span>
              <span className="red-claim-right">
                <span className="red-claim-amount">{formatMoney(claim.amount, packet.currency)}</span>
                {packet.luckiestUserId === claim.userId ? <span className="red-claim-luckiest">{t('redPacket.luckiest')}</span> : null}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/**
 * The red-packet opening view: the sender and greeting with the big "open" button while the viewer
 * may still grab; afterwards what they got and who got how much.
 */
export function RedPacketView({ packetId, group, onClose }: { packetId: string; group: boolean; onClose: () => void }) {
  const t = useT();
  const client = useClient();
  const { packet, error, retry } = useRedPacket(packetId, t);
  const state = useAppState((current) => current);
  const selfId = state.self?.id ?? client.userId;
  const [grabbing, setGrabbing] = useState(false);
  const [grabError, setGrabError] = useState<string | null>(null);

  async function grab() {
    setGrabbing(true);
    setGrabError(null);
    try {
      await client.pay.grab(packetId);
    } catch (caught) {
      setGrabError(errorMessage(caught, t));
    } finally {
      setGrabbing(false);
    }
  }

  let content;
  if (!packet) {
    content = error ? <ErrorState message={error} onRetry={retry} /> : <Loading />;
  } else {
    const senderName = displayName(state, packet.senderId);
    const mine = packet.senderId === selfId;
    // In a direct chat the packet is for the other person; in a group the sender may grab too.
    const canOpen = packet.myAmount === null && packet.status === 'active' && (group || !mine);
    content = (
      <>
        <div className="red-view-top">
          <Avatar name={senderName} seed={packet.senderId} mediaId={avatarOf(state, packet.senderId)} size={48} />
          <p className="red-view-from">{t('redPacket.from', { name: senderName })}</p>
          <p className="red-view-greeting">{packet.greeting || t('redPacket.greetingDefault')}</p>
          {packet.testMoney ? <span className="test-money test-money-light">{t('wallet.testMoney')}</span> : null}
        </div>
        {canOpen ? (
          <button type="button" className="red-open" disabled={grabbing} aria-label={t('redPacket.open')} onClick={() => void grab()}>
            {grabbing ? <span className="spinner" aria-hidden="true" /> : t('redPacket.open')}
          </button>
        ) : null}
        {grabbing ? (
          <p className="visually-hidden" role="status">
            {t('redPacket.opening')}
          </p>
        ) : null}
        {grabError ? (
          <p className="form-error red-view-error" role="alert">
            {grabError}
          </p>
        ) : null}
        <div className="red-view-body">
          {packet.myAmount !== null ? (
            <div className="red-mine" role="status">
              <span className="red-mine-label">{t('redPacket.yourAmount')}</span>
              <span className="red-mine-amount">{formatMoney(packet.myAmount, packet.currency)}</span>
            </div>
          ) : !canOpen ? (
            <p className="red-view-state" role="status">
              {packet.status === 'finished' ? t('redPacket.goneLate') : packet.status === 'expired' ? t('redPacket.expiredLong') : t('redPacket.waiting')}
            </p>
          ) : null}
          <Claims packet={packet} />
        </div>
      </>
    );
  }

  return (
    <Modal label={t('redPacket.title')} onClose={onClose} className="red-view">
      <button type="button" className="icon-button red-view-close" aria-label={t('common.close')} onClick={onClose}>
        <Icon name="close" />
      </button>
      {content}
    </Modal>
  );
}
