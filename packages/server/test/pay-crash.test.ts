import type { ChatTransfer, Conversation, GrabResult, RedPacket } from '@tessera/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/index';
import { ReconciliationService, type ReconciliationReport } from '../src/modules/pay';
import { systemClock } from '../src/platform/clock';
import { openDatabase, type Database } from '../src/platform/db/database';
import { Api } from './client';
import { createTestDatabase, engines, type TestDatabase } from './databases';
import { fundWallet, makeContacts, makeUser, newIdempotencyKey, type TestUser } from './factories';
import {
  fullStatement,
  perform,
  performOk,
  runStream,
  type Answer,
  type Operation,
  type Outcome,
  type RedPacketAnswer,
  type TopUpAnswer,
  type TransferAnswer,
} from './pay-stream';
import { startCrashProxy } from './crash-proxy';
import { runTesseraCommand, startServerProcess, stopAllProcesses } from './processes';

// Cheap password hashes, and limits out of the way: one address registers everyone and pays a lot.
const settings = { TESSERA_SCRYPT_COST: '10', TESSERA_LOGIN_RATE_PER_MINUTE: '100000', TESSERA_PAY_RATE_PER_MINUTE: '100000' };
const startingFunds = 1_000_000;
const window = 8;
const crashAfter = 90;
const lostAcknowledgements = 3;

type Keyed = Extract<Operation, { idempotencyKey: string }>;
const isKeyed = (operation: Operation): operation is Keyed => 'idempotencyKey' in operation;

/** The id a keyed operation's answer names: the same on every retry with the same key. */
function answerId(operation: Keyed, answer: Answer): string {
  if (operation.kind === 'top_up') return (answer as TopUpAnswer).movement.id;
  if (operation.kind === 'transfer') return (answer as TransferAnswer).transfer.id;
  return (answer as RedPacketAnswer).packet.id;
}

