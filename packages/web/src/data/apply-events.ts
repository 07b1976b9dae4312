import type { Contact, FriendRequest, Message, Profile, TimelineEvent } from '@tessera/protocol';
import type { CacheWrites } from './local-cache';
import { laterPacket, laterTransfer, laterWallet } from './pay-state';
import { insertMessage, type AppState, type MessageWindow } from './store';
import type { ConversationRecord } from './types';

/** What a batch of timeline events does: new state, cache writes, and follow-ups for the client. */
export interface Applied {
  state: Partial<AppState>;
  writes: CacheWrites;
  /** Conversations a message arrived in that the app does not know yet, with the newest such message. */
  unknownConversations: Map<string, Message>;
  /** Recalls of messages not in memory: the cache copy must be marked. */
  recalls: { conversationId: string; seq: number }[];
  /** Messages from others worth a notification. */
  incoming: Message[];
  /** Own sends that the timeline confirmed. */
  confirmed: string[];
  /** Conversations open on screen that received messages from others: mark them read. */
  readNow: Set<string>;
}

function mentionsUser(message: Message, userId: string): boolean {
  return message.mentions.includes(userId) || message.mentions.includes('all') || message.mentions.includes('*');
}

/**
 * Folds timeline events into the state. Unread counts follow WeChat's rule (messages after the
 * read marker not sent by the user); the server's counts replace them on every reconnect.
 */
