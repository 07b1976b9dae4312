import { useMemo, useState } from 'react';
import { useAppState, useClient } from '../../app-context';
import { conversationTitle } from '../../data/names';
import type { AppState } from '../../data/store';
import type { ConversationRecord } from '../../data/types';
import { useT } from '../../i18n/i18n';
import { Header } from '../../ui/header';
import { ActionSheet, type SheetAction } from '../../ui/sheet';
import { Empty, Loading } from '../../ui/states';
import { ConnectionBanner, ConnectionTitle } from '../connection-banner';
import { PlusMenu } from '../plus-menu';
import { SearchBar } from '../search-bar';
import { ChatRow } from './chat-row';

function sortKey(conversation: ConversationRecord): string {
  return conversation.last?.sentAt ?? conversation.updatedAt;
}

/** Pinned chats first, then the most recent. */
export function sortConversations(conversations: Iterable<ConversationRecord>): ConversationRecord[] {
  return [...conversations].sort((a, b) => {
    if (a.pinned !== b.pinned) return a.pinned ? -1 : 1;
    return sortKey(b).localeCompare(sortKey(a));
  });
}

/** The Chats tab. */
export function ChatList() {
  const t = useT();
  const client = useClient();
  const ready = useAppState((state) => state.ready);
  const synced = useAppState((state) => state.synced);
  const conversations = useAppState((state) => state.conversations);
  const state = useAppState((current: AppState) => current);
  const [query, setQuery] = useState('');
  const [menuFor, setMenuFor] = useState<ConversationRecord | null>(null);

  const actionsFor = (conversation: ConversationRecord): SheetAction[] => [
    { label: conversation.pinned ? t('chats.unpin') : t('chats.pin'), onSelect: () => void client.chat.setSettings(conversation.id, { pinned: !conversation.pinned }) },
    { label: conversation.muted ? t('chats.unmute') : t('chats.mute'), onSelect: () => void client.chat.setSettings(conversation.id, { muted: !conversation.muted }) },
    ...(conversation.unread > 0 ? [{ label: t('chats.markRead'), onSelect: () => client.chat.markRead(conversation.id) }] : []),
    ...(conversation.kind === 'direct' ? [{ label: t('chats.delete'), danger: true, onSelect: () => void client.chat.hide(conversation.id) }] : []),
  ];

  /** Two actions fit behind a phone-width row, as in WeChat. */
  const swipeActionsFor = (conversation: ConversationRecord): SheetAction[] => [
    conversation.unread > 0
      ? { label: t('chats.markRead'), short: t('chats.swipeRead'), onSelect: () => client.chat.markRead(conversation.id) }
      : {
          label: conversation.pinned ? t('chats.unpin') : t('chats.pin'),
          short: conversation.pinned ? t('chats.swipeUnpin') : t('chats.swipePin'),
          onSelect: () => void client.chat.setSettings(conversation.id, { pinned: !conversation.pinned }),
        },
    conversation.kind === 'direct'
      ? { label: t('chats.delete'), short: t('chats.swipeDelete'), danger: true, onSelect: () => void client.chat.hide(conversation.id) }
      : {
          label: conversation.muted ? t('chats.unmute') : t('chats.mute'),
          short: conversation.muted ? t('chats.swipeUnmute') : t('chats.swipeMute'),
          onSelect: () => void client.chat.setSettings(conversation.id, { muted: !conversation.muted }),
        },
  ];

  const sorted = useMemo(() => {
    // Empty service conversations stay out of the way until something is posted in them.
    const shown = sortConversations(conversations.values()).filter((conversation) => conversation.kind !== 'service' || conversation.lastSeq > 0);
    const needle = query.trim().toLowerCase();
    return needle ? shown.filter((conversation) => conversationTitle(state, conversation).toLowerCase().includes(needle)) : shown;
  }, [conversations, query, state]);

  let body;
  if (!ready || (!synced && conversations.size === 0 && state.status !== 'offline')) body = <Loading />;
  else if (sorted.length === 0 && !query) body = <Empty icon="chats" title={t('chats.empty')} hint={t('chats.emptyHint')} />;
  else {
    body = (
      <ul className="chat-list" aria-label={t('tab.chats')}>
        {sorted.map((conversation) => (
          <ChatRow key={conversation.id} conversation={conversation} onMenu={() => setMenuFor(conversation)} actions={swipeActionsFor(conversation)} />
        ))}
      </ul>
    );
  }

  return (
    <>
      <Header title={<ConnectionTitle title={t('tab.chats')} />} actions={<PlusMenu />} />
      <ConnectionBanner />
      <SearchBar value={query} onChange={setQuery} />
      <div className="scroll">{body}</div>
      {menuFor ? (
        <ActionSheet
          label={t('chats.actions', { name: conversationTitle(state, menuFor) })}
          onClose={() => setMenuFor(null)}
          actions={actionsFor(menuFor)}
        />
      ) : null}
    </>
  );
}
