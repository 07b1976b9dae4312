import type { GrabResult, Message, RedPacket, RedPacketMessageBody, SendRedPacketRequest } from '@tessera/protocol';
import type { Clock, Ids } from '../../platform/clock';
import type { Database } from '../../platform/db/database';
import { AppError } from '../../platform/errors';
import { GroupCommit } from '../../platform/group-commit';
import { conversationRepository, type MessageService } from '../messaging';
import type { TimelineService, TimelineWriter } from '../sync';
import { once } from './idempotency';
import type { Ledger, PostSpec } from './ledger.service';
import type { PaymentGuard } from './payment-guard';
import { payErrors } from './pay.errors';
import { splitFixed, splitLucky } from './red-packet-split';
import { redPacketRepository, type ClaimRow, type RedPacketRow } from './red-packet.repository';
import { packetBase, packetView, viewerPacket, type PacketBase } from './red-packet.view';
import type { WalletService } from './wallet.service';

export interface RedPacketSettings {
  holdTtlMs: number;
  /** Most a packet may hold in total, minor units. */
  maxAmount: number;
  maxShares: number;
  /** Grab batches written at once (1 for SQLite's single writer). */
  concurrentBatches: number;
}

interface GrabRequest {
  userId: string;
  packetId: string;
}

/**
 * Red packets in chats. Sending splits the amount into shares at once (lucky or fixed) and holds
 * each share in the ledger, so every share is auditable before anyone grabs. Grabs of one packet
 * that arrive together are written in one transaction; each member gets at most one share; what
 * nobody took returns to the sender when the hold period ends.
 */
export class RedPacketService {
  private readonly grabs: GroupCommit<GrabRequest, GrabResult>;

  constructor(
    private readonly db: Database,
    private readonly timeline: TimelineService,
    private readonly ledger: Ledger,
    private readonly wallet: WalletService,
    private readonly messages: MessageService,
    private readonly guard: PaymentGuard,
    private readonly clock: Clock,
    private readonly ids: Ids,
    private readonly random: () => number,
    private readonly settings: RedPacketSettings,
  ) {
    this.grabs = new GroupCommit(
      (items) => this.timeline.write((writer) => this.grabMany(writer, items)),
      (item) => this.timeline.write(async (writer) => (await this.grabMany(writer, [item]))[0]!),
      { maxBatch: 1024, maxInFlight: settings.concurrentBatches, keyOf: (item) => item.packetId },
    );
  }

  async send(userId: string, conversationId: string, request: SendRedPacketRequest): Promise<{ packet: RedPacket; message: Message }> {
    const total = request.mode === 'lucky' ? request.amount : request.amount * request.shareCount;
    const { maxShares, maxAmount } = this.settings;
    if (request.shareCount > maxShares) throw payErrors.redPacketLimit('too_many_shares', `At most ${maxShares} shares per red packet`, maxShares);
    if (total > maxAmount) throw payErrors.redPacketLimit('total_too_large', `At most ${maxAmount} minor units in one red packet`, maxAmount);
    if (request.mode === 'lucky' && request.amount < request.shareCount) throw payErrors.redPacketLimit('share_below_minimum', 'Each share needs at least 0.01', 1);
    await this.guard.confirm(userId, request.paymentPassword);
    const fingerprint = { operation: 'red_packet', conversationId, mode: request.mode, amount: request.amount, shareCount: request.shareCount, greeting: request.greeting };
    return this.timeline.write((writer) =>
      once(writer.db, this.clock, userId, request.idempotencyKey, fingerprint, async () => {
        const db = writer.db;
        const id = this.ids.next();
        const now = this.clock.now();
        const card = await this.messages.postCard(writer, userId, conversationId, 'red_packet', ({ conversationKind, members }) => {
          if (conversationKind === 'direct' && request.shareCount !== 1) throw payErrors.redPacketLimit('direct_chat_one_share', 'A red packet in a direct chat has one share', 1);
          if (conversationKind === 'group' && request.shareCount > members.length) {
            throw payErrors.redPacketLimit('more_shares_than_members', 'More shares than group members', members.length);
          }
          const body: RedPacketMessageBody = { packetId: id, mode: request.mode, greeting: request.greeting, shareCount: request.shareCount };
          return body;
        });
        const shares = request.mode === 'lucky' ? splitLucky(total, request.shareCount, this.random) : splitFixed(request.amount, request.shareCount);
        const account = await this.wallet.account(db, userId);
        await this.wallet.checkDailyLimit(db, account.id, total);
        await this.ledger.hold(db, {
          sourceAccountId: account.id,
          currency: this.wallet.currency,
          groupId: id,
          shares,
          expiresAt: now + this.settings.holdTtlMs,
          kind: 'red_packet_sent',
          memo: request.greeting,
          conversationId,
        });
        const row: RedPacketRow = {
          id,
          conversation_id: conversationId,
          sender_id: userId,
          mode: request.mode,
          greeting: request.greeting,
          amount: total,
          currency: this.wallet.currency,
          share_count: request.shareCount,
          claimed_count: 0,
          claimed_amount: 0,
          status: 'active',
          created_at: now,
          expires_at: now + this.settings.holdTtlMs,
          ended_at: null,
        };
        await redPacketRepository.insert(db, row);
        const packet = packetView(row, [], userId, this.wallet.testMoney);
        writer.add(userId, { kind: 'red_packet.updated', packet });
        await this.wallet.announce(writer, userId);
        return { packet, message: card.message };
      }),
    );
  }

