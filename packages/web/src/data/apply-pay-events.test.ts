import type { ChatTransfer, RedPacket, TimelineEvent, Wallet } from '@tessera/protocol';
import { describe, expect, it } from 'vitest';
import { applyEvents } from './apply-events';
import { laterPacket, laterTransfer, laterWallet } from './pay-state';
import { initialState, type AppState } from './store';

const self = 'me';
let seq = 100;

function event(payload: Extract<TimelineEvent, { kind: 'wallet.updated' | 'transfer.updated' | 'red_packet.updated' }> extends infer E ? (E extends unknown ? Omit<E, 'seq' | 'at'> : never) : never): TimelineEvent {
  seq += 1;
  return { ...payload, seq, at: '2026-11-30T00:00:00.000Z' } as TimelineEvent;
}

function wallet(balance: number, overrides: Partial<Wallet> = {}): Wallet {
  return { userId: self, currency: 'CNY', balance, testMoney: true, hasPaymentPassword: true, paymentPasswordLockedUntil: null, dailyLimit: 500_000, spentToday: 0, version: 1, redPacketMaxAmount: 20_000, redPacketMaxShares: 100, ...overrides };
}

function transfer(status: ChatTransfer['status'], overrides: Partial<ChatTransfer> = {}): ChatTransfer {
  return {
    id: 't1', conversationId: 'c1', senderId: 'bob', receiverId: self, amount: 2000, currency: 'CNY', note: 'lunch', status,
    returnReason: status === 'returned' ? 'declined' : null, createdAt: '2026-11-30T00:00:00.000Z', expiresAt: '2026-12-01T00:00:00.000Z',
    settledAt: status === 'pending' ? null : '2026-11-30T00:01:00.000Z', testMoney: true, ...overrides,
  };
}

function packet(overrides: Partial<RedPacket> = {}): RedPacket {
  return {
    id: 'r1', conversationId: 'g1', senderId: 'bob', mode: 'lucky', greeting: 'Happy new year', amount: 1000, currency: 'CNY', shareCount: 2,
    claimedCount: 0, claimedAmount: 0, status: 'active', createdAt: '2026-11-30T00:00:00.000Z', expiresAt: '2026-12-01T00:00:00.000Z',
    endedAt: null, myAmount: null, claims: null, luckiestUserId: null, testMoney: true, ...overrides,
  };
}

function apply(state: AppState, events: TimelineEvent[]): AppState {
  return { ...state, ...applyEvents(state, events, self, () => false).state };
}

describe('applying payment events', () => {
  it('keeps the newest wallet and leaves the rest of the state alone', () => {
    const before = initialState;
    const after = apply(before, [event({ kind: 'wallet.updated', wallet: wallet(1000) }), event({ kind: 'wallet.updated', wallet: wallet(700, { spentToday: 300 }) })]);
    expect(after.wallet).toEqual(wallet(700, { spentToday: 300 }));
    expect(after.conversations).toEqual(before.conversations);
    expect(after.transfers.size).toBe(0);
  });

  it('moves a transfer from pending to accepted, and a late pending copy does not take it back', () => {
    let state = apply(initialState, [event({ kind: 'transfer.updated', transfer: transfer('pending') })]);
    expect(state.transfers.get('t1')?.status).toBe('pending');
    state = apply(state, [event({ kind: 'transfer.updated', transfer: transfer('accepted') })]);
    expect(state.transfers.get('t1')?.status).toBe('accepted');
    state = apply(state, [event({ kind: 'transfer.updated', transfer: transfer('pending') })]);
    expect(state.transfers.get('t1')?.status).toBe('accepted');
  });

  it('keeps transfers apart by id', () => {
    const state = apply(initialState, [
      event({ kind: 'transfer.updated', transfer: transfer('pending') }),
      event({ kind: 'transfer.updated', transfer: transfer('returned', { id: 't2', returnReason: 'expired' }) }),
    ]);
    expect([...state.transfers.keys()].sort()).toEqual(['t1', 't2']);
    expect(state.transfers.get('t2')?.returnReason).toBe('expired');
  });

  it('follows a red packet through grabs to its end, keeping what the viewer got', () => {
    const mine = packet({ claimedCount: 1, claimedAmount: 420, myAmount: 420, claims: [{ userId: self, amount: 420, at: '2026-11-30T00:00:01.000Z' }] });
    // The end is told to every member as they see it; this copy was built without the viewer's share.
    const ended = packet({ claimedCount: 2, claimedAmount: 1000, status: 'finished', endedAt: '2026-11-30T00:00:02.000Z', luckiestUserId: 'carol' });
    const state = apply(initialState, [event({ kind: 'red_packet.updated', packet: mine }), event({ kind: 'red_packet.updated', packet: ended })]);
    const shown = state.redPackets.get('r1')!;
    expect(shown.status).toBe('finished');
    expect(shown.claimedCount).toBe(2);
    expect(shown.myAmount).toBe(420);
    expect(shown.luckiestUserId).toBe('carol');
  });

  it('lets a member who never grabbed see the packet gone', () => {
    const state = apply(initialState, [
      event({ kind: 'red_packet.updated', packet: packet({ status: 'finished', claimedCount: 2, claimedAmount: 1000, endedAt: '2026-11-30T00:00:02.000Z' }) }),
    ]);
    expect(state.redPackets.get('r1')).toMatchObject({ status: 'finished', myAmount: null });
  });
});

describe('choosing the later copy', () => {
  it('prefers the copy with more claims or an ended packet, whichever arrived last', () => {
    const one = packet({ claimedCount: 1, claimedAmount: 300 });
    const two = packet({ claimedCount: 2, claimedAmount: 1000, status: 'finished' });
    expect(laterPacket(one, two)).toBe(two);
    expect(laterPacket(two, one)).toBe(two);
    expect(laterPacket(undefined, one)).toBe(one);
  });

  it('takes an equal copy that arrived later, so the server has the last word', () => {
    const first = packet({ greeting: 'a' });
    const second = packet({ greeting: 'b' });
    expect(laterPacket(first, second)).toBe(second);
    expect(laterTransfer(transfer('accepted'), transfer('returned'))).toEqual(transfer('returned'));
    expect(laterTransfer(transfer('returned'), transfer('pending'))).toEqual(transfer('returned'));
  });
});

describe('wallet versions', () => {
  it('keeps the newer wallet when an older copy arrives later', () => {
    const newer = wallet(500, { version: 3 });
    expect(laterWallet(newer, wallet(900, { version: 2 }))).toBe(newer);
    expect(laterWallet(newer, wallet(400, { version: 4 })).balance).toBe(400);
    expect(laterWallet(newer, wallet(500, { version: 3, hasPaymentPassword: false })).hasPaymentPassword).toBe(false);
  });
});

describe('claims left out of events', () => {
  it('keeps the list a grab answered with when a later event carries none', () => {
    const answered = packet({ claimedCount: 1, claimedAmount: 300, myAmount: 300, claims: [{ userId: self, amount: 300, at: '2026-11-30T00:00:01.000Z' }] });
    const event = packet({ claimedCount: 2, claimedAmount: 1000, status: 'finished', myAmount: 300, claims: null });
    const merged = laterPacket(answered, event);
    expect(merged).toMatchObject({ status: 'finished', claimedCount: 2, myAmount: 300 });
    expect(merged.claims).toEqual(answered.claims);
  });
});
