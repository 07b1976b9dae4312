import type { ServerFrame, TimelineEvent } from '@tessera/protocol';
import { LoadClient, type LoadHandlers } from '../lib/load-client';
import type { BenchUser } from '../lib/population';
import type { Ledger } from './ledger';

/** Order violations seen at recipients, across all connections. */
export interface OrderChecks {
  /** Timeline or conversation seqs that skipped ahead. */
  gaps: number;
  /** Timeline or conversation seqs at or below one already seen. */
  repeats: number;
  /** Error frames, with the first few kept for the report. */
  errors: number;
  firstErrors: string[];
}

/** Called after a send is answered (ack or error), so a closed-loop driver can refill the window. */
export type Refill = (participant: Participant) => void;

/**
 * One connected user talking to its contact in their direct conversation. Checks, at receipt,
 * that its timeline seqs and the conversation's message seqs advance by exactly one.
 */
export class Participant implements LoadHandlers {
  readonly client: LoadClient;
  readonly conversationJson: string;
  private timelineSeq = 0;
  private conversationSeq = -1;
  refill: Refill | undefined;

  constructor(
    readonly user: BenchUser,
    conversationId: string,
    private readonly ledger: Ledger,
    private readonly checks: OrderChecks,
  ) {
    this.client = new LoadClient(user.id, user.token, this);
    this.conversationJson = JSON.stringify(conversationId);
  }

  onEvent(_client: LoadClient, event: TimelineEvent, now: number): void {
    if (event.seq !== this.timelineSeq + 1) {
      if (event.seq <= this.timelineSeq) this.checks.repeats++;
      else this.checks.gaps++;
    }
    if (event.seq > this.timelineSeq) this.timelineSeq = event.seq;
    if (event.kind !== 'message.new') return;
    const message = event.message;
    if (this.conversationSeq >= 0 && message.seq !== this.conversationSeq + 1) {
      if (message.seq <= this.conversationSeq) this.checks.repeats++;
      else this.checks.gaps++;
    }
    if (message.seq > this.conversationSeq) this.conversationSeq = message.seq;
    if (message.senderId !== this.user.id && message.clientMsgId?.startsWith('m')) {
      this.ledger.deliver(Number.parseInt(message.clientMsgId.slice(1), 36), now);
    }
  }

  onAck(_client: LoadClient, ack: Extract<ServerFrame, { type: 'ack' }>): void {
    this.ledger.ack(Number.parseInt(ack.clientMsgId.slice(1), 36));
    this.client.inFlight--;
    this.refill?.(this);
  }

  onError(_client: LoadClient, error: Extract<ServerFrame, { type: 'error' }>): void {
    this.checks.errors++;
    if (this.checks.firstErrors.length < 5) this.checks.firstErrors.push(`${error.code}: ${error.message}`);
    if (error.id?.startsWith('m')) {
      this.ledger.reject(Number.parseInt(error.id.slice(1), 36));
      this.client.inFlight--;
      this.refill?.(this);
    }
  }
}
