import type { Conversation, Message, ServerFrame, TimelineEvent } from '@tessera/protocol';
import { RestClient } from '../api/rest-client';
import { SocketClient, type SocketStatus } from '../api/socket-client';
import { applyEvents } from './apply-events';
import { ChatActions } from './chat-actions';
import { LocalCache } from './local-cache';
import { notifyIncoming } from './notifications';
import { PayActions } from './pay-actions';
import { PeopleActions } from './people-actions';
import { Store, withEntries } from './store';
import type { ConversationRecord } from './types';

/** What the app remembers between visits to sign the user back in. */
export interface StoredSession {
  token: string;
  userId: string;
}

/**
 * A signed-in user's client: paints from the IndexedDB cache at once, then keeps it in step with
 * the server over the WebSocket (sync from the saved cursor, then live events) and refreshes the
 * server-computed lists after each sync.
 */
export class TesseraClient {
  readonly store = new Store();
  readonly rest: RestClient;
  readonly socket: SocketClient;
  readonly chat: ChatActions;
  readonly people: PeopleActions;
  readonly pay: PayActions;
  cache: LocalCache | null = null;
  private cursor = 0;
  private syncId: string | null = null;
  /** Frames are applied one after another, each batch's cache writes before the next. */
  private queue: Promise<void> = Promise.resolve();
  private stopped = false;
  /** Newest message seen for conversations still being fetched. */
  private readonly pendingLast = new Map<string, Message>();
  private readonly fetchingConversations = new Map<string, Promise<ConversationRecord | null>>();
  /** Called when the server no longer accepts this session. */
  onSignedOut: (reason: string) => void = () => {};

  constructor(readonly session: StoredSession) {
    this.rest = new RestClient(session.token);
    this.rest.onUnauthenticated = () => this.onSignedOut('session_revoked');
    this.socket = new SocketClient(session.token, {
      onFrame: (frame) => this.enqueue(() => this.handle(frame)),
      onStatus: (status) => this.handleStatus(status),
      onRevoked: () => this.onSignedOut('session_revoked'),
    });
    this.chat = new ChatActions(this);
    this.people = new PeopleActions(this);
    this.pay = new PayActions(this);
  }

  get userId(): string {
    return this.session.userId;
  }

  async start(): Promise<void> {
    this.cache = await LocalCache.open(this.userId);
    const cached = await this.cache.load();
    if (this.stopped) return;
    this.cursor = cached.cursor;
    this.store.set({
      ready: true,
      self: cached.self,
      conversations: new Map(cached.conversations.map((conversation) => [conversation.id, conversation])),
      contacts: new Map(cached.contacts.map((contact) => [contact.userId, contact])),
      contactsLoaded: cached.contacts.length > 0 || cached.cursor > 0,
      profiles: new Map(cached.profiles.map((profile) => [profile.id, profile])),
      requests: new Map(cached.requests.map((request) => [request.id, request])),
      blocked: new Set(cached.blocked),
      outbox: new Map(cached.outbox.map((item) => [item.clientMsgId, item])),
      directIds: new Map(cached.directIds),
    });
    this.store.subscribe(() => this.rememberDirect());
    this.rememberDirect();
    document.addEventListener('visibilitychange', this.handleVisibility);
    this.socket.start();
  }

  stop(): void {
    this.stopped = true;
    document.removeEventListener('visibilitychange', this.handleVisibility);
    this.socket.stop();
    this.cache?.close();
  }

  private seenConversations: unknown = null;

  /** Keeps each contact's direct conversation id, so a deleted chat can be opened again. */
  private rememberDirect(): void {
    const state = this.store.get();
    if (state.conversations === this.seenConversations) return;
    this.seenConversations = state.conversations;
    const known = new Map(state.directIds);
    let added = false;
    for (const conversation of state.conversations.values()) {
      if (conversation.kind !== 'direct' || !conversation.peerId || known.get(conversation.peerId) === conversation.id) continue;
      known.set(conversation.peerId, conversation.id);
      added = true;
    }
    if (!added) return;
    this.store.set({ directIds: known });
    void this.cache?.write({ directIds: [...known] }).catch(() => undefined);
  }

  /** Whether the user is looking at a conversation right now (so its messages are read). */
  isWatching(conversationId: string): boolean {
    return this.store.get().activeConversation === conversationId && document.visibilityState === 'visible';
  }

  enqueue(task: () => Promise<void> | void): void {
    this.queue = this.queue.then(task).catch((error: unknown) => console.warn('tessera: applying a frame failed', error));
  }

  private handleStatus(status: SocketStatus): void {
    if (status === 'open') return; // `ready` starts the sync, which sets the status
    this.store.set({ status: status === 'connecting' ? 'connecting' : 'offline' });
    // A socket refused at the upgrade gives no reason; ask REST whether the session still stands.
    if (status === 'offline' && !this.stopped) void this.rest.me().catch(() => undefined);
  }

