import type { ChatTransfer, Conversation, GrabResult, Message, RedPacket, TimelineEvent, Wallet } from '@tessera/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/platform/clock';
import { WsClient } from './client';
import { engines } from './databases';
import { fundWallet, makeContacts, makeUser, newIdempotencyKey, testPaymentPassword, type TestUser } from './factories';
import { startTestServer, type TestServer } from './harness';

const day = 86_400_000;

async function balance(user: TestUser): Promise<number> {
  return (await user.api.ok<Wallet>('GET', '/api/v1/wallet')).balance;
}

function sendTransfer(user: TestUser, conversationId: string, amount: number, note = '', idempotencyKey = newIdempotencyKey()) {
  return user.api.call<{ transfer: ChatTransfer; message: Message; error?: { code: string } }>('POST', `/api/v1/conversations/${conversationId}/transfers`, {
    amount,
    note,
    paymentPassword: testPaymentPassword,
    idempotencyKey,
  });
}

function sendPacket(user: TestUser, conversationId: string, body: { mode: 'lucky' | 'fixed'; amount: number; shareCount: number; greeting?: string }) {
  return user.api.call<{ packet: RedPacket; message: Message; error?: { code: string } }>('POST', `/api/v1/conversations/${conversationId}/red-packets`, {
    ...body,
    paymentPassword: testPaymentPassword,
    idempotencyKey: newIdempotencyKey(),
  });
}

function grab(user: TestUser, packetId: string) {
  return user.api.call<GrabResult & { error?: { code: string } }>('POST', `/api/v1/red-packets/${packetId}/grab`);
}

async function makeGroup(owner: TestUser, members: TestUser[]): Promise<string> {
  await Promise.all(members.map((member) => makeContacts(owner, member)));
  const created = await owner.api.ok<{ conversation: Conversation }>('POST', '/api/v1/groups', { name: 'family', memberIds: members.map((member) => member.id) });
  return created.conversation.id;
}