function clientsOf(url: string, users: TestUser[]): Map<string, Api> {
  return new Map(users.map((user) => [user.id, new Api(url, user.token)]));
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

describe.each(engines)('payments through a kill -9 mid-stream on %s', (engine) => {
  let database: TestDatabase | undefined;
  let db: Database | undefined;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
  });
  afterAll(async () => {
    await db?.destroy();
    await stopAllProcesses();
    await database?.drop();
  }, 30_000);

  it('keeps every acknowledged movement, balanced books and conserved money, and runs each retry once', async () => {
    const start = (name: string) => startServerProcess({ nodeId: `pay-${engine}-${name}`, databaseUrl: database!.url, env: settings });
    let server = await start('first');

    // Six users; the first is a contact of each other one, the others form a ring; all share a group.
    const users = await Promise.all(Array.from({ length: 6 }, () => makeUser(server.url)));
    const pairs: [TestUser, TestUser][] = [
      ...users.slice(1).map((user): [TestUser, TestUser] => [users[0]!, user]),
      ...users.slice(1).map((user, index): [TestUser, TestUser] => [user, users[1 + ((index + 1) % 5)]!]),
    ];
    const directed = (
      await Promise.all(
        pairs.map(async ([a, b]) => {
          const conversationId = await makeContacts(a, b);
          return [
            { sender: a, receiver: b, conversationId },
            { sender: b, receiver: a, conversationId },
          ];
        }),
      )
    ).flat();
    const group = await users[0]!.api.ok<{ conversation: Conversation }>('POST', '/api/v1/groups', {
      name: 'crash test',
      memberIds: users.slice(1).map((user) => user.id),
    });
    await Promise.all(users.map((user) => fundWallet(user, 0)));
    let apis = clientsOf(server.url, users);
    const funding: Operation[] = users.map((user) => ({ kind: 'top_up', userId: user.id, amount: startingFunds, idempotencyKey: newIdempotencyKey() }));
    // The final answer of every operation that moved (or may have moved) money, by operation.
    const settled = new Map<Operation, Answer>();
    for (const operation of funding) settled.set(operation, await performOk(apis, operation));

    // Top-ups, transfers and red packets in turn; accepting most transfers and grabbing every packet follow.
    const operations: Operation[] = [];
    const leftPending = new Set<string>();
    for (let index = 0; index < 160; index++) {
      const user = users[Math.floor(index / 4) % users.length]!;
      const idempotencyKey = newIdempotencyKey();
      if (index % 4 === 0) operations.push({ kind: 'top_up', userId: user.id, amount: 1_000 + index, idempotencyKey });
      else if (index % 4 === 2) {
        operations.push({ kind: 'red_packet', userId: user.id, conversationId: group.conversation.id, amount: 600 + index, shareCount: 5, idempotencyKey });
      } else {
        const { sender, receiver, conversationId } = directed[index % directed.length]!;
        operations.push({ kind: 'transfer', userId: sender.id, receiverId: receiver.id, conversationId, amount: 100 + index, idempotencyKey });
        if (index % 8 === 1) leftPending.add(idempotencyKey);
      }
    }
    const followUps = ({ operation, answer }: Extract<Outcome, { state: 'acknowledged' }>): Operation[] => {
      if (operation.kind === 'transfer' && !leftPending.has(operation.idempotencyKey)) {
        return [{ kind: 'accept', userId: operation.receiverId, transferId: (answer as TransferAnswer).transfer.id }];
      }
      if (operation.kind === 'red_packet') {
        // Each of the five other members grabs a share; every grab moves money.
        const packetId = (answer as RedPacketAnswer).packet.id;
        return users.filter((user) => user.id !== operation.userId).map((user): Operation => ({ kind: 'grab', userId: user.id, packetId }));
      }
      return [];
    };

    // The stream goes through a proxy that relays `crashAfter` acknowledgements, then loses the next
    // `lostAcknowledgements` (committed, never acknowledged) and kills the server with SIGKILL on the
    // last of them, while the rest of the window is still inside it.
    const firstServer = server;
    const proxy = await startCrashProxy(firstServer.url, { deliver: crashAfter, lose: lostAcknowledgements, crash: () => void firstServer.kill('SIGKILL') });
    const outcomes = await runStream(clientsOf(proxy.url, users), operations, { window, stopAfter: crashAfter, followUps });
    await firstServer.kill('SIGKILL');
    await proxy.close();
    const acknowledged = outcomes.filter((outcome) => outcome.state === 'acknowledged');
    const unanswered = outcomes.filter((outcome) => outcome.state === 'unanswered');
    expect(outcomes.filter((outcome) => outcome.state === 'refused')).toEqual([]);
    expect(acknowledged).toHaveLength(crashAfter);
    expect(proxy.counts().delivered).toBe(crashAfter);
    expect(proxy.counts().lost).toBeGreaterThanOrEqual(lostAcknowledgements);
    // Everything else in the window when the last acknowledgement came went unanswered.
    expect(unanswered).toHaveLength(window - 1);
    for (const outcome of acknowledged) settled.set(outcome.operation, outcome.answer);

    // (1) The books as the crash left them agree, checked by the operator's command.
    const reconciled = await runTesseraCommand(['ledger', 'reconcile', '--json'], { TESSERA_DATABASE_URL: database!.url, TESSERA_DATA_DIR: database!.dataDir });
    expect(reconciled.status, `${reconciled.stdout}\n${reconciled.stderr}`).toBe(0);
    const crashReport = JSON.parse(reconciled.stdout) as ReconciliationReport;
    expect(crashReport).toMatchObject({ ok: true, mismatchCount: 0, entriesNet: 0 });

    // What the crash left of each unanswered request: committed or not, read from the database.
    db = openDatabase(loadConfig({ TESSERA_DATABASE_URL: database!.url, TESSERA_DATA_DIR: database!.dataDir }).database).db;
    server = await start('second');
    apis = clientsOf(server.url, users);
    const committed = await Promise.all(
      unanswered.map(async ({ operation }): Promise<string | number | null> => {
        if (isKeyed(operation)) {
          const stored = await db!
            .selectFrom('pay_idempotency')
            .select('result')
            .where('caller_id', '=', operation.userId)
            .where('key', '=', operation.idempotencyKey)
            .executeTakeFirst();
          return stored?.result ? answerId(operation, JSON.parse(stored.result) as Answer) : null;
        }
        if (operation.kind === 'accept') {
          const transfer = await apis.get(operation.userId)!.ok<ChatTransfer>('GET', `/api/v1/transfers/${operation.transferId}`);
          return transfer.status === 'accepted' ? transfer.id : null;
        }
        return (await apis.get(operation.userId)!.ok<RedPacket>('GET', `/api/v1/red-packets/${operation.packetId}`)).myAmount;
      }),
    );

    // Every lost acknowledgement was of a request that moved money, so at least that many committed.
    expect(committed.filter((id) => id !== null).length).toBeGreaterThanOrEqual(lostAcknowledgements);
    // (4) Each unanswered request retried with its same key: the committed ones answer as they did, the rest happen now.
    const retried = await Promise.all(unanswered.map(({ operation }) => performOk(apis, operation)));
    unanswered.forEach(({ operation }, index) => {
      const answer = retried[index]!;
      const before = committed[index];
      if (isKeyed(operation)) {
        if (before !== null) expect(answerId(operation, answer)).toBe(before);
      } else if (operation.kind === 'accept') expect((answer as ChatTransfer).status).toBe('accepted');
      else if (before !== null) expect(answer).toMatchObject({ outcome: 'already_grabbed', amount: before });
      else expect(['grabbed', 'empty']).toContain((answer as GrabResult).outcome);
      settled.set(operation, answer);
    });
    // And every request once more: nothing moves again, each answers as it first did.
    const again = await Promise.all([...settled.keys()].map(async (operation) => [operation, await perform(apis, operation)] as const));
    for (const [operation, outcome] of again) {
      expect(outcome.state, JSON.stringify(outcome)).toBe('acknowledged');
      const answer = (outcome as Extract<Outcome, { state: 'acknowledged' }>).answer;
      const first = settled.get(operation)!;
      if (isKeyed(operation)) expect(answerId(operation, answer)).toBe(answerId(operation, first));
      else if (operation.kind === 'accept') expect((answer as ChatTransfer).status).toBe('accepted');
      else {
        const grabbed = first as GrabResult;
        expect(answer).toMatchObject({ outcome: grabbed.outcome === 'empty' ? 'empty' : 'already_grabbed', amount: grabbed.amount });
      }
    }

    // (2) Every acknowledged (and retried) movement is there, in its state, once.
    const settledOf = <K extends Operation['kind']>(kind: K) =>
      [...settled].filter((entry): entry is [Extract<Operation, { kind: K }>, Answer] => entry[0].kind === kind);
    const topUps = settledOf('top_up').map(([operation, answer]) => ({ userId: operation.userId, movement: (answer as TopUpAnswer).movement }));
    const transfers = settledOf('transfer').map(([, answer]) => (answer as TransferAnswer).transfer);
    const accepted = new Set(settledOf('accept').map(([operation]) => operation.transferId));
    const packets = await Promise.all(
      settledOf('red_packet').map(([operation, answer]) =>
        apis.get(operation.userId)!.ok<RedPacket>('GET', `/api/v1/red-packets/${(answer as RedPacketAnswer).packet.id}`),
      ),
    );
    for (const transfer of transfers) {
      const now = await apis.get(transfer.senderId)!.ok<ChatTransfer>('GET', `/api/v1/transfers/${transfer.id}`);
      expect(now).toMatchObject({ amount: transfer.amount, receiverId: transfer.receiverId, status: accepted.has(transfer.id) ? 'accepted' : 'pending' });
    }
    for (const packet of packets) {
      const claimants = packet.claims!.map((claim) => claim.userId);
      expect(new Set(claimants).size).toBe(claimants.length);
      expect(packet.claimedAmount).toBe(sum(packet.claims!.map((claim) => claim.amount)));
      expect(packet.claimedCount).toBe(claimants.length);
      expect(packet.status).toBe(packet.claimedCount === packet.shareCount ? 'finished' : 'active');
    }
    const claimOf = new Map(packets.flatMap((packet) => packet.claims!.map((claim) => [`${packet.id} ${claim.userId}`, claim.amount] as const)));
    for (const [operation, answer] of settledOf('grab')) {
      const grab = answer as GrabResult;
      if (grab.outcome !== 'empty') expect(claimOf.get(`${operation.packetId} ${operation.userId}`)).toBe(grab.amount);
    }
    const expected = new Map<string, string[]>(users.map((user) => [user.id, []]));
    const book = (userId: string, line: string) => expected.get(userId)!.push(line);
    for (const { userId, movement } of topUps) book(userId, `top_up ${movement.id} ${movement.amount}`);
    for (const transfer of transfers) {
      book(transfer.senderId, `transfer_sent ${transfer.id} ${-transfer.amount}`);
      if (accepted.has(transfer.id)) book(transfer.receiverId, `transfer_received ${transfer.id} ${transfer.amount}`);
    }
    for (const packet of packets) {
      book(packet.senderId, `red_packet_sent ${packet.id} ${-packet.amount}`);
      for (const claim of packet.claims!) book(claim.userId, `red_packet_received ${packet.id} ${claim.amount}`);
    }
    for (const user of users) {
      const movements = await fullStatement(apis.get(user.id)!);
      const lines = movements.map((movement) => `${movement.kind} ${movement.kind === 'top_up' ? movement.id : movement.referenceId} ${movement.amount}`);
      expect(lines.sort()).toEqual(expected.get(user.id)!.sort());
      const wallet = await apis.get(user.id)!.ok<{ balance: number }>('GET', '/api/v1/wallet');
      expect(wallet.balance).toBe(sum(movements.map((movement) => movement.amount)));
    }

    // (3) Money is conserved: wallets and escrow hold exactly what was topped up.
    const toppedUp = sum(topUps.map(({ movement }) => movement.amount));
    const accounts = await db.selectFrom('ledger_accounts').select(['owner_kind', 'balance']).execute();
    const held = (kind: string) => sum(accounts.filter((account) => account.owner_kind === kind).map((account) => Number(account.balance)));
    const pendingTransfers = sum(transfers.filter((transfer) => !accepted.has(transfer.id)).map((transfer) => transfer.amount));
    const unclaimedShares = sum(packets.map((packet) => packet.amount - packet.claimedAmount));
    expect(held('user') + held('escrow')).toBe(toppedUp);
    expect(held('funding')).toBe(-toppedUp);
    expect(held('escrow')).toBe(pendingTransfers + unclaimedShares);
    expect(held('operator')).toBe(0);

    // (1) And the books still agree after the retries.
    const finalReport = await new ReconciliationService(db, systemClock).run();
    expect(finalReport).toMatchObject({ ok: true, mismatchCount: 0, entriesNet: 0 });
  }, 60_000);
});
