import type { Message, SystemBody } from '@tessera/protocol';
import { translate } from '../i18n/i18n';
import type { AppState } from './store';
import type { ConversationRecord } from './types';

/** How the user sees someone: their remark, else their name, else their Tessera ID. */
export function displayName(state: AppState, userId: string): string {
  if (state.self?.id === userId) return state.self.nickname || state.self.handle;
  const contact = state.contacts.get(userId);
  if (contact?.remark) return contact.remark;
  const profile = contact?.profile ?? state.profiles.get(userId);
  return profile ? profile.nickname || profile.handle : '…';
}

/** A conversation's title: the group's name, the peer's name, or the service name. */
export function conversationTitle(state: AppState, conversation: ConversationRecord): string {
  if (conversation.kind === 'direct' && conversation.peerId) return displayName(state, conversation.peerId);
  if (conversation.kind === 'service') return translate('chats.service');
  return conversation.name || translate('chatInfo.unnamed');
}

function names(state: AppState, userIds: string[] | undefined, selfId: string): string {
  return (userIds ?? []).map((id) => (id === selfId ? translate('system.you') : displayName(state, id))).join(', ');
}

/** The sentence a system notice shows. */
export function systemText(state: AppState, body: SystemBody, selfId: string): string {
  const actor = body.actorId === selfId ? translate('system.you') : displayName(state, body.actorId);
  return translate(`system.${body.notice}`, { actor, targets: names(state, body.targetIds, selfId), name: body.name ?? '' });
}

/** A one-line preview of a message for the chats list and notifications. */
export function messagePreview(message: Message, state: AppState, selfId: string): string {
  if (message.recalled) {
    return message.senderId === selfId ? translate('message.recalledByYou') : translate('message.recalledBy', { name: displayName(state, message.senderId) });
  }
  switch (message.kind) {
    case 'text':
      return String(message.body.text ?? '');
    case 'image':
      return translate('message.image');
    case 'voice':
      return translate('message.voice');
    case 'file':
      return `${translate('message.file')} ${String(message.body.name ?? '')}`;
    case 'system':
      return systemText(state, message.body as unknown as SystemBody, selfId);
    case 'transfer':
      return translate('message.transfer');
    case 'red_packet':
      return `${translate('message.redPacket')} ${String(message.body.greeting ?? '') || translate('redPacket.greetingDefault')}`;
  }
}