export function applyEvents(state: AppState, events: TimelineEvent[], selfId: string, isWatching: (conversationId: string) => boolean): Applied {
  const conversations = new Map(state.conversations);
  const messages = new Map(state.messages);
  const contacts = new Map(state.contacts);
  const profiles = new Map(state.profiles);
  const requests = new Map(state.requests);
  const blocked = new Set(state.blocked);
  const members = new Map(state.members);
  const typing = new Map(state.typing);
  const transfers = new Map(state.transfers);
  const redPackets = new Map(state.redPackets);
  let wallet = state.wallet;
  let self = state.self;
  const touched = new Set<string>();
  const removed = new Set<string>();
  const newMessages: Message[] = [];
  const changedContacts = new Map<string, Contact>();
  const removedContacts = new Set<string>();
  const changedProfiles = new Map<string, Profile>();
  const changedRequests = new Map<string, FriendRequest>();
  let blockedChanged = false;
  let selfChanged = false;
  const applied: Applied = {
    state: {},
    writes: {},
    unknownConversations: new Map(),
    recalls: [],
    incoming: [],
    confirmed: [],
    readNow: new Set(),
  };

  const updateWindow = (conversationId: string, change: (window: MessageWindow) => MessageWindow) => {
    const window = messages.get(conversationId);
    if (window) messages.set(conversationId, change(window));
  };

  for (const event of events) {
    switch (event.kind) {
      case 'message.new': {
        const message = event.message;
        newMessages.push(message);
        updateWindow(message.conversationId, (window) => ({ ...window, items: insertMessage(window.items, message) }));
        if (message.senderId === selfId && message.clientMsgId) applied.confirmed.push(message.clientMsgId);
        if (typing.get(message.conversationId)?.userId === message.senderId) typing.delete(message.conversationId);
        const conversation = conversations.get(message.conversationId);
        if (!conversation) {
          const newest = applied.unknownConversations.get(message.conversationId);
          if (!newest || newest.seq < message.seq) applied.unknownConversations.set(message.conversationId, message);
          break;
        }
        const next: ConversationRecord = { ...conversation };
        if (!next.last || next.last.seq <= message.seq) {
          next.last = message;
          next.updatedAt = message.sentAt;
        }
        next.lastSeq = Math.max(next.lastSeq, message.seq);
        if (message.senderId !== selfId && message.seq > next.readSeq) {
          if (isWatching(message.conversationId)) {
            applied.readNow.add(message.conversationId);
          } else {
            next.unread += 1;
            if (mentionsUser(message, selfId) && next.mentionSeq === null) next.mentionSeq = message.seq;
            if (message.kind !== 'system') applied.incoming.push(message);
          }
        }
        conversations.set(next.id, next);
        touched.add(next.id);
        removed.delete(next.id);
        break;
      }
      case 'message.recalled': {
        const { conversationId, messageSeq } = event;
        let inMemory = false;
        updateWindow(conversationId, (window) => {
          const index = window.items.findIndex((item) => item.seq === messageSeq);
          if (index < 0) return window;
          inMemory = true;
          const items = window.items.slice();
          const recalled = { ...items[index]!, recalled: true, body: {} };
          items[index] = recalled;
          newMessages.push(recalled);
          // Replies that quoted it lose the quoted text too, as the server's copies do.
          for (const [position, item] of items.entries()) {
            if (item.quote?.seq !== messageSeq || item.quote.recalled) continue;
            const blanked = { ...item, quote: { ...item.quote, preview: '', recalled: true } };
            items[position] = blanked;
            newMessages.push(blanked);
          }
          return { ...window, items };
        });
        if (!inMemory) applied.recalls.push({ conversationId, seq: messageSeq });
        const conversation = conversations.get(conversationId);
        if (conversation?.last?.seq === messageSeq) {
          conversations.set(conversationId, { ...conversation, last: { ...conversation.last, recalled: true, body: {} } });
          touched.add(conversationId);
        }
        break;
      }
      case 'read.updated': {
        const conversation = conversations.get(event.conversationId);
        if (!conversation || event.readSeq <= conversation.readSeq) break;
        const window = messages.get(event.conversationId);
        let unread = conversation.unread;
        if (event.readSeq >= conversation.lastSeq) unread = 0;
        else if (window) unread = window.items.filter((item) => item.seq > event.readSeq && item.senderId !== selfId && item.kind !== 'system').length;
        else unread = Math.min(unread, conversation.lastSeq - event.readSeq);
        const mentionSeq = conversation.mentionSeq !== null && conversation.mentionSeq <= event.readSeq ? null : conversation.mentionSeq;
        conversations.set(conversation.id, { ...conversation, readSeq: event.readSeq, unread, mentionSeq });
        touched.add(conversation.id);
        break;
      }
      case 'peer_read.updated': {
        const conversation = conversations.get(event.conversationId);
        if (!conversation || event.readSeq <= (conversation.peerReadSeq ?? 0)) break;
        conversations.set(conversation.id, { ...conversation, peerReadSeq: event.readSeq });
        touched.add(conversation.id);
        break;
      }
      case 'conversation.updated': {
        const existing = conversations.get(event.conversation.id);
        // Counts in a replayed snapshot may be older than what the app holds; keep the app's.
        const next: ConversationRecord = {
          ...event.conversation,
          last: existing?.last ?? null,
          lastSeq: Math.max(existing?.lastSeq ?? 0, event.conversation.lastSeq),
          readSeq: Math.max(existing?.readSeq ?? 0, event.conversation.readSeq),
          unread: existing ? existing.unread : event.conversation.unread,
          mentionSeq: existing ? existing.mentionSeq : event.conversation.mentionSeq,
          peerReadSeq:
            event.conversation.peerReadSeq === null ? null : Math.max(existing?.peerReadSeq ?? 0, event.conversation.peerReadSeq),
        };
        conversations.set(next.id, next);
        if (event.members) members.set(next.id, event.members);
        touched.add(next.id);
        removed.delete(next.id);
        break;
      }
      case 'conversation.removed':
        conversations.delete(event.conversationId);
        members.delete(event.conversationId);
        removed.add(event.conversationId);
        touched.delete(event.conversationId);
        break;
      case 'contact.updated':
        contacts.set(event.contact.userId, event.contact);
        profiles.set(event.contact.userId, event.contact.profile);
        changedContacts.set(event.contact.userId, event.contact);
        changedProfiles.set(event.contact.userId, event.contact.profile);
        removedContacts.delete(event.contact.userId);
        break;
      case 'contact.removed':
        contacts.delete(event.userId);
        removedContacts.add(event.userId);
        changedContacts.delete(event.userId);
        break;
      case 'friend_request.updated':
        requests.set(event.request.id, event.request);
        changedRequests.set(event.request.id, event.request);
        break;
      case 'profile.updated': {
        const profile = event.profile;
        if (profile.id === selfId && self) {
          self = { ...self, ...profile };
          selfChanged = true;
          break;
        }
        profiles.set(profile.id, profile);
        changedProfiles.set(profile.id, profile);
        const contact = contacts.get(profile.id);
        if (contact) {
          const next = { ...contact, profile };
          contacts.set(profile.id, next);
          changedContacts.set(profile.id, next);
        }
        break;
      }
      case 'block.updated':
        if (event.blocked) blocked.add(event.userId);
        else blocked.delete(event.userId);
        blockedChanged = true;
        break;
      case 'wallet.updated':
        wallet = laterWallet(wallet, event.wallet);
        break;
      case 'transfer.updated':
        transfers.set(event.transfer.id, laterTransfer(transfers.get(event.transfer.id), event.transfer));
        break;
      case 'red_packet.updated':
        redPackets.set(event.packet.id, laterPacket(redPackets.get(event.packet.id), event.packet));
        break;
    }
  }

  applied.state = { conversations, messages, contacts, profiles, requests, blocked, members, typing, self, wallet, transfers, redPackets };
  const lastSeq = events.at(-1)?.seq;
  applied.writes = {
    ...(lastSeq === undefined ? {} : { cursor: lastSeq }),
    ...(selfChanged && self ? { self } : {}),
    ...(blockedChanged ? { blocked: [...blocked] } : {}),
    conversations: [...touched].flatMap((id) => conversations.get(id) ?? []),
    removedConversations: [...removed],
    messages: newMessages,
    contacts: [...changedContacts.values()],
    removedContacts: [...removedContacts],
    profiles: [...changedProfiles.values()],
    requests: [...changedRequests.values()],
  };
  return applied;
}
