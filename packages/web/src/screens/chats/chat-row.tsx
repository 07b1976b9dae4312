import { useRef } from 'react';
import { useAppState } from '../../app-context';
import { conversationTitle, displayName, messagePreview } from '../../data/names';
import type { ConversationRecord } from '../../data/types';
import { formatListTime, useT } from '../../i18n/i18n';
import { navigate, usePath } from '../../lib/router';
import { Avatar } from '../../ui/avatar';
import { Icon } from '../../ui/icons';

const longPressMs = 500;

/** One chat in the list: opens on click; the menu opens from its button, a right click or a long press. */
export function ChatRow({ conversation, onMenu }: { conversation: ConversationRecord; onMenu: () => void }) {
  const t = useT();
  const path = usePath();
  const state = useAppState((current) => current);
  const selfId = state.self?.id ?? '';
  const title = conversationTitle(state, conversation);
  const last = conversation.last;
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const pressed = useRef(false);
  let preview = last ? messagePreview(last, state, selfId) : '';
  if (last && conversation.kind === 'group' && last.kind !== 'system' && !last.recalled && last.senderId !== selfId) {
    preview = `${displayName(state, last.senderId)}: ${preview}`;
  }
  const selected = path === `/chats/${conversation.id}`;
  const classes = ['chat-row', conversation.pinned ? 'chat-row-pinned' : '', selected ? 'chat-row-selected' : ''].join(' ');
  return (
    <li className={classes}>
      <button
        type="button"
        className="chat-row-main"
        aria-current={selected ? 'true' : undefined}
        onClick={() => {
          if (pressed.current) return;
          navigate(`/chats/${conversation.id}`);
        }}
        onContextMenu={(event) => {
          event.preventDefault();
          onMenu();
        }}
        onPointerDown={() => {
          pressed.current = false;
          timer.current = setTimeout(() => {
            pressed.current = true;
            onMenu();
          }, longPressMs);
        }}
        onPointerUp={() => clearTimeout(timer.current)}
        onPointerLeave={() => clearTimeout(timer.current)}
      >
        <span className="chat-row-avatar">
          <Avatar name={title} seed={conversation.peerId ?? conversation.id} mediaId={conversation.avatarMediaId} group={conversation.kind === 'group'} />
          {conversation.unread > 0 ? (
            conversation.muted ? (
              <span className="dot" aria-label={t('chats.unreadCount', { count: conversation.unread })} />
            ) : (
              <span className="badge" aria-label={t('chats.unreadCount', { count: conversation.unread })}>
                {conversation.unread > 99 ? '99+' : conversation.unread}
              </span>
            )
          ) : null}
        </span>
        <span className="chat-row-text">
          <span className="chat-row-top">
            <span className="chat-row-title">{title}</span>
            <span className="chat-row-time">{last ? formatListTime(last.sentAt) : ''}</span>
          </span>
          <span className="chat-row-bottom">
            <span className="chat-row-preview">
              {conversation.mentionSeq !== null ? <span className="mention-marker">{t('chats.mentioned')} </span> : null}
              {conversation.muted && conversation.unread > 1 ? `[${conversation.unread}] ` : ''}
              {preview}
            </span>
            {conversation.muted ? (
              <span className="chat-row-muted" title={t('chats.muted')}>
                <Icon name="muted" size={14} />
              </span>
            ) : null}
          </span>
        </span>
      </button>
      <button type="button" className="chat-row-more icon-button" aria-label={t('chats.actions', { name: title })} onClick={onMenu}>
        <Icon name="more" size={20} />
      </button>
    </li>
  );
}
