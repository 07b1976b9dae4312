import type { TimelineEvent, TimelinePayload } from '@tessera/protocol';
import type { Bus } from '../../platform/bus';
import type { Clock } from '../../platform/clock';
import type { Database } from '../../platform/db/database';
import { timelineRepository, type Executor, type TimelineRow } from './timeline.repository';

export interface AddressedEvent {
  userId: string;
  event: TimelineEvent;
}

/**
 * Collects the timeline events of one database transaction. `flush` gives each user's events
 * consecutive seqs and writes them in the same transaction as the change they describe.
 */
export class TimelineWriter {
  private readonly pending = new Map<string, TimelinePayload[]>();

  constructor(
    /** The open transaction; repositories of every module write through it. */
    readonly db: Executor,
    private readonly clock: Clock,
  ) {}

  add(userId: string, payload: TimelinePayload): void {
    const list = this.pending.get(userId);
    if (list) list.push(payload);
    else this.pending.set(userId, [payload]);
  }

  addAll(userIds: Iterable<string>, payload: TimelinePayload): void {
    for (const userId of userIds) this.add(userId, payload);
  }

  /** Writes the collected events, reserving every user's seqs in one statement. */
  async flush(): Promise<AddressedEvent[]> {
    const now = this.clock.now();
    const at = new Date(now).toISOString();
    const rows: TimelineRow[] = [];
    const addressed: AddressedEvent[] = [];
    const counts = new Map([...this.pending].map(([userId, payloads]) => [userId, payloads.length]));
    const lasts = await timelineRepository.reserveSeqs(this.db, counts);
    for (const [userId, payloads] of this.pending) {
      const last = lasts.get(userId);
      if (last === undefined) continue;
      let seq = last - payloads.length;
      for (const payload of payloads) {
        seq += 1;
        const isMessage = payload.kind === 'message.new';
        rows.push({
          user_id: userId,
          seq,
          kind: payload.kind,
          conversation_id: isMessage ? payload.message.conversationId : null,
          message_seq: isMessage ? payload.message.seq : null,
          payload: isMessage ? null : JSON.stringify(payload),
          created_at: now,
        });
        addressed.push({ userId, event: { ...payload, seq, at } });
      }
    }
    this.pending.clear();
    await timelineRepository.insert(this.db, rows);
    return addressed;
  }
}

function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '40P01' || code === '40001';
}

/** Writes changes together with their timeline events, then delivers the events live. */
export class TimelineService {
  constructor(
    private readonly db: Database,
    private readonly bus: Bus,
    private readonly clock: Clock,
  ) {}

  /**
   * Runs `work` in one transaction; the events it adds are committed with it and published after.
   * A transaction that PostgreSQL aborts for a deadlock or a serialization conflict is run again.
   */
  async write<T>(work: (writer: TimelineWriter) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        const { result, events } = await this.db.transaction().execute(async (transaction) => {
          const writer = new TimelineWriter(transaction, this.clock);
          const result = await work(writer);
          return { result, events: await writer.flush() };
        });
        this.publish(events);
        return result;
      } catch (error) {
        if (attempt >= 5 || !isRetryable(error)) throw error;
      }
    }
  }

  publish(events: AddressedEvent[]): void {
    for (const { userId, event } of events) this.bus.publish(userId, { type: 'event', event });
  }

  read(userId: string, afterSeq: number, limit: number): Promise<TimelineEvent[]> {
    return timelineRepository.readAfter(this.db, userId, afterSeq, limit);
  }
}