  /** The packet as a member of its conversation sees it. */
  async get(userId: string, packetId: string): Promise<RedPacket> {
    const row = await redPacketRepository.find(this.db, packetId);
    if (!row || !(await conversationRepository.findMembership(this.db, row.conversation_id, userId))) throw payErrors.redPacketNotFound();
    return packetView(row, await redPacketRepository.claims(this.db, packetId), userId, this.wallet.testMoney);
  }

  /** Grabs a share; resolves once the share is durable in the ledger. */
  grab(userId: string, packetId: string): Promise<GrabResult> {
    return this.grabs.submit({ userId, packetId });
  }

  /** Returns what nobody took of every packet whose hold period has passed; returns how many it ended. */
  async expireDue(limit = 100): Promise<number> {
    const due = await redPacketRepository.due(this.db, this.clock.now(), limit);
    let ended = 0;
    for (const id of due) {
      const done = await this.timeline.write(async (writer) => {
        const row = await redPacketRepository.lock(writer.db, id);
        if (!row || row.status !== 'active') return false;
        await this.ledger.voidGroup(writer.db, id, {
          kind: 'red_packet_refund',
          currency: row.currency,
          memo: row.greeting,
          conversationId: row.conversation_id,
        });
        const ended = { ...row, status: 'expired' as const, ended_at: this.clock.now() };
        await redPacketRepository.update(writer.db, id, { status: ended.status, ended_at: ended.ended_at });
        await this.announceToMembers(writer, packetBase(ended, await redPacketRepository.claims(writer.db, id), this.wallet.testMoney));
        await this.wallet.announce(writer, row.sender_id);
        return true;
      });
      if (done) ended += 1;
    }
    return ended;
  }

  private async grabMany(writer: TimelineWriter, items: GrabRequest[]): Promise<(GrabResult | AppError)[]> {
    const results = new Map<string, GrabResult | AppError>();
    const byPacket = new Map<string, string[]>();
    for (const item of items) {
      const userIds = byPacket.get(item.packetId);
      if (userIds) userIds.push(item.userId);
      else byPacket.set(item.packetId, [item.userId]);
    }
    for (const [packetId, userIds] of byPacket) {
      const outcomes = await this.grabPacket(writer, packetId, [...new Set(userIds)]);
      for (const [userId, outcome] of outcomes) results.set(`${packetId} ${userId}`, outcome);
    }
    // A member who grabbed twice in one batch got one share: the second answer says so.
    const seen = new Set<string>();
    return items.map((item) => {
      const key = `${item.packetId} ${item.userId}`;
      const result = results.get(key)!;
      const repeat = seen.has(key);
      seen.add(key);
      return repeat && !(result instanceof AppError) && result.outcome === 'grabbed' ? { ...result, outcome: 'already_grabbed' as const } : result;
    });
  }

