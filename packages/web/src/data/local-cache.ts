import type { Contact, FriendRequest, Message, Profile, SelfProfile } from '@tessera/protocol';
import { completed, openDatabase, promised } from './idb';
import type { ConversationRecord, OutboxItem } from './types';

const version = 1;
const stores = ['meta', 'conversations', 'messages', 'contacts', 'profiles', 'requests', 'outbox'] as const;
export type StoreName = (typeof stores)[number];

/** Everything the app needs to paint its lists before the network answers. */
export interface CachedState {
  cursor: number;
  self: SelfProfile | null;
  conversations: ConversationRecord[];
  contacts: Contact[];
  profiles: Profile[];
  requests: FriendRequest[];
  blocked: string[];
  outbox: OutboxItem[];
  /** Peer id -> direct conversation id. */
  directIds: [string, string][];
}

/** Writes gathered while applying a batch of events, committed in one transaction. */
export interface CacheWrites {
  cursor?: number;
  self?: SelfProfile;
  blocked?: string[];
  conversations?: ConversationRecord[];
  removedConversations?: string[];
  messages?: Message[];
  contacts?: Contact[];
  removedContacts?: string[];
  profiles?: Profile[];
  requests?: FriendRequest[];
  directIds?: [string, string][];
}

/**
 * The signed-in user's copy of their data in IndexedDB, one database per user so accounts on a
 * shared browser never mix. Messages are keyed by [conversationId, seq] so one conversation's
 * history is a single key range.
 */
export class LocalCache {
  private constructor(private readonly db: IDBDatabase) {}

  static async open(userId: string): Promise<LocalCache> {
    const db = await openDatabase(`tessera-${userId}`, version, (database) => {
      database.createObjectStore('meta');
      database.createObjectStore('conversations', { keyPath: 'id' });
      database.createObjectStore('messages', { keyPath: ['conversationId', 'seq'] });
      database.createObjectStore('contacts', { keyPath: 'userId' });
      database.createObjectStore('profiles', { keyPath: 'id' });
      database.createObjectStore('requests', { keyPath: 'id' });
      database.createObjectStore('outbox', { keyPath: 'clientMsgId' });
    });
    return new LocalCache(db);
  }

  static async remove(userId: string): Promise<void> {
    await promised(indexedDB.deleteDatabase(`tessera-${userId}`));
  }

  close(): void {
    this.db.close();
  }

  async load(): Promise<CachedState> {
    const transaction = this.db.transaction(stores, 'readonly');
    const meta = transaction.objectStore('meta');
    const [cursor, self, blocked, directIds, conversations, contacts, profiles, requests, outbox] = await Promise.all([
      promised(meta.get('cursor')) as Promise<number | undefined>,
      promised(meta.get('self')) as Promise<SelfProfile | undefined>,
      promised(meta.get('blocked')) as Promise<string[] | undefined>,
      promised(meta.get('direct')) as Promise<[string, string][] | undefined>,
      promised(transaction.objectStore('conversations').getAll()) as Promise<ConversationRecord[]>,
      promised(transaction.objectStore('contacts').getAll()) as Promise<Contact[]>,
      promised(transaction.objectStore('profiles').getAll()) as Promise<Profile[]>,
      promised(transaction.objectStore('requests').getAll()) as Promise<FriendRequest[]>,
      promised(transaction.objectStore('outbox').getAll()) as Promise<OutboxItem[]>,
    ]);
    return { cursor: cursor ?? 0, self: self ?? null, blocked: blocked ?? [], directIds: directIds ?? [], conversations, contacts, profiles, requests, outbox };
  }

  /** One conversation's cached messages in seq order. */
  async messages(conversationId: string): Promise<Message[]> {
    const range = IDBKeyRange.bound([conversationId, 0], [conversationId, Number.MAX_SAFE_INTEGER]);
    return (await promised(this.db.transaction('messages').objectStore('messages').getAll(range))) as Message[];
  }

  /** The newest `limit` cached messages of a conversation, in seq order: enough to paint it at once. */
  async recentMessages(conversationId: string, limit: number): Promise<Message[]> {
    const range = IDBKeyRange.bound([conversationId, 0], [conversationId, Number.MAX_SAFE_INTEGER]);
    const request = this.db.transaction('messages').objectStore('messages').openCursor(range, 'prev');
    const found: Message[] = [];
    await new Promise<void>((resolve, reject) => {
      request.onerror = () => reject(request.error ?? new Error('IndexedDB cursor failed'));
      request.onsuccess = () => {
        const cursor = request.result;
        if (!cursor || found.length >= limit) return resolve();
        found.push(cursor.value as Message);
        cursor.continue();
      };
    });
    return found.reverse();
  }

  async message(conversationId: string, seq: number): Promise<Message | undefined> {
    return (await promised(this.db.transaction('messages').objectStore('messages').get([conversationId, seq]))) as Message | undefined;
  }

  async write(writes: CacheWrites): Promise<void> {
    const transaction = this.db.transaction(stores, 'readwrite');
    const done = completed(transaction);
    const meta = transaction.objectStore('meta');
    if (writes.cursor !== undefined) meta.put(writes.cursor, 'cursor');
    if (writes.self) meta.put(writes.self, 'self');
    if (writes.blocked) meta.put(writes.blocked, 'blocked');
    if (writes.directIds) meta.put(writes.directIds, 'direct');
    const put = <T>(name: StoreName, rows: T[] | undefined) => {
      if (!rows) return;
      const store = transaction.objectStore(name);
      for (const row of rows) store.put(row);
    };
    const remove = (name: StoreName, keys: string[] | undefined) => {
      if (!keys) return;
      const store = transaction.objectStore(name);
      for (const key of keys) store.delete(key);
    };
    put('conversations', writes.conversations);
    remove('conversations', writes.removedConversations);
    put('messages', writes.messages);
    put('contacts', writes.contacts);
    remove('contacts', writes.removedContacts);
    put('profiles', writes.profiles);
    put('requests', writes.requests);
    await done;
  }

  /** Replaces the contacts list with the server's. */
  async replaceContacts(contacts: Contact[]): Promise<void> {
    const transaction = this.db.transaction('contacts', 'readwrite');
    const store = transaction.objectStore('contacts');
    store.clear();
    for (const contact of contacts) store.put(contact);
    await completed(transaction);
  }

  async replaceConversations(conversations: ConversationRecord[]): Promise<void> {
    const transaction = this.db.transaction('conversations', 'readwrite');
    const store = transaction.objectStore('conversations');
    store.clear();
    for (const conversation of conversations) store.put(conversation);
    await completed(transaction);
  }

  /** Forgets a conversation's messages (the user deleted the chat, clearing its history). */
  async removeMessages(conversationId: string): Promise<void> {
    const transaction = this.db.transaction('messages', 'readwrite');
    transaction.objectStore('messages').delete(IDBKeyRange.bound([conversationId, 0], [conversationId, Number.MAX_SAFE_INTEGER]));
    await completed(transaction);
  }

  async putOutbox(item: OutboxItem): Promise<void> {
    const transaction = this.db.transaction('outbox', 'readwrite');
    transaction.objectStore('outbox').put(item);
    await completed(transaction);
  }

  async deleteOutbox(clientMsgIds: string[]): Promise<void> {
    if (clientMsgIds.length === 0) return;
    const transaction = this.db.transaction('outbox', 'readwrite');
    for (const id of clientMsgIds) transaction.objectStore('outbox').delete(id);
    await completed(transaction);
  }
}
