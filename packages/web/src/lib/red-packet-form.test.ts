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
});
