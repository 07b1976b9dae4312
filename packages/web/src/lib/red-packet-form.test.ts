import { describe, expect, it } from 'vitest';
import { readRedPacketForm } from './red-packet-form';

describe('readRedPacketForm', () => {
  it('sends a lucky packet total as it is and a fixed packet per share', () => {
    expect(readRedPacketForm({ mode: 'lucky', amountText: '10.00', sharesText: '3' })).toEqual({ ok: true, draft: { mode: 'lucky', amount: 1000, shareCount: 3, total: 1000 } });
    expect(readRedPacketForm({ mode: 'fixed', amountText: '0.35', sharesText: '3' })).toEqual({ ok: true, draft: { mode: 'fixed', amount: 35, shareCount: 3, total: 105 } });
  });

  it('needs a whole number of shares and at least a fen in each lucky share', () => {
    expect(readRedPacketForm({ mode: 'lucky', amountText: '1', sharesText: '' })).toEqual({ ok: false, code: 'shares_invalid' });
    expect(readRedPacketForm({ mode: 'lucky', amountText: '1', sharesText: '0' })).toEqual({ ok: false, code: 'shares_invalid' });
    expect(readRedPacketForm({ mode: 'lucky', amountText: '1', sharesText: '2.5' })).toEqual({ ok: false, code: 'shares_invalid' });
    expect(readRedPacketForm({ mode: 'lucky', amountText: '0.02', sharesText: '3' })).toEqual({ ok: false, code: 'share_too_small' });
    expect(readRedPacketForm({ mode: 'fixed', amountText: '0.01', sharesText: '3' })).toMatchObject({ ok: true, draft: { total: 3 } });
  });

  it('passes amount errors through', () => {
    expect(readRedPacketForm({ mode: 'lucky', amountText: '1.005', sharesText: '1' })).toEqual({ ok: false, code: 'amount_too_precise' });
    expect(readRedPacketForm({ mode: 'fixed', amountText: '999999999', sharesText: '2' })).toEqual({ ok: false, code: 'amount_too_large' });
  });

  it('refuses more shares than the operator allows or the group has members, naming the limit', () => {
    const limits = { maxAmount: 200_00, maxShares: 100, members: 30 };
    expect(readRedPacketForm({ mode: 'lucky', amountText: '10', sharesText: '101', limits })).toEqual({ ok: false, code: 'too_many_shares', limit: 100 });
    expect(readRedPacketForm({ mode: 'lucky', amountText: '10', sharesText: '31', limits })).toEqual({ ok: false, code: 'more_shares_than_members', limit: 30 });
    expect(readRedPacketForm({ mode: 'lucky', amountText: '10', sharesText: '30', limits })).toMatchObject({ ok: true, draft: { shareCount: 30 } });
    // The share count is named first, before any amount problem, as the server orders them.
    expect(readRedPacketForm({ mode: 'lucky', amountText: '', sharesText: '101', limits })).toMatchObject({ code: 'too_many_shares' });
    // Without a member count (a direct chat, or limits not loaded yet) only the server's checks apply.
    expect(readRedPacketForm({ mode: 'lucky', amountText: '10', sharesText: '31', limits: { maxShares: 100 } })).toMatchObject({ ok: true });
  });

  it('refuses a total over the operator limit: a lucky total as typed, a fixed packet as each share times the count', () => {
    const limits = { maxAmount: 200_00, maxShares: 100 };
    expect(readRedPacketForm({ mode: 'lucky', amountText: '200', sharesText: '3', limits })).toMatchObject({ ok: true, draft: { total: 200_00 } });
    expect(readRedPacketForm({ mode: 'lucky', amountText: '200.01', sharesText: '3', limits })).toEqual({ ok: false, code: 'total_too_large', limit: 200_00 });
    expect(readRedPacketForm({ mode: 'fixed', amountText: '50', sharesText: '4', limits })).toMatchObject({ ok: true, draft: { total: 200_00 } });
    expect(readRedPacketForm({ mode: 'fixed', amountText: '50', sharesText: '5', limits })).toEqual({ ok: false, code: 'total_too_large', limit: 200_00 });
    // A total within the limit is still checked for at least a fen in each lucky share.
    expect(readRedPacketForm({ mode: 'lucky', amountText: '0.02', sharesText: '3', limits })).toEqual({ ok: false, code: 'share_too_small' });
  });
});
