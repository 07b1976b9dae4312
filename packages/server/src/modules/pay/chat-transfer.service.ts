import type { ChatTransfer, Message, SendTransferRequest, TransferMessageBody } from '@tessera/protocol';
import type { Clock, Ids } from '../../platform/clock';
import type { Database } from '../../platform/db/database';
import type { MessageService } from '../messaging';
import type { TimelineService, TimelineWriter } from '../sync';
import { chatTransferRepository, type ChatTransferRow } from './chat-transfer.repository';
import { once } from './idempotency';
import type { Ledger } from './ledger.service';
import { ledgerRepository } from './ledger.repository';
import type { PaymentGuard } from './payment-guard';
import { payErrors } from './pay.errors';
import type { WalletService } from './wallet.service';

export interface ChatTransferSettings {
  /** How long the receiver has to accept before the money returns. */
  holdTtlMs: number;
}

function transferView(row: ChatTransferRow, testMoney: boolean): ChatTransfer {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    senderId: row.sender_id,
    receiverId: row.receiver_id,
    amount: row.amount,
    currency: row.currency,
    note: row.note,
    status: row.status,
    returnReason: row.return_reason,
    createdAt: new Date(row.created_at).toISOString(),
    expiresAt: new Date(row.expires_at).toISOString(),
    settledAt: row.settled_at === null ? null : new Date(row.settled_at).toISOString(),
    testMoney,
  };
}

/**
 * Money sent to a contact in a direct chat. The amount is held from the sender's wallet when the
 * card is posted and paid to the receiver when they accept; declined or left for the hold period,
 * it returns to the sender. Both sides see the card change on every device.
 */
export class ChatTransferService {
  constructor(
    private readonly db: Database,
    private readonly timeline: TimelineService,
    private readonly ledger: Ledger,
    private readonly wallet: WalletService,
    private readonly messages: MessageService,
    private readonly guard: PaymentGuard,
    private readonly clock: Clock,
    private readonly ids: Ids,
    private readonly settings: ChatTransferSettings,
  ) {}

  async send(userId: string, conversationId: string, request: SendTransferRequest): Promise<{ transfer: ChatTransfer; message: Message }> {
    await this.guard.confirm(userId, request.paymentPassword);
    const fingerprint = { operation: 'chat_transfer', conversationId, amount: request.amount, note: request.note };
    return this.timeline.write((writer) =>
      once(writer.db, this.clock, userId, request.idempotencyKey, fingerprint, async () => {
        const db = writer.db;
        const id = this.ids.next();
        const now = this.clock.now();
        // The receiver is the other member of the direct chat; the card is checked like any message.
        const card = await this.messages.postCard(writer, userId, conversationId, 'transfer', ({ conversationKind, peerId }) => {
          if (conversationKind !== 'direct' || !peerId) throw payErrors.directOnly();
          const body: TransferMessageBody = { transferId: id, receiverId: peerId, amount: request.amount, currency: this.wallet.currency, note: request.note };
          return body;
        });
        const receiverId = card.peerId!;
        const account = await this.wallet.account(db, userId);
        await this.wallet.checkDailyLimit(db, account.id, request.amount);
        await this.ledger.hold(db, {
          sourceAccountId: account.id,
          currency: this.wallet.currency,
          groupId: id,
          shares: [request.amount],
          expiresAt: now + this.settings.holdTtlMs,
          kind: 'transfer_sent',
          memo: request.note,
          conversationId,
          counterpartyId: receiverId,
        });
        const row: ChatTransferRow = {
          id,
          conversation_id: conversationId,
          sender_id: userId,
          receiver_id: receiverId,
          amount: request.amount,
          currency: this.wallet.currency,
          note: request.note,
          status: 'pending',
          return_reason: null,
          created_at: now,
          expires_at: now + this.settings.holdTtlMs,
          settled_at: null,
        };
        await chatTransferRepository.insert(db, row);
        const transfer = this.announce(writer, row);
        await this.wallet.announce(writer, userId);
        return { transfer, message: card.message };
      }),
    );
  }

  async get(userId: string, id: string): Promise<ChatTransfer> {
    const row = await chatTransferRepository.find(this.db, id);
    if (!row || (row.sender_id !== userId && row.receiver_id !== userId)) throw payErrors.transferNotFound();
    return transferView(row, this.wallet.testMoney);
  }

  /** The receiver takes the money. Accepting an accepted transfer again answers with it unchanged. */
  async accept(userId: string, id: string): Promise<ChatTransfer> {
    return this.timeline.write(async (writer) => {
      const db = writer.db;
      const current = await this.requireReceiver(writer, userId, id);
      if (current.status === 'accepted') return transferView(current, this.wallet.testMoney);
      const row = await chatTransferRepository.settle(db, id, { status: 'accepted', returnReason: null, settledAt: this.clock.now() });
      if (!row) throw payErrors.transferNotPending();
      const hold = await ledgerRepository.findHold(db, id, 0);
      const account = await this.wallet.account(db, userId);
      const posted = hold
        ? await this.ledger.postHold(db, hold, account.id, {
            kind: 'transfer_received',
            currency: row.currency,
            memo: row.note,
            conversationId: row.conversation_id,
            counterpartyId: row.sender_id,
          })
        : undefined;
      if (!posted) throw payErrors.holdNotOpen();
      await this.wallet.announce(writer, userId);
      return this.announce(writer, row);
    });
  }

  /** The receiver declines: the money goes back to the sender at once. */
  async decline(userId: string, id: string): Promise<ChatTransfer> {
    return this.timeline.write(async (writer) => {
      const current = await this.requireReceiver(writer, userId, id);
      if (current.status === 'returned') return transferView(current, this.wallet.testMoney);
      return this.giveBack(writer, id, 'declined');
    });
  }

  /** Returns every transfer whose hold period has passed; returns how many it returned. */
  async expireDue(limit = 100): Promise<number> {
    const due = await chatTransferRepository.due(this.db, this.clock.now(), limit);
    let returned = 0;
    for (const id of due) {
      const done = await this.timeline.write(async (writer) => {
        const row = await chatTransferRepository.find(writer.db, id);
        if (!row || row.status !== 'pending') return false;
        await this.giveBack(writer, id, 'expired');
        return true;
      });
      if (done) returned += 1;
    }
    return returned;
  }

  private async giveBack(writer: TimelineWriter, id: string, reason: 'declined' | 'expired'): Promise<ChatTransfer> {
    const row = await chatTransferRepository.settle(writer.db, id, { status: 'returned', returnReason: reason, settledAt: this.clock.now() });
    if (!row) throw payErrors.transferNotPending();
    const voided = await this.ledger.voidGroup(writer.db, id, {
      kind: 'transfer_returned',
      currency: row.currency,
      memo: row.note,
      conversationId: row.conversation_id,
      counterpartyId: row.receiver_id,
    });
    if (!voided) throw payErrors.holdNotOpen();
    await this.wallet.announce(writer, row.sender_id);
    return this.announce(writer, row);
  }

  private async requireReceiver(writer: TimelineWriter, userId: string, id: string): Promise<ChatTransferRow> {
    const row = await chatTransferRepository.find(writer.db, id);
    if (!row || (row.sender_id !== userId && row.receiver_id !== userId)) throw payErrors.transferNotFound();
    if (row.receiver_id !== userId) throw payErrors.notReceiver();
    return row;
  }

  private announce(writer: TimelineWriter, row: ChatTransferRow): ChatTransfer {
    const transfer = transferView(row, this.wallet.testMoney);
    writer.addAll([row.sender_id, row.receiver_id], { kind: 'transfer.updated', transfer });
    return transfer;
  }
}
