import { useRef } from 'react';
import { useAppState } from '../../app-context';
import { conversationTitle, displayName, messagePreview } from '../../data/names';
import type { ConversationRecord } from '../../data/types';
import { formatListTime, useT } from '../../i18n/i18n';
import { navigate, usePath } from '../../lib/router';
import { Avatar } from '../../ui/avatar';
import { Icon } from '../../ui/icons';
import type { SheetAction } from '../../ui/sheet';
import { useSwipe } from '../../lib/use-swipe';

const longPressMs = 500;

const actionWidth = 80;

/**
 * One chat in the list: opens on click; its actions show from its menu button, a right click, a
 * long press, or a swipe to the left on touch screens.
 */
export function ChatRow({ conversation, onMenu, actions }: { conversation: ConversationRecord; onMenu: () => void; actions: SheetAction[] }) {
  const swipe = useSwipe(actionWidth * actions.length);
  const t = useT();
  const path = usePath();
  const state = useAppState((current) => current);
  const selfId = state.self?.id ?? '';
  const title = conversationTitle(state, conversation);
  const last = conversation.last;
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const pressed = useRef(false);
  const pressStart = useRef<{ x: number; y: number } | null>(null);
  let preview = last ? messagePreview(last, state, selfId) : '';
  if (last && conversation.kind === 'group' && last.kind !== 'system' && !last.recalled && last.senderId !== selfId) {
    preview = `${displayName(state, last.senderId)}: ${preview}`;
  }
  const selected = path === `/chats/${conversation.id}`;
  const classes = ['chat-row', conversation.pinned ? 'chat-row-pinned' : '', selected ? 'chat-row-selected' : ''].join(' ');
  return (
    <li className={classes}>
      <div className="chat-row-actions" aria-hidden={!swipe.open}>
        {actions.map((action) => (
          <button
            key={action.label}
            type="button"
            tabIndex={swipe.open ? 0 : -1}
            className={action.danger ? 'swipe-action swipe-danger' : 'swipe-action'}
            style={{ width: actionWidth }}
            aria-label={action.label}
            onClick={() => {
              swipe.close();
              action.onSelect();
            }}
          >
            {action.short ?? action.label}
          </button>
        ))}
      </div>
      <button
        type="button"
        className="chat-row-main"
        aria-current={selected ? 'true' : undefined}
        style={{ transform: `translateX(${swipe.offset}px)`, transition: swipe.dragging ? 'none' : 'transform 0.2s' }}
        {...swipe.handlers}
        onClick={() => {
          if (swipe.consumeSwipe()) return;
          if (swipe.open) return swipe.close();
          if (pressed.current) return;
          navigate(`/chats/${conversation.id}`);
        }}
        onContextMenu={(event) => {
          event.preventDefault();
          onMenu();
        }}
        onPointerDown={(event) => {
          swipe.handlers.onPointerDown(event);
          pressStart.current = { x: event.clientX, y: event.clientY };
          pressed.current = false;
          timer.current = setTimeout(() => {
            pressed.current = true;
            onMenu();
          }, longPressMs);
        }}
        onPointerMove={(event) => {
          swipe.handlers.onPointerMove(event);
          // A finger that moves is swiping or scrolling, not pressing.
          const start = pressStart.current;
          if (start && Math.hypot(event.clientX - start.x, event.clientY - start.y) > 8) clearTimeout(timer.current);
        }}
        onPointerUp={() => {
          clearTimeout(timer.current);
          swipe.handlers.onPointerUp();
        }}
        onPointerCancel={() => {
          clearTimeout(timer.current);
          swipe.handlers.onPointerUp();
        }}
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
