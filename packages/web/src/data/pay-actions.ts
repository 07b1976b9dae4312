import type { ChatTransfer, GrabResult, RedPacket, SendRedPacketRequest, SendTransferRequest, Wallet } from '@tessera/protocol';
import { PayApi, type StatementFilter, type WalletMovement, type WithdrawalMovement } from '../api/pay-client';
import type { TesseraClient } from './client';
import { laterPacket, laterTransfer, laterWallet } from './pay-state';
import { withEntries } from './store';

/**
 * The wallet, chat transfers and red packets. Answers go into the store at once; the timeline
 * events that follow (`wallet.updated`, `transfer.updated`, `red_packet.updated`) keep other
 * screens and devices in step.
 */
export class PayActions {
  readonly api: PayApi;
  private readonly loadingTransfers = new Map<string, Promise<ChatTransfer>>();
  private readonly loadingPackets = new Map<string, Promise<RedPacket>>();

  constructor(private readonly client: TesseraClient) {
    this.api = new PayApi(client.rest);
  }

  private get store() {
    return this.client.store;
  }

  private putWallet(wallet: Wallet): Wallet {
    this.store.update((state) => ({ wallet: laterWallet(state.wallet, wallet) }));
    return wallet;
  }

  putTransfer(transfer: ChatTransfer): ChatTransfer {
    this.store.update((state) => ({ transfers: withEntries(state.transfers, [[transfer.id, laterTransfer(state.transfers.get(transfer.id), transfer)]]) }));
    return transfer;
  }

  putPacket(packet: RedPacket): RedPacket {
    this.store.update((state) => ({ redPackets: withEntries(state.redPackets, [[packet.id, laterPacket(state.redPackets.get(packet.id), packet)]]) }));
    return packet;
  }

  async loadWallet(): Promise<Wallet> {
    return this.putWallet(await this.api.wallet());
  }

  async topUp(amount: number, idempotencyKey: string): Promise<WalletMovement> {
    const result = await this.api.topUp(amount, idempotencyKey);
    this.putWallet(result.wallet);
    return result;
  }

  async withdraw(amount: number, paymentPassword: string, idempotencyKey: string): Promise<WithdrawalMovement> {
    const result = await this.api.withdraw(amount, paymentPassword, idempotencyKey);
    this.putWallet(result.wallet);
    return result;
  }

  async setPaymentPassword(newPassword: string, loginPassword: string): Promise<Wallet> {
    return this.putWallet(await this.api.setPaymentPassword(newPassword, loginPassword));
  }

  statement(filter: StatementFilter) {
    return this.api.statement(filter);
  }

  summary(month: string) {
    return this.api.summary(month);
  }

  async sendTransfer(conversationId: string, request: SendTransferRequest): Promise<ChatTransfer> {
    const { transfer } = await this.api.sendTransfer(conversationId, request);
    return this.putTransfer(transfer);
  }

  async sendRedPacket(conversationId: string, request: SendRedPacketRequest): Promise<RedPacket> {
    const { packet } = await this.api.sendRedPacket(conversationId, request);
    return this.putPacket(packet);
  }

  /** Reads a transfer for its card; one request per id at a time. */
  loadTransfer(id: string): Promise<ChatTransfer> {
    const inFlight = this.loadingTransfers.get(id);
    if (inFlight) return inFlight;
    const loading = this.api
      .transfer(id)
      .then((transfer) => this.putTransfer(transfer))
      .finally(() => this.loadingTransfers.delete(id));
    this.loadingTransfers.set(id, loading);
    return loading;
  }

  /** Reads a red packet as this user sees it; one request per id at a time. */
  loadPacket(id: string): Promise<RedPacket> {
    const inFlight = this.loadingPackets.get(id);
    if (inFlight) return inFlight;
    const loading = this.api
      .redPacket(id)
      .then((packet) => this.putPacket(packet))
      .finally(() => this.loadingPackets.delete(id));
    this.loadingPackets.set(id, loading);
    return loading;
  }

  async acceptTransfer(id: string): Promise<ChatTransfer> {
    return this.putTransfer(await this.api.acceptTransfer(id));
  }

  async returnTransfer(id: string): Promise<ChatTransfer> {
    return this.putTransfer(await this.api.returnTransfer(id));
  }

  async grab(id: string): Promise<GrabResult> {
    const result = await this.api.grab(id);
    this.putPacket(result.packet);
    return result;
  }
}