describe.each(engines)('transfers and red packets in chats on %s', (engine) => {
  let server: TestServer;
  const clock = new ManualClock(Date.UTC(2026, 10, 30, 8));
  beforeAll(async () => {
    server = await startTestServer(engine, { TESSERA_PAY_RATE_PER_MINUTE: '100000', TESSERA_LOG_LEVEL: process.env.TEST_LOG ?? 'silent' }, { clock });
  });
  afterAll(async () => server?.close());

  it('holds a transfer until the receiver accepts, and shows its state live to both', async () => {
    const alice = await makeUser(server.url);
    const bob = await makeUser(server.url);
    const conversationId = await makeContacts(alice, bob);
    await fundWallet(alice, 10_000);
    await fundWallet(bob, 0);
    const bobDevice = await WsClient.connect(server.url, bob.token);
    await bobDevice.request({ type: 'sync', cursor: 0 });

    const sent = await sendTransfer(alice, conversationId, 2_500, 'lunch');
    expect(sent.status).toBe(201);
    expect(sent.body.transfer).toMatchObject({ status: 'pending', amount: 2_500, receiverId: bob.id, note: 'lunch', testMoney: true });
    expect(sent.body.message).toMatchObject({ kind: 'transfer', body: { transferId: sent.body.transfer.id, amount: 2_500, receiverId: bob.id } });
    expect(await balance(alice)).toBe(7_500);
    expect(await balance(bob)).toBe(0);
    await bobDevice.event((event) => event.kind === 'message.new' && event.message.kind === 'transfer');

    expect((await alice.api.call('POST', `/api/v1/transfers/${sent.body.transfer.id}/accept`)).status).toBe(403);
    const accepted = await bob.api.ok<ChatTransfer>('POST', `/api/v1/transfers/${sent.body.transfer.id}/accept`);
    expect(accepted.status).toBe('accepted');
    await bobDevice.event((event: TimelineEvent) => event.kind === 'transfer.updated' && event.transfer.status === 'accepted');
    await bobDevice.event((event: TimelineEvent) => event.kind === 'wallet.updated' && event.wallet.balance === 2_500);
    expect(await balance(bob)).toBe(2_500);
    // Accepting twice changes nothing; returning an accepted transfer is refused.
    expect((await bob.api.ok<ChatTransfer>('POST', `/api/v1/transfers/${sent.body.transfer.id}/accept`)).status).toBe('accepted');
    expect((await bob.api.call<{ error: { code: string } }>('POST', `/api/v1/transfers/${sent.body.transfer.id}/return`)).body.error.code).toBe('transfer_not_pending');
    expect(await balance(bob)).toBe(2_500);
    bobDevice.close();
  });

  it('returns a declined transfer at once and an unanswered one after 24 hours', async () => {
    const alice = await makeUser(server.url);
    const bob = await makeUser(server.url);
    const conversationId = await makeContacts(alice, bob);
    await fundWallet(alice, 1_000);
    const declined = (await sendTransfer(alice, conversationId, 300)).body.transfer;
    const returned = await bob.api.ok<ChatTransfer>('POST', `/api/v1/transfers/${declined.id}/return`);
    expect(returned).toMatchObject({ status: 'returned', returnReason: 'declined' });
    expect(await balance(alice)).toBe(1_000);

    const waiting = (await sendTransfer(alice, conversationId, 400)).body.transfer;
    expect(await balance(alice)).toBe(600);
    clock.advance(day - 1);
    await server.app.services.pay.transfers.expireDue();
    expect((await alice.api.ok<ChatTransfer>('GET', `/api/v1/transfers/${waiting.id}`)).status).toBe('pending');
    clock.advance(1);
    expect(await server.app.services.pay.transfers.expireDue()).toBeGreaterThanOrEqual(1);
    expect(await alice.api.ok<ChatTransfer>('GET', `/api/v1/transfers/${waiting.id}`)).toMatchObject({ status: 'returned', returnReason: 'expired' });
    expect(await balance(alice)).toBe(1_000);
    expect((await bob.api.call<{ error: { code: string } }>('POST', `/api/v1/transfers/${waiting.id}/accept`)).body.error.code).toBe('transfer_not_pending');
    expect(await balance(bob)).toBe(0);
  });

  it('refuses transfers without money, with a wrong password, in groups, and to strangers', async () => {
    const alice = await makeUser(server.url);
    const bob = await makeUser(server.url);
    const carol = await makeUser(server.url);
    const conversationId = await makeContacts(alice, bob);
    await fundWallet(alice, 100);
    await fundWallet(carol, 100);
    expect((await sendTransfer(alice, conversationId, 101)).body.error?.code).toBe('insufficient_funds');
    const wrong = await alice.api.call<{ error: { code: string } }>('POST', `/api/v1/conversations/${conversationId}/transfers`, {
      amount: 1,
      paymentPassword: '000000',
      idempotencyKey: newIdempotencyKey(),
    });
    expect(wrong.body.error.code).toBe('payment_password_wrong');
    const groupId = await makeGroup(alice, [carol, await makeUser(server.url)]);
    expect((await sendTransfer(alice, groupId, 10)).body.error?.code).toBe('bad_request');
    expect((await sendTransfer(carol, conversationId, 10)).status).toBe(403);
    expect(await balance(alice)).toBe(100);
    // No card was left behind by the refused payments.
    const history = await alice.api.ok<{ messages: Message[] }>('GET', `/api/v1/conversations/${conversationId}/messages`);
    expect(history.messages.filter((message) => message.kind === 'transfer')).toHaveLength(0);
  });

  it('splits a group packet, lets each member grab once, names the luckiest, and tells the late one it is gone', async () => {
    const alice = await makeUser(server.url);
    const members = [await makeUser(server.url), await makeUser(server.url), await makeUser(server.url)];
    const groupId = await makeGroup(alice, members);
    await fundWallet(alice, 20_000);
    const sent = await sendPacket(alice, groupId, { mode: 'lucky', amount: 1_000, shareCount: 2, greeting: '恭喜发财' });
    expect(sent.status).toBe(201);
    expect(sent.body.message).toMatchObject({ kind: 'red_packet', body: { packetId: sent.body.packet.id, mode: 'lucky', shareCount: 2 } });
    expect(await balance(alice)).toBe(19_000);
    const packetId = sent.body.packet.id;
    const before = await members[2]!.api.ok<RedPacket>('GET', `/api/v1/red-packets/${packetId}`);
    expect(before).toMatchObject({ status: 'active', claims: null, myAmount: null });

    const first = (await grab(members[0]!, packetId)).body;
    const again = (await grab(members[0]!, packetId)).body;
    expect(first.outcome).toBe('grabbed');
    expect(again).toMatchObject({ outcome: 'already_grabbed', amount: first.amount });
    const second = (await grab(members[1]!, packetId)).body;
    expect(second.outcome).toBe('grabbed');
    expect(first.amount! + second.amount!).toBe(1_000);
    const late = (await grab(members[2]!, packetId)).body;
    expect(late).toMatchObject({ outcome: 'empty', amount: null });
    expect(late.packet.status).toBe('finished');
    expect(late.packet.claims).toHaveLength(2);
    const luckiest = first.amount! >= second.amount! ? members[0]!.id : members[1]!.id;
    expect(late.packet.luckiestUserId).toBe(first.amount === second.amount ? members[0]!.id : luckiest);
    expect(await balance(members[0]!)).toBe(first.amount);
    expect(await balance(members[1]!)).toBe(second.amount);
  });

  it('returns what nobody grabbed after 24 hours', async () => {
    const alice = await makeUser(server.url);
    const members = [await makeUser(server.url), await makeUser(server.url)];
    const groupId = await makeGroup(alice, members);
    await fundWallet(alice, 1_000);
    const packet = (await sendPacket(alice, groupId, { mode: 'fixed', amount: 100, shareCount: 2 })).body.packet;
    expect(packet.amount).toBe(200);
    expect((await grab(members[0]!, packet.id)).body.amount).toBe(100);
    clock.advance(day);
    expect(await server.app.services.pay.packets.expireDue()).toBeGreaterThanOrEqual(1);
    expect(await balance(alice)).toBe(900);
    expect((await grab(members[1]!, packet.id)).body.outcome).toBe('expired');
    expect(await alice.api.ok<RedPacket>('GET', `/api/v1/red-packets/${packet.id}`)).toMatchObject({ status: 'expired', claimedCount: 1, claimedAmount: 100 });
  });

  it('keeps direct-chat packets to one share that only the other person opens, and enforces the limits', async () => {
    const alice = await makeUser(server.url);
    const bob = await makeUser(server.url);
    const conversationId = await makeContacts(alice, bob);
    await fundWallet(alice, 100_000);
    expect((await sendPacket(alice, conversationId, { mode: 'lucky', amount: 100, shareCount: 2 })).body.error?.code).toBe('red_packet_limit_exceeded');
    expect((await sendPacket(alice, conversationId, { mode: 'lucky', amount: 20_001, shareCount: 1 })).body.error?.code).toBe('red_packet_limit_exceeded');
    expect((await sendPacket(alice, conversationId, { mode: 'fixed', amount: 1, shareCount: 101 })).body.error?.code).toBe('red_packet_limit_exceeded');
    const packet = (await sendPacket(alice, conversationId, { mode: 'lucky', amount: 520, shareCount: 1 })).body.packet;
    expect((await grab(alice, packet.id)).status).toBe(403);
    expect((await grab(bob, packet.id)).body).toMatchObject({ outcome: 'grabbed', amount: 520 });
    expect(await balance(alice)).toBe(100_000 - 520);
  });

  it('settles grabs that arrive together with one balanced transfer, each posted hold naming its grabber and that transfer', async () => {
    const alice = await makeUser(server.url);
    const members = await Promise.all(Array.from({ length: 6 }, () => makeUser(server.url)));
    const groupId = await makeGroup(alice, members);
    await fundWallet(alice, 600);
    const packet = (await sendPacket(alice, groupId, { mode: 'lucky', amount: 600, shareCount: 5 })).body.packet;
    // Submitted in one turn of the event loop: one group-committed batch.
    const results = await Promise.all(members.map((member) => server.app.services.pay.packets.grab(member.id, packet.id)));
    expect(results.filter((result) => result.outcome === 'grabbed')).toHaveLength(5);
    const db = server.app.db;
    const holds = await db.selectFrom('ledger_holds').selectAll().where('group_id', '=', packet.id).orderBy('share').execute();
    expect(holds.map((hold) => hold.status)).toEqual(['posted', 'posted', 'posted', 'posted', 'posted']);
    const transferIds = new Set(holds.map((hold) => hold.settle_transfer_id));
    expect(transferIds.size).toBe(1);
    const [transferId] = [...transferIds];
    const entries = await db.selectFrom('ledger_entries').selectAll().where('transfer_id', '=', transferId!).execute();
    expect(entries.reduce((sum, entry) => sum + entry.amount, 0)).toBe(0);
    const release = entries.filter((entry) => entry.kind === 'release');
    expect(release).toEqual([expect.objectContaining({ account_id: holds[0]!.escrow_account_id, amount: -600 })]);
    for (const hold of holds) {
      expect(entries).toContainEqual(expect.objectContaining({ account_id: hold.recipient_account_id, amount: hold.amount, kind: 'red_packet_received' }));
    }
  });

  it('gives exactly 100 grabs out of 1,000 concurrent ones on a 100-share packet, each member at most once', async () => {
    const alice = await makeUser(server.url);
    const members = await Promise.all(Array.from({ length: 150 }, () => makeUser(server.url)));
    const groupId = await makeGroup(alice, members);
    await fundWallet(alice, 20_000);
    const packet = (await sendPacket(alice, groupId, { mode: 'lucky', amount: 20_000, shareCount: 100 })).body.packet;
    const attempts = Array.from({ length: 1_000 }, (_, index) => members[index % members.length]!);
    const started = Date.now();
    const results = await Promise.all(attempts.map((member) => grab(member, packet.id)));
    console.log(`1,000 grabs answered in ${Date.now() - started} ms`);
    const grabbed = results.filter((result) => result.body.outcome === 'grabbed');
    expect(grabbed).toHaveLength(100);
    const final = await alice.api.ok<RedPacket>('GET', `/api/v1/red-packets/${packet.id}`);
    expect(final).toMatchObject({ status: 'finished', claimedCount: 100, claimedAmount: 20_000 });
    expect(new Set(final.claims!.map((claim) => claim.userId)).size).toBe(100);
    const balances = await Promise.all(members.map(balance));
    expect(balances.reduce((sum, value) => sum + value, 0)).toBe(20_000);
    expect(balances.filter((value) => value > 0).length).toBe(100);
  });
});