  /** Hands out the next shares of one packet to the grabbers, in the order they came. */
  private async grabPacket(writer: TimelineWriter, packetId: string, userIds: string[]): Promise<Map<string, GrabResult | AppError>> {
    const db = writer.db;
    const outcomes = new Map<string, GrabResult | AppError>();
    const packet = await redPacketRepository.lock(db, packetId);
    if (!packet) {
      for (const userId of userIds) outcomes.set(userId, payErrors.redPacketNotFound());
      return outcomes;
    }
    // The conversation's kind and its member ids: narrow rows, read once per batch and reused to
    // announce the end, rather than a full membership row for every grabber.
    const conversation = await conversationRepository.findById(db, packet.conversation_id);
    const members = new Set(conversation ? await conversationRepository.memberIds(db, packet.conversation_id) : []);
    // Claims are written with the packet's count under its lock: a packet nobody grabbed has none.
    const earlier = new Map(
      packet.claimed_count === 0 ? [] : (await redPacketRepository.claimsOf(db, packetId, userIds)).map((claim) => [claim.user_id, claim]),
    );
    const now = this.clock.now();
    const winners: { userId: string; share: number }[] = [];
    const early: Map<string, 'already_grabbed' | 'empty' | 'expired'> = new Map();
    let next = packet.claimed_count;
    for (const userId of userIds) {
      if (!conversation || !members.has(userId)) outcomes.set(userId, payErrors.redPacketNotFound());
      else if (conversation.kind === 'direct' && userId === packet.sender_id) {
        outcomes.set(userId, new AppError('forbidden', 'The other person opens a red packet you sent them'));
      } else if (earlier.has(userId)) early.set(userId, 'already_grabbed');
      else if (packet.status === 'expired' || (packet.status === 'active' && packet.expires_at <= now)) early.set(userId, 'expired');
      else if (next >= packet.share_count) early.set(userId, 'empty');
      else winners.push({ userId, share: next++ });
    }

    let claims: ClaimRow[] = [];
    let current = packet;
    let base: PacketBase | undefined;
    if (winners.length > 0) {
      // Winners take the next shares in order: one range of the packet's (group, share) key.
      const holds = new Map((await redPacketRepository.holdsFor(db, packetId, packet.claimed_count, next)).map((hold) => [hold.share, hold]));
      const accounts = await this.ledger.accounts(db, 'user', winners.map((winner) => winner.userId), packet.currency);
      // One balanced transfer settles the whole batch: the escrow pays every share at once, and each
      // grabber's entry and posted hold (which names this transfer) record what that grabber got.
      const transferId = this.ids.next();
      const legs: PostSpec['legs'] = [];
      const settled = [];
      const newClaims: ClaimRow[] = [];
      let escrowAccountId: string | undefined;
      let total = 0;
      for (const winner of winners) {
        const hold = holds.get(winner.share);
        const account = accounts.get(winner.userId);
        if (!hold || !account || (escrowAccountId !== undefined && hold.escrow_account_id !== escrowAccountId)) throw payErrors.holdNotOpen();
        escrowAccountId = hold.escrow_account_id;
        total += hold.amount;
        settled.push({ share: winner.share, holdId: hold.id, recipientAccountId: account.id, transferId });
        legs.push({ accountId: account.id, amount: hold.amount, kind: 'red_packet_received', counterpartyId: packet.sender_id });
        newClaims.push({ packet_id: packetId, user_id: winner.userId, share: winner.share, amount: hold.amount, created_at: now });
      }
      legs.unshift({ accountId: escrowAccountId!, amount: -total, kind: 'release' });
      // Every share was open when the packet's row was locked; anything else is a broken invariant.
      if ((await redPacketRepository.postShares(db, packetId, settled, now)) !== settled.length) throw payErrors.holdNotOpen();
      const posted = await this.ledger.post(db, {
        transferId,
        kind: 'red_packet_received',
        currency: packet.currency,
        memo: packet.greeting,
        referenceId: packetId,
        conversationId: packet.conversation_id,
        holdId: settled.length === 1 ? settled[0]!.holdId : null,
        legs,
      });
      await redPacketRepository.insertClaims(db, newClaims);
      const finished = next === packet.share_count;
      current = {
        ...packet,
        claimed_count: next,
        claimed_amount: packet.claimed_amount + newClaims.reduce((sum, claim) => sum + claim.amount, 0),
        status: finished ? 'finished' : packet.status,
        ended_at: finished ? now : packet.ended_at,
      };
      await redPacketRepository.update(db, packetId, {
        claimed_count: current.claimed_count,
        claimed_amount: current.claimed_amount,
        status: current.status,
        ended_at: current.ended_at,
      });
      claims = packet.claimed_count === 0 ? newClaims : await redPacketRepository.claims(db, packetId);
      base = packetBase(current, claims, this.wallet.testMoney);
      if (finished) this.announceTo(writer, base, members);
      else {
        writer.add(packet.sender_id, { kind: 'red_packet.updated', packet: viewerPacket(base, packet.sender_id, { withClaims: true }) });
        for (const winner of winners) {
          if (winner.userId !== packet.sender_id) writer.add(winner.userId, { kind: 'red_packet.updated', packet: viewerPacket(base!, winner.userId, { withClaims: false }) });
        }
      }
      const after = new Map(posted.entries.map((entry) => [entry.accountId, entry]));
      await this.wallet.announceMany(
        writer,
        winners.map((winner) => winner.userId),
        new Map(
          winners.map(({ userId }) => {
            const account = accounts.get(userId)!;
            const entry = after.get(account.id)!;
            return [userId, { ...account, balance: entry.balanceAfter, version: entry.version }];
          }),
        ),
      );
    } else if (early.size > 0) {
      claims = await redPacketRepository.claims(db, packetId);
    }
    base ??= packetBase(current, claims, this.wallet.testMoney);
    for (const { userId } of winners) {
      outcomes.set(userId, { outcome: 'grabbed', amount: base.amounts.get(userId)!, packet: viewerPacket(base, userId, { withClaims: true }) });
    }
    for (const [userId, outcome] of early) {
      outcomes.set(userId, { outcome, amount: base.amounts.get(userId) ?? null, packet: viewerPacket(base, userId, { withClaims: true }) });
    }
    return outcomes;
  }

  /** Tells every member how the packet ended, each as they see it; only the sender's copy lists the claims. */
  private async announceToMembers(writer: TimelineWriter, base: PacketBase): Promise<void> {
    this.announceTo(writer, base, await conversationRepository.memberIds(writer.db, base.row.conversation_id));
  }

  private announceTo(writer: TimelineWriter, base: PacketBase, memberIds: Iterable<string>): void {
    for (const memberId of memberIds) {
      writer.add(memberId, { kind: 'red_packet.updated', packet: viewerPacket(base, memberId, { withClaims: memberId === base.row.sender_id }) });
    }
  }
}
