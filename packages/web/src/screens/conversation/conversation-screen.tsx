import type { Message } from '@tessera/protocol';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useAppState, useClient } from '../../app-context';
import { conversationTitle, displayName } from '../../data/names';
import { useT } from '../../i18n/i18n';
import { navigate } from '../../lib/router';
import { errorMessage } from '../../ui/error-message';
import { Header } from '../../ui/header';
import { Icon } from '../../ui/icons';
import { ActionSheet, Modal } from '../../ui/sheet';
import { ErrorState, Loading } from '../../ui/states';
import { VirtualList } from '../../ui/virtual-list';
import { ConnectionBanner } from '../connection-banner';
import type { PaymentTarget } from '../pay/payment-cards';
import { RedPacketView } from '../pay/red-packet-view';
import { TransferView } from '../pay/transfer-view';
import { Composer } from './composer';
import { MessageRow, type RowHandlers } from './message-row';
import { buildRows, type Row } from './rows';

const recallWindowMs = 2 * 60_000;
const emptyMembers: never[] = [];

/** A conversation: its messages, newest at the bottom, and the composer. */
export function ConversationScreen({ conversationId }: { conversationId: string }) {
  const t = useT();
  const client = useClient();
  const conversation = useAppState((state) => state.conversations.get(conversationId));
  const window = useAppState((state) => state.messages.get(conversationId));
  const outbox = useAppState((state) => state.outbox);
  const typing = useAppState((state) => state.typing.get(conversationId));
  const members = useAppState((state) => state.members.get(conversationId)) ?? emptyMembers;
  const synced = useAppState((state) => state.synced);
  const state = useAppState((current) => current);
  const [missing, setMissing] = useState(false);
  const [quote, setQuote] = useState<Message | null>(null);
  const [menuFor, setMenuFor] = useState<Message | null>(null);
  const [viewing, setViewing] = useState<string | null>(null);
  const [payment, setPayment] = useState<PaymentTarget | null>(null);
  const [toast, setToast] = useState<string | null>(null);
  const selfId = state.self?.id ?? client.userId;
  const group = conversation?.kind === 'group';

  useEffect(() => {
    void client.chat.open(conversationId);
    return () => client.chat.close(conversationId);
  }, [client, conversationId]);

  useEffect(() => {
    if (conversation || !synced) return;
    let live = true;
    void client.fetchConversation(conversationId).then((found) => live && setMissing(found === null));
    return () => {
      live = false;
    };
  }, [client, conversation, conversationId, synced]);

  useEffect(() => {
    if (group) void client.people.loadMembers(conversationId).catch(() => undefined);
  }, [client, conversationId, group]);

  const senders = useMemo(() => [...new Set((window?.items ?? []).map((message) => message.senderId))], [window?.items]);
  useEffect(() => {
    void client.people.ensureProfiles(senders);
  }, [client, senders]);

  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast(null), 3000);
    return () => clearTimeout(timer);
  }, [toast]);

  const rows = useMemo(() => buildRows(window?.items ?? [], outbox.values(), conversationId), [window?.items, outbox, conversationId]);
  const handlers: RowHandlers = useMemo(
    () => ({ onMenu: setMenuFor, onRetry: (id) => void client.chat.retry(id), onOpenImage: setViewing, onOpenPayment: setPayment }),
    [client],
  );
  const renderRow = useCallback((row: Row) => <MessageRow row={row} group={group} handlers={handlers} />, [group, handlers]);
  const keyOf = useCallback((row: Row) => row.key, []);
  const onNearTop = useCallback(() => void client.chat.loadOlder(conversationId), [client, conversationId]);

  if (missing) {
    return (
      <div className="screen">
        <Header title="" back="/chats" />
        <ErrorState message={t('message.notFound')} />
      </div>
    );
  }
  if (!conversation) {
    return (
      <div className="screen">
        <Header title="" back="/chats" />
        <Loading />
      </div>
    );
  }

  const title = conversationTitle(state, conversation);
  const typingNow = typing && typing.until > Date.now() ? typing : null;
  const subtitle = typingNow ? (group ? `${displayName(state, typingNow.userId)} ${t('message.typing')}` : t('message.typing')) : null;
  const canRecall = (message: Message) => message.senderId === selfId && !message.recalled && Date.now() - Date.parse(message.sentAt) < recallWindowMs;

  return (
    <div className="screen conversation">
      <Header
        title={group ? `${title} (${conversation.memberCount})` : title}
        subtitle={subtitle ? <span aria-live="polite">{subtitle}</span> : null}
        back="/chats"
        actions={
          conversation.kind !== 'service' ? (
            <button type="button" className="icon-button" aria-label={t('chatInfo.title')} onClick={() => navigate(`/chats/${conversationId}/info`)}>
              <Icon name="more" />
            </button>
          ) : null
        }
      />
      <ConnectionBanner />
      {!window ? (
        <Loading />
      ) : (
        <VirtualList
          items={rows}
          keyOf={keyOf}
          render={renderRow}
          estimate={64}
          onNearTop={onNearTop}
          label={title}
          header={
            window.loadingOlder ? (
              <div className="list-marker">{t('message.loadingOlder')}</div>
            ) : rows.length === 0 ? (
              <div className="list-marker">{t('message.empty')}</div>
            ) : window.complete ? (
              <div className="list-marker">{t('message.start')}</div>
            ) : null
          }
          renderJump={(jump) => (
            <button type="button" className="jump-button" onClick={jump}>
              {t('message.newMessages')} ↓
            </button>
          )}
        />
      )}
      {toast ? (
        <div className="toast" role="alert">
          {toast}
        </div>
      ) : null}
      {conversation.kind !== 'service' ? <Composer conversationId={conversationId} group={group} peerId={conversation.peerId} memberCount={conversation.memberCount} members={members} quote={quote} onCancelQuote={() => setQuote(null)} /> : null}
      {menuFor ? (
        <ActionSheet
          label={t('message.actions')}
          onClose={() => setMenuFor(null)}
          actions={[
            { label: t('message.quote'), onSelect: () => setQuote(menuFor) },
            ...(menuFor.kind === 'text' ? [{ label: t('message.copy'), onSelect: () => void navigator.clipboard?.writeText(String(menuFor.body.text ?? '')).catch(() => undefined) }] : []),
            ...(canRecall(menuFor)
              ? [{ label: t('message.recall'), onSelect: () => void client.chat.recall(conversationId, menuFor.seq).catch((error: unknown) => setToast(errorMessage(error, t))) }]
              : []),
          ]}
        />
      ) : null}
      {payment?.kind === 'transfer' ? <TransferView transferId={payment.id} onClose={() => setPayment(null)} /> : null}
      {payment?.kind === 'red_packet' ? <RedPacketView packetId={payment.id} group={group} onClose={() => setPayment(null)} /> : null}
      {viewing ? (
        <Modal label={t('message.image')} onClose={() => setViewing(null)} className="image-viewer">
          <button type="button" className="image-viewer-close icon-button" aria-label={t('common.back')} onClick={() => setViewing(null)}>
            <Icon name="close" />
          </button>
          <img src={client.rest.mediaUrl(viewing)} alt={t('message.image')} />
        </Modal>
      ) : null}
    </div>
  );
}
