import { describe, expect, it } from 'vitest';
import { en, type MessageKey } from '../i18n/en';
import { zhCN } from '../i18n/zh-cn';
import { payErrorText, redPacketLimitText } from './pay-error-text';

/** The app's translation tables with their `{name}` filling, without the DOM-bound locale switch. */
function translator(table: Record<MessageKey, string>) {
  return (key: MessageKey, values?: Record<string, string | number>) =>
    table[key].replace(/\{(\w+)\}/g, (whole, name: string) => (values && name in values ? String(values[name]) : whole));
}
const english = translator(en);
const chinese = translator(zhCN);
const time = (iso: string) => `at ${iso}`;

describe('redPacketLimitText', () => {
  it('names the limit in both languages', () => {
    expect(redPacketLimitText('total_too_large', 200_00, english)).toBe('At most ¥200.00 per red packet');
    expect(redPacketLimitText('total_too_large', 200_00, chinese)).toBe('单个红包金额不可超过200.00元');
    expect(redPacketLimitText('too_many_shares', 100, english)).toBe('At most 100 packets per red packet');
    expect(redPacketLimitText('too_many_shares', 100, chinese)).toBe('一次最多可发100个红包');
    expect(redPacketLimitText('more_shares_than_members', 4, english)).toBe('At most 4 packets: one for each person in this group');
    expect(redPacketLimitText('more_shares_than_members', 4, chinese)).toBe('红包个数不可超过群人数（4人）');
    expect(redPacketLimitText('share_below_minimum', 1, english)).toBe(en['redPacket.tooSmall']);
    expect(redPacketLimitText('direct_chat_one_share', 1, chinese)).toBe('单聊红包只能发1个');
  });

  it('gives up on a bound that did not come, rather than printing a placeholder', () => {
    expect(redPacketLimitText('total_too_large', undefined, english)).toBeNull();
    expect(redPacketLimitText('too_many_shares', undefined, english)).toBeNull();
  });
});

describe('payErrorText', () => {
  it('reads a red-packet limit from the details', () => {
    expect(payErrorText('red_packet_limit_exceeded', { reason: 'too_many_shares', limit: 100 }, english, time)).toBe('At most 100 packets per red packet');
    expect(payErrorText('red_packet_limit_exceeded', { reason: 'direct_chat_one_share', limit: 1 }, english, time)).toBe(en['redPacket.limitDirect']);
  });

  it('says how many password tries are left', () => {
    expect(payErrorText('payment_password_wrong', { triesLeft: 4 }, english, time)).toBe('Wrong password, 4 tries left');
    expect(payErrorText('payment_password_wrong', { triesLeft: 1 }, english, time)).toBe('Wrong password, 1 try left');
    expect(payErrorText('payment_password_wrong', { triesLeft: 4 }, chinese, time)).toBe('支付密码错误，还可以再试4次');
  });

  it('says until when payments are locked, in the given time format', () => {
    const text = payErrorText('payment_password_locked', { lockedUntil: '2026-11-30T15:00:00.000Z' }, chinese, time);
    expect(text).toBe('支付密码错误次数过多，支付已锁定至at 2026-11-30T15:00:00.000Z。重置支付密码可解锁。');
  });

  it('leaves missing, unknown or malformed details to the general message', () => {
    expect(payErrorText('red_packet_limit_exceeded', undefined, english, time)).toBeNull();
    expect(payErrorText('red_packet_limit_exceeded', { reason: 'too_cold' }, english, time)).toBeNull();
    expect(payErrorText('red_packet_limit_exceeded', { reason: 'total_too_large', limit: 'lots' }, english, time)).toBeNull();
    expect(payErrorText('payment_password_wrong', { triesLeft: 0 }, english, time)).toBeNull();
    expect(payErrorText('payment_password_wrong', null, english, time)).toBeNull();
    expect(payErrorText('payment_password_locked', { lockedUntil: 'soon' }, english, time)).toBeNull();
    expect(payErrorText('insufficient_funds', { triesLeft: 3 }, english, time)).toBeNull();
  });
});
