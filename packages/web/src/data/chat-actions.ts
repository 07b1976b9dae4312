import type { Message, OutgoingContent } from '@tessera/protocol';
import { RequestError } from '../api/socket-client';
import { newClientMsgId } from '../lib/ids';
import type { TesseraClient } from './client';
import { insertMessage, withEntries } from './store';
import type { OutboxItem } from './types';

const historyPage = 50;
/** Rows read from the cache before a conversation first paints. */
const firstPaintRows = 60;
const typingShownMs = 6_000;
const typingSentEveryMs = 3_000;

/** Sending, reading, recalling and paging through messages. */
export class ChatActions {
  private flushing = false;
  /** Conversations whose whole cached history is in memory; older pages come from the server. */
  private readonly cacheLoaded = new Set<string>();
  private lastTypingSent = new Map<string, number>();
  private typingTimers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly client: TesseraClient) {}

  private get store() {
    return this.client.store;
  }

  /**
   * Shows a conversation: paints its newest cached messages at once, then loads the rest of the
   * cached history behind them, and marks it read.
   */
  async open(conversationId: string): Promise<void> {
    this.store.set({ activeConversation: conversationId });
    if (!this.store.get().messages.has(conversationId)) {
      this.store.update((state) => ({
        messages: withEntries(state.messages, [[conversationId, { items: [], complete: false, loadingOlder: true }]]),
      }));
      const recent = (await this.client.cache?.recentMessages(conversationId, firstPaintRows)) ?? [];
      this.mergeWindow(conversationId, recent);
      if (recent.length === 0) {
        this.cacheLoaded.add(conversationId);
        await this.loadOlder(conversationId);
      } else if (recent.length < firstPaintRows) {
        this.cacheLoaded.add(conversationId);
      } else {
        // After the first paint: the whole cached history, so scrolling up never waits.
        setTimeout(() => void this.loadCached(conversationId), 0);
      }
    }
    this.markRead(conversationId);
  }

  private async loadCached(conversationId: string): Promise<void> {
    const all = (await this.client.cache?.messages(conversationId)) ?? [];
    this.cacheLoaded.add(conversationId);
    this.mergeWindow(conversationId, all);
  }

  /** Puts cached messages under whatever the window already holds (live arrivals win). */
  private mergeWindow(conversationId: string, cached: Message[]): void {
    this.store.update((state) => {
      const window = state.messages.get(conversationId);
      let items = cached;
      // Live arrivals are newer than the cache read: usually a cheap append.
      const newest = cached.at(-1)?.seq ?? 0;
      for (const message of window?.items ?? []) {
        items = message.seq > newest ? [...items, message] : insertMessage(items, message);
      }
      const complete = items[0]?.seq === 1;
      return { messages: withEntries(state.messages, [[conversationId, { items, complete, loadingOlder: false }]]) };
    });
  }

  close(conversationId: string): void {
    if (this.store.get().activeConversation === conversationId) this.store.set({ activeConversation: null });
  }

  /** Fetches the page before the oldest message held. */
  async loadOlder(conversationId: string): Promise<void> {
    const window = this.store.get().messages.get(conversationId);
    if (!window || window.complete || !this.cacheLoaded.has(conversationId) || (window.loadingOlder && window.items.length > 0)) return;
    const beforeSeq = window.items[0]?.seq;
    if (beforeSeq === 1) return;
    this.setWindow(conversationId, { loadingOlder: true });
    try {
      const page = await this.history(conversationId, beforeSeq);
      this.store.update((state) => {
        const current = state.messages.get(conversationId);
        let items = current?.items ?? [];
        for (const message of page) items = insertMessage(items, message);
        const complete = page.length < historyPage || items[0]?.seq === 1;
        return { messages: withEntries(state.messages, [[conversationId, { items, complete, loadingOlder: false }]]) };
      });
      await this.client.cache?.write({ messages: page });
    } catch {
      this.setWindow(conversationId, { loadingOlder: false });
    }
  }

  /** The latest message of a conversation the cache holds nothing of, for the chats list. */
  async loadPreview(conversationId: string): Promise<void> {
    const page = await this.history(conversationId, undefined, 1).catch(() => []);
    const last = page.at(-1);
    if (!last) return;
    await this.client.cache?.write({ messages: [last] });
    this.store.update((state) => {
      const conversation = state.conversations.get(conversationId);
      if (!conversation || conversation.last) return {};
      return { conversations: withEntries(state.conversations, [[conversationId, { ...conversation, last }]]) };
    });
  }

  private async history(conversationId: string, beforeSeq: number | undefined, limit = historyPage): Promise<Message[]> {
    if (this.client.socket.status === 'open') {
      const answer = await this.client.socket.request({
        type: 'history',
        id: this.client.socket.newId(),
        conversationId,
        ...(beforeSeq === undefined ? {} : { beforeSeq }),
        limit,
      });
      if (answer.type === 'history') return answer.messages;
    }
    return (await this.client.rest.history(conversationId, beforeSeq, limit)).messages;
  }

  private setWindow(conversationId: string, change: { loadingOlder: boolean }): void {
    this.store.update((state) => {
      const window = state.messages.get(conversationId);
      return window ? { messages: withEntries(state.messages, [[conversationId, { ...window, ...change }]]) } : {};
    });
  }

  /** Queues a message; it goes out now if connected, else on reconnect, exactly once either way. */
  async send(conversationId: string, content: OutgoingContent, options: { quoteSeq?: number; mentions?: string[] } = {}): Promise<void> {
    const item: OutboxItem = {
      clientMsgId: newClientMsgId(),
      conversationId,
      content,
      ...(options.quoteSeq === undefined ? {} : { quoteSeq: options.quoteSeq }),
      ...(options.mentions && options.mentions.length > 0 ? { mentions: options.mentions } : {}),
      createdAt: new Date().toISOString(),
      status: 'sending',
    };
    this.putOutbox(item);
    await this.client.cache?.putOutbox(item);
    if (!this.flushing && this.store.get().status === 'online') void this.dispatch(item);
  }

  /** Tries a failed message again, under the same client id so it cannot arrive twice. */
  async retry(clientMsgId: string): Promise<void> {
    const item = this.store.get().outbox.get(clientMsgId);
    if (!item) return;
    const next: OutboxItem = { ...item, status: 'sending' };
    delete next.error;
    this.putOutbox(next);
    await this.client.cache?.putOutbox(next);
    if (this.store.get().status === 'online') void this.dispatch(next);
  }

  /**
   * Sends everything queued, oldest first, one at a time so the order holds; messages queued
   * while it runs join the end of the line.
   */
  async flushOutbox(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    const attempted = new Set<string>();
    try {
      for (;;) {
        if (this.store.get().status !== 'online') return;
        const next = [...this.store.get().outbox.values()]
          .filter((item) => item.status === 'sending' && !attempted.has(item.clientMsgId))
          .sort((a, b) => a.createdAt.localeCompare(b.createdAt))[0];
        if (!next) return;
        attempted.add(next.clientMsgId);
        await this.dispatch(next);
      }
    } finally {
      this.flushing = false;
    }
  }

  private async dispatch(item: OutboxItem): Promise<void> {
    try {
      const answer = await this.client.socket.request({
        type: 'send',
        id: this.client.socket.newId(),
        conversationId: item.conversationId,
        clientMsgId: item.clientMsgId,
        content: item.content,
        ...(item.quoteSeq === undefined ? {} : { quoteSeq: item.quoteSeq }),
        ...(item.mentions ? { mentions: item.mentions } : {}),
      });
      const current = this.store.get().outbox.get(item.clientMsgId);
      if (answer.type === 'ack' && current) this.putOutbox({ ...current, seq: answer.seq });
    } catch (error) {
      const code = error instanceof RequestError ? error.code : 'internal_error';
      if (code === 'network') return; // still queued: it goes out after the next sync
      const current = this.store.get().outbox.get(item.clientMsgId);
      if (!current) return;
      const failed: OutboxItem = { ...current, status: 'failed', error: code };
      this.putOutbox(failed);
      await this.client.cache?.putOutbox(failed);
    }
  }

  private putOutbox(item: OutboxItem): void {
    this.store.update((state) => ({ outbox: withEntries(state.outbox, [[item.clientMsgId, item]]) }));
  }

  /** The timeline carried these sends back: they are messages now. */
  async confirm(clientMsgIds: string[]): Promise<void> {
    const known = clientMsgIds.filter((id) => this.store.get().outbox.has(id));
    if (known.length === 0) return;
    this.store.update((state) => ({ outbox: withEntries(state.outbox, [], known) }));
    await this.client.cache?.deleteOutbox(known);
  }

  /** Marks everything in a conversation read, here and on the user's other devices. */
  markRead(conversationId: string): void {
    const conversation = this.store.get().conversations.get(conversationId);
    if (!conversation) return;
    if (conversation.unread === 0 && conversation.readSeq >= conversation.lastSeq && conversation.mentionSeq === null) return;
    const seq = conversation.lastSeq;
    this.store.update((state) => ({
      conversations: withEntries(state.conversations, [[conversationId, { ...conversation, unread: 0, mentionSeq: null, readSeq: Math.max(conversation.readSeq, seq) }]]),
    }));
    const sent = this.client.socket.status === 'open'
      ? this.client.socket.request({ type: 'read', id: this.client.socket.newId(), conversationId, seq }).then(() => undefined)
      : this.client.rest.markRead(conversationId, seq).then(() => undefined);
    void sent.catch(() => undefined);
  }

  async recall(conversationId: string, seq: number): Promise<void> {
    if (this.client.socket.status === 'open') {
      await this.client.socket.request({ type: 'recall', id: this.client.socket.newId(), conversationId, seq });
    } else {
      throw new RequestError('network', 'Not connected');
    }
  }

  /** Marks a recalled message that is only in the cache. */
  async recallCached(conversationId: string, seq: number): Promise<void> {
    const message = await this.client.cache?.message(conversationId, seq);
    if (message) await this.client.cache?.write({ messages: [{ ...message, recalled: true, body: {} }] });
  }

  /** Tells the others the user is typing, at most every few seconds. */
  typing(conversationId: string): void {
    const now = Date.now();
    if (now - (this.lastTypingSent.get(conversationId) ?? 0) < typingSentEveryMs) return;
    this.lastTypingSent.set(conversationId, now);
    this.client.socket.send({ type: 'typing', conversationId });
  }

  showTyping(conversationId: string, userId: string): void {
    this.store.update((state) => ({ typing: withEntries(state.typing, [[conversationId, { userId, until: Date.now() + typingShownMs }]]) }));
    clearTimeout(this.typingTimers.get(conversationId));
    this.typingTimers.set(
      conversationId,
      setTimeout(() => {
        this.store.update((state) => (state.typing.get(conversationId)?.userId === userId ? { typing: withEntries(state.typing, [], [conversationId]) } : {}));
      }, typingShownMs),
    );
  }

  async setSettings(conversationId: string, settings: { pinned?: boolean; muted?: boolean }): Promise<void> {
    const updated = await this.client.rest.updateConversationSettings(conversationId, settings);
    this.store.update((state) => {
      const local = state.conversations.get(conversationId);
      const record = { ...updated, last: local?.last ?? null, unread: local?.unread ?? updated.unread };
      return { conversations: withEntries(state.conversations, [[conversationId, record]]) };
    });
  }

  async hide(conversationId: string): Promise<void> {
    await this.client.rest.hideConversation(conversationId);
    // The server clears the history for this user; so does the app.
    this.store.update((state) => ({
      conversations: withEntries(state.conversations, [], [conversationId]),
      messages: withEntries(state.messages, [], [conversationId]),
    }));
    await this.client.cache?.write({ removedConversations: [conversationId] });
    await this.client.cache?.removeMessages(conversationId);
  }
}
