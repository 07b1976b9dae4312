import type { ChatTransfer, Contact, FriendRequest, Member, Message, Profile, RedPacket, SelfProfile, Wallet } from '@tessera/protocol';
import { useSyncExternalStore } from 'react';
import type { ConversationRecord, OutboxItem } from './types';

export type ConnectionStatus = 'connecting' | 'syncing' | 'online' | 'offline';

/** One conversation's messages in memory: loaded from the cache when opened, kept live after. */
export interface MessageWindow {
  items: Message[];
  /** The first message of the conversation (or of the user's membership) is loaded. */
  complete: boolean;
  loadingOlder: boolean;
}

/** The app's state. Every change replaces the collections it touches, so selectors compare by identity. */
export interface AppState {
  /** The cache has been read; lists show cached data from here on. */
  ready: boolean;
  status: ConnectionStatus;
  /** First sync since start finished. */
  synced: boolean;
  self: SelfProfile | null;
  conversations: ReadonlyMap<string, ConversationRecord>;
  messages: ReadonlyMap<string, MessageWindow>;
  outbox: ReadonlyMap<string, OutboxItem>;
  contacts: ReadonlyMap<string, Contact>;
  contactsLoaded: boolean;
  profiles: ReadonlyMap<string, Profile>;
  requests: ReadonlyMap<string, FriendRequest>;
  blocked: ReadonlySet<string>;
  /** Who is typing, per conversation, until when (epoch ms). */
  typing: ReadonlyMap<string, { userId: string; until: number }>;
  members: ReadonlyMap<string, Member[]>;
  /** Each contact's direct conversation, remembered even after the chat is deleted from the list. */
  directIds: ReadonlyMap<string, string>;
  activeConversation: string | null;
  /** The user's wallet once read (Me -> Wallet, or a payment); kept live by `wallet.updated`. */
  wallet: Wallet | null;
  /** Chat transfers and red packets the app has read or been told about, by id, for their cards. */
  transfers: ReadonlyMap<string, ChatTransfer>;
  redPackets: ReadonlyMap<string, RedPacket>;
}

export const initialState: AppState = {
  ready: false,
  status: 'offline',
  synced: false,
  self: null,
  conversations: new Map(),
  messages: new Map(),
  outbox: new Map(),
  contacts: new Map(),
  contactsLoaded: false,
  profiles: new Map(),
  requests: new Map(),
  blocked: new Set(),
  typing: new Map(),
  members: new Map(),
  directIds: new Map(),
  activeConversation: null,
  wallet: null,
  transfers: new Map(),
  redPackets: new Map(),
};

/** A tiny observable store for AppState. */
export class Store {
  private state: AppState = initialState;
  private readonly listeners = new Set<() => void>();

  get(): AppState {
    return this.state;
  }

  set(changes: Partial<AppState>): void {
    this.state = { ...this.state, ...changes };
    for (const listener of this.listeners) listener();
  }

  /** Applies a function of the current state. */
  update(change: (state: AppState) => Partial<AppState>): void {
    this.set(change(this.state));
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}

/** Selects from a store, re-rendering when the selected value changes identity. */
export function useStoreSelector<T>(store: Store, select: (state: AppState) => T): T {
  return useSyncExternalStore(store.subscribe, () => select(store.get()));
}

/** Copies a map with some entries set and some removed. */
export function withEntries<K, V>(map: ReadonlyMap<K, V>, set: Iterable<[K, V]>, remove: Iterable<K> = []): Map<K, V> {
  const next = new Map(map);
  for (const [key, value] of set) next.set(key, value);
  for (const key of remove) next.delete(key);
  return next;
}

/** Inserts or replaces a message in a seq-ordered list, returning a new list. */
export function insertMessage(items: Message[], message: Message): Message[] {
  const last = items.at(-1);
  if (!last || last.seq < message.seq) return [...items, message];
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (items[middle]!.seq < message.seq) low = middle + 1;
    else high = middle;
  }
  const next = items.slice();
  if (items[low]?.seq === message.seq) next[low] = message;
  else next.splice(low, 0, message);
  return next;
}
