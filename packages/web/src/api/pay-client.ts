import type {
  ChatTransfer,
  GrabResult,
  Message,
  MonthlySummary,
  Movement,
  MovementKind,
  RedPacket,
  SendRedPacketRequest,
  SendTransferRequest,
  Statement,
  Wallet,
  Withdrawal,
} from '@tessera/protocol';
import type { RestClient } from './rest-client';

/** What a money movement answers: the wallet after it and the statement line it wrote. */
export interface WalletMovement {
  wallet: Wallet;
  movement: Movement;
}

/** A withdrawal answers where it stands too: paid out, refused (the money is back), or still with the provider. */
export interface WithdrawalMovement extends WalletMovement {
  withdrawal: Withdrawal | null;
}

export interface StatementFilter {
  kind?: MovementKind;
  direction?: 'in' | 'out';
  before?: string;
  limit?: number;
}

const segment = encodeURIComponent;

/** The payments half of the REST protocol (docs/payments.md): wallet, transfers and red packets. */
export class PayApi {
  constructor(private readonly rest: RestClient) {}

  wallet(): Promise<Wallet> {
    return this.rest.call('GET', '/wallet');
  }
  topUp(amount: number, idempotencyKey: string): Promise<WalletMovement> {
    return this.rest.call('POST', '/wallet/top-ups', { amount, idempotencyKey });
  }
  withdraw(amount: number, paymentPassword: string, idempotencyKey: string): Promise<WithdrawalMovement> {
    return this.rest.call('POST', '/wallet/withdrawals', { amount, paymentPassword, idempotencyKey });
  }
  setPaymentPassword(newPassword: string, loginPassword: string): Promise<Wallet> {
    return this.rest.call('PUT', '/wallet/payment-password', { newPassword, loginPassword });
  }
  statement(filter: StatementFilter = {}): Promise<Statement> {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(filter)) if (value !== undefined) query.set(key, String(value));
    const text = query.toString();
    return this.rest.call('GET', `/wallet/statement${text ? `?${text}` : ''}`);
  }
  summary(month: string): Promise<MonthlySummary> {
    return this.rest.call('GET', `/wallet/summary?month=${segment(month)}`);
  }
  sendTransfer(conversationId: string, request: SendTransferRequest): Promise<{ transfer: ChatTransfer; message: Message }> {
    return this.rest.call('POST', `/conversations/${segment(conversationId)}/transfers`, request);
  }
  transfer(id: string): Promise<ChatTransfer> {
    return this.rest.call('GET', `/transfers/${segment(id)}`);
  }
  acceptTransfer(id: string): Promise<ChatTransfer> {
    return this.rest.call('POST', `/transfers/${segment(id)}/accept`);
  }
  returnTransfer(id: string): Promise<ChatTransfer> {
    return this.rest.call('POST', `/transfers/${segment(id)}/return`);
  }
  sendRedPacket(conversationId: string, request: SendRedPacketRequest): Promise<{ packet: RedPacket; message: Message }> {
    return this.rest.call('POST', `/conversations/${segment(conversationId)}/red-packets`, request);
  }
  redPacket(id: string): Promise<RedPacket> {
    return this.rest.call('GET', `/red-packets/${segment(id)}`);
  }
  grab(id: string): Promise<GrabResult> {
    return this.rest.call('POST', `/red-packets/${segment(id)}/grab`);
  }
}
