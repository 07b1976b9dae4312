import type { Message, SystemBody } from '@tessera/protocol';
import { useRef } from 'react';
import { useAppState } from '../../app-context';
import { displayName, systemText } from '../../data/names';
import { formatMessageTime, useT } from '../../i18n/i18n';
import { navigate } from '../../lib/router';
import { Avatar } from '../../ui/avatar';
import { Icon } from '../../ui/icons';
import type { PaymentTarget } from '../pay/payment-cards';
import { MessageBody } from './message-body';
import type { Row } from './rows';

const longPressMs = 500;

export interface RowHandlers {
  onMenu: (message: Message) => void;
  onRetry: (clientMsgId: string) => void;
  onOpenImage: (mediaId: string) => void;
  onOpenPayment: (target: PaymentTarget) => void;
}

/** One row of a conversation: a time, then a system notice or a bubble with its sender. */
export function MessageRow({ row, group, handlers }: { row: Row; group: boolean; handlers: RowHandlers }) {
  const t = useT();
  const state = useAppState((current) => current);
  const selfId = state.self?.id ?? '';
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const time = row.kind === 'message' ? row.message.sentAt : row.item.createdAt;
  const timeLine = row.showTime ? <div className="message-time">{formatMessageTime(time)}</div> : null;

  if (row.kind === 'message' && (row.message.kind === 'system' || row.message.recalled)) {
    const message = row.message;
    const text = message.recalled
      ? message.senderId === selfId
        ? t('message.recalledByYou')
        : t('message.recalledBy', { name: displayName(state, message.senderId) })
      : systemText(state, message.body as unknown as SystemBody, selfId);
    return (
      <div className="message-row-wrap">
        {timeLine}
        <div className="notice">{text}</div>
      </div>
    );
  }

  const mine = row.kind === 'pending' || row.message.senderId === selfId;
  const senderId = row.kind === 'pending' ? selfId : row.message.senderId;
  const name = displayName(state, senderId);
  const profile = senderId === selfId ? state.self : (state.contacts.get(senderId)?.profile ?? state.profiles.get(senderId));
  const message: Message | null = row.kind === 'message' ? row.message : null;
  const content = row.kind === 'message' ? { kind: row.message.kind, body: row.message.body } : { kind: row.item.content.kind, body: row.item.content.body as Record<string, unknown> };
  const quote = row.kind === 'message' ? row.message.quote : null;
  // In direct chats the sender sees whether the other person has read each message.
  const peerReadSeq = message && !group ? (state.conversations.get(message.conversationId)?.peerReadSeq ?? null) : null;
  const receipt = message && mine && peerReadSeq !== null ? (message.seq <= peerReadSeq ? 'read' : 'unread') : null;
  const openMenu = () => {
    if (message) handlers.onMenu(message);
  };

  return (
    <div className="message-row-wrap">
      {timeLine}
      <div className={mine ? 'message-row message-mine' : 'message-row'}>
        <button type="button" className="message-avatar" tabIndex={-1} aria-hidden="true" onClick={() => navigate(`/contacts/user/${senderId}`)}>
          <Avatar name={name} seed={senderId} mediaId={profile?.avatarMediaId ?? null} size={40} />
        </button>
        <div className="message-column">
          {group && !mine ? <div className="message-sender">{name}</div> : null}
          <div className="message-line">
            {row.kind === 'pending' ? (
              row.item.status === 'failed' ? (
                <button type="button" className="message-status message-failed" aria-label={t('message.failed')} title={t('message.failed')} onClick={() => handlers.onRetry(row.item.clientMsgId)}>
                  <Icon name="alert" size={20} />
                </button>
              ) : (
                <span className="message-status" role="status" aria-label={t('message.sending')}>
                  <span className="spinner spinner-small" aria-hidden="true" />
                </span>
              )
            ) : null}
            <div
              className={`bubble bubble-${content.kind}`}
              tabIndex={0}
              aria-label={message ? `${name}: ${t('message.actions')}` : undefined}
              onContextMenu={(event) => {
                event.preventDefault();
                openMenu();
              }}
              onKeyDown={(event) => {
                // Keys on a control inside the bubble (a card, an image) belong to that control.
                if (event.target !== event.currentTarget && event.key === 'Enter') return;
                if (event.key === 'Enter' || event.key === 'ContextMenu') {
                  event.preventDefault();
                  openMenu();
                }
              }}
              onPointerDown={(event) => {
                if (event.pointerType !== 'touch') return;
                timer.current = setTimeout(openMenu, longPressMs);
              }}
              onPointerUp={() => clearTimeout(timer.current)}
              onPointerLeave={() => clearTimeout(timer.current)}
            >
              <MessageBody kind={content.kind} body={content.body} onOpenImage={handlers.onOpenImage} onOpenPayment={handlers.onOpenPayment} />
            </div>
          </div>
          {receipt ? (
            <div className={`message-receipt message-receipt-${receipt}`}>
              {t(receipt === 'read' ? 'message.readByPeer' : 'message.unreadByPeer')}
            </div>
          ) : null}
          {quote ? (
            <div className="message-quote">
              {quote.recalled ? t('message.quoteRecalled') : `${displayName(state, quote.senderId)}: ${quote.preview}`}
            </div>
          ) : null}
        </div>
      </div>
    </div>
  );
}
