import type { Message, TimelineEvent } from '@tessera/protocol';
import { describe, expect, it } from 'vitest';
import { buildRows } from '../screens/conversation/rows';
import { applyEvents } from './apply-events';
import { initialState, type AppState } from './store';
import type { ConversationRecord } from './types';

const self = 'me';
let seq = 0;

function conversation(overrides: Partial<ConversationRecord> = {}): ConversationRecord {
  return {
    id: 'c1', kind: 'group', name: 'Hikers', avatarMediaId: null, announcement: '', peerId: null, ownerId: 'me', memberCount: 3,
    lastSeq: 0, pinned: false, muted: false, readSeq: 0, unread: 0, mentionSeq: null, peerReadSeq: null, updatedAt: '2026-01-01T00:00:00.000Z', last: null,
    ...overrides,
  };
}

function message(messageSeq: number, senderId: string, overrides: Partial<Message> = {}): Message {
  return {
    id: `m${messageSeq}`, conversationId: 'c1', seq: messageSeq, senderId, clientMsgId: null, kind: 'text', body: { text: `text ${messageSeq}` },
    quote: null, mentions: [], sentAt: new Date(Date.UTC(2026, 0, 1, 0, messageSeq)).toISOString(), recalled: false, ...overrides,
  };
}

function event(payload: TimelineEvent extends infer E ? (E extends unknown ? Omit<E, 'seq' | 'at'> : never) : never): TimelineEvent {
  seq += 1;
  return { ...payload, seq, at: '2026-01-01T00:00:00.000Z' } as TimelineEvent;
}

function stateWith(record: ConversationRecord): AppState {
  return { ...initialState, conversations: new Map([[record.id, record]]) };
}

describe('applyEvents', () => {
  it('counts messages from others after the read marker, notes the first mention, and sets the preview', () => {
    const applied = applyEvents(
      stateWith(conversation()),
      [
        event({ kind: 'message.new', message: message(1, 'bob') }),
        event({ kind: 'message.new', message: message(2, self) }),
        event({ kind: 'message.new', message: message(3, 'carol', { mentions: [self] }) }),
        event({ kind: 'message.new', message: message(4, 'bob', { mentions: ['all'] }) }),
      ],
      self,
      () => false,
    );
    const record = applied.state.conversations!.get('c1')!;
    expect(record.unread).toBe(3);
    expect(record.mentionSeq).toBe(3);
    expect(record.lastSeq).toBe(4);
    expect(record.last?.seq).toBe(4);
    expect(applied.writes.messages).toHaveLength(4);
    expect(applied.writes.cursor).toBe(seq);
  });

  it('counts nothing for a chat on screen and asks to mark it read instead', () => {
    const applied = applyEvents(stateWith(conversation()), [event({ kind: 'message.new', message: message(1, 'bob') })], self, (id) => id === 'c1');
    expect(applied.state.conversations!.get('c1')!.unread).toBe(0);
    expect([...applied.readNow]).toEqual(['c1']);
  });

  it('recounts unread from the messages held when another device reads up to a point', () => {
    const state: AppState = {
      ...stateWith(conversation({ lastSeq: 3, unread: 3 })),
      messages: new Map([['c1', { items: [message(1, 'bob'), message(2, 'bob'), message(3, 'bob')], complete: true, loadingOlder: false }]]),
    };
    const applied = applyEvents(state, [event({ kind: 'read.updated', conversationId: 'c1', readSeq: 2 })], self, () => false);
    expect(applied.state.conversations!.get('c1')).toMatchObject({ unread: 1, readSeq: 2 });
  });

  it('takes the text of a recalled message back from replies that quoted it', () => {
    const reply = message(2, self, { quote: { seq: 1, senderId: 'bob', kind: 'text', preview: 'text 1' } });
    const state: AppState = {
      ...stateWith(conversation({ lastSeq: 2, last: reply })),
      messages: new Map([['c1', { items: [message(1, 'bob'), reply], complete: true, loadingOlder: false }]]),
    };
    const applied = applyEvents(state, [event({ kind: 'message.recalled', conversationId: 'c1', messageSeq: 1, by: 'bob' })], self, () => false);
    const items = applied.state.messages!.get('c1')!.items;
    expect(items[0]).toMatchObject({ recalled: true, body: {} });
    expect(items[1]!.quote).toEqual({ seq: 1, senderId: 'bob', kind: 'text', preview: '', recalled: true });
  });

  it('confirms own sends by client id and marks recalls in memory and in the preview', () => {
    const state: AppState = {
      ...stateWith(conversation({ lastSeq: 1, last: message(1, 'bob') })),
      messages: new Map([['c1', { items: [message(1, 'bob')], complete: true, loadingOlder: false }]]),
    };
    const applied = applyEvents(
      state,
      [
        event({ kind: 'message.new', message: message(2, self, { clientMsgId: 'local-1' }) }),
        event({ kind: 'message.recalled', conversationId: 'c1', messageSeq: 2, by: self }),
      ],
      self,
      () => false,
    );
    expect(applied.confirmed).toEqual(['local-1']);
    expect(applied.state.messages!.get('c1')!.items.map((item) => [item.seq, item.recalled])).toEqual([[1, false], [2, true]]);
    expect(applied.state.conversations!.get('c1')!.last?.recalled).toBe(true);
  });

  it('reports the newest message of a conversation it does not know yet', () => {
    const applied = applyEvents(
      initialState,
      [event({ kind: 'message.new', message: message(5, 'bob') }), event({ kind: 'message.new', message: message(4, 'bob') })],
      self,
      () => false,
    );
    expect(applied.unknownConversations.get('c1')?.seq).toBe(5);
  });
});

describe('buildRows', () => {
  it('shows a queued send until the timeline carries it back, and times after five-minute gaps', () => {
    const delivered = [message(1, 'bob'), message(2, self, { clientMsgId: 'sent' }), message(9, 'bob')];
    const outbox = [
      { clientMsgId: 'sent', conversationId: 'c1', content: { kind: 'text' as const, body: { text: 'x' } }, createdAt: '2026-01-01T00:02:00.000Z', status: 'sending' as const },
      { clientMsgId: 'queued', conversationId: 'c1', content: { kind: 'text' as const, body: { text: 'y' } }, createdAt: '2026-01-01T00:20:00.000Z', status: 'sending' as const },
      { clientMsgId: 'elsewhere', conversationId: 'c2', content: { kind: 'text' as const, body: { text: 'z' } }, createdAt: '2026-01-01T00:20:00.000Z', status: 'sending' as const },
    ];
    const rows = buildRows(delivered, outbox, 'c1');
    expect(rows.map((row) => [row.key, row.showTime])).toEqual([
      ['m1', true],
      ['m2', false],
      ['m9', true],
      ['oqueued', true],
    ]);
  });
});