  private readonly handleVisibility = (): void => {
    const active = this.store.get().activeConversation;
    if (active && document.visibilityState === 'visible') this.chat.markRead(active);
  };

  private async handle(frame: ServerFrame): Promise<void> {
    switch (frame.type) {
      case 'ready':
        this.syncId = this.socket.newId();
        this.store.set({ status: 'syncing' });
        this.socket.send({ type: 'sync', id: this.syncId, cursor: this.cursor });
        return;
      case 'events':
        if (frame.id === this.syncId) await this.apply(frame.events);
        return;
      case 'event':
        await this.apply([frame.event]);
        return;
      case 'synced':
        if (frame.id !== this.syncId) return;
        this.cursor = Math.max(this.cursor, frame.cursor);
        this.store.set({ status: 'online', synced: true });
        void this.refresh();
        void this.chat.flushOutbox();
        return;
      case 'typing':
        this.chat.showTyping(frame.conversationId, frame.userId);
        return;
      default:
        return;
    }
  }

  private async apply(events: TimelineEvent[]): Promise<void> {
    const fresh = events.filter((event) => event.seq > this.cursor);
    if (fresh.length === 0) return;
    const applied = applyEvents(this.store.get(), fresh, this.userId, (id) => this.isWatching(id));
    this.cursor = fresh.at(-1)!.seq;
    this.store.set(applied.state);
    await this.cache?.write(applied.writes);
    if (applied.confirmed.length > 0) await this.chat.confirm(applied.confirmed);
    for (const recall of applied.recalls) await this.chat.recallCached(recall.conversationId, recall.seq);
    for (const [id, message] of applied.unknownConversations) {
      const known = this.pendingLast.get(id);
      if (!known || known.seq < message.seq) this.pendingLast.set(id, message);
      void this.fetchConversation(id);
    }
    for (const id of applied.readNow) this.chat.markRead(id);
    if (this.store.get().synced) notifyIncoming(this, applied.incoming);
  }

  /**
   * Loads a conversation the app has not seen (a new chat). One request per conversation at a
   * time; its last message is the newest of what the app holds, arrived meanwhile, or has cached.
   */
  fetchConversation(id: string): Promise<ConversationRecord | null> {
    const inFlight = this.fetchingConversations.get(id);
    if (inFlight) return inFlight;
    const fetching = this.loadConversation(id).finally(() => this.fetchingConversations.delete(id));
    this.fetchingConversations.set(id, fetching);
    return fetching;
  }

  private async loadConversation(id: string): Promise<ConversationRecord | null> {
    try {
      const { conversation, members } = await this.rest.conversation(id);
      const cached = (await this.cache?.recentMessages(id, 1))?.[0] ?? null;
      const candidates = [cached, this.pendingLast.get(id) ?? null, this.store.get().conversations.get(id)?.last ?? null];
      const last = candidates.reduce((newest, message) => (message && (!newest || message.seq > newest.seq) ? message : newest), null);
      this.pendingLast.delete(id);
      const record = this.record(conversation, last);
      this.store.update((state) => ({
        conversations: withEntries(state.conversations, [[id, record]]),
        members: withEntries(state.members, [[id, members]]),
      }));
      await this.cache?.write({ conversations: [record] });
      return record;
    } catch {
      return null;
    }
  }

  record(conversation: Conversation, last: ConversationRecord['last']): ConversationRecord {
    return { ...conversation, last };
  }

  /** Replaces lists the server computes (unread counts, settings, contacts) after a sync. */
  async refresh(): Promise<void> {
    await Promise.all([this.refreshConversations(), this.people.refresh()]).catch(() => undefined);
  }

  private async refreshConversations(): Promise<void> {
    const { conversations } = await this.rest.conversations();
    const state = this.store.get();
    const records = conversations.map((conversation) => {
      const local = state.conversations.get(conversation.id);
      const record: ConversationRecord = { ...conversation, last: local?.last ?? null };
      // A message that arrived while the list was in flight is already counted locally.
      if (local && local.lastSeq > conversation.lastSeq) {
        return { ...record, lastSeq: local.lastSeq, unread: local.unread, mentionSeq: local.mentionSeq };
      }
      return record;
    });
    this.store.set({ conversations: new Map(records.map((record) => [record.id, record])) });
    await this.cache?.replaceConversations(records);
    for (const record of records) {
      if (record.unread > 0 && this.isWatching(record.id)) this.chat.markRead(record.id);
      if (!record.last && record.lastSeq > 0) void this.chat.loadPreview(record.id);
    }
  }
}
