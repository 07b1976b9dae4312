import type { ClientFrame, ServerFrame, TimelineEvent } from '@tessera/protocol';
import type { WebSocket } from 'ws';
import { AppError, presentError } from '../../platform/errors';
import type { Logger } from '../../platform/logger';
import type { ConversationService, MessageService } from '../messaging';
import type { TimelineService } from '../sync';
import { decodeFrame } from './frame-decoder';
import { sendAll, type WriteCoalescer } from './write-coalescer';

export interface GatewayDeps {
  timeline: TimelineService;
  conversations: ConversationService;
  messages: MessageService;
  logger: Logger;
  sendBufferBytes: number;
  syncBatchSize: number;
  coalescer: WriteCoalescer;
  stats: GatewayStats;
}

/** Counters an operator can read (and tests can wait on). */
export interface GatewayStats {
  slowConsumersDropped: number;
}

/** WebSocket close codes Tessera uses beyond the standard ones. */
export const closeCodes = { sessionRevoked: 4001, slowConsumer: 4008, shuttingDown: 1001 } as const;

/**
 * One authenticated socket. Delivers the user's timeline in order and exactly once: after a
 * `sync` the connection tracks the last seq it sent, sends a live event only when it is the next
 * one, and reads any gap back from the database.
 */
export class Connection {
  /** Last timeline seq sent to this device; undefined until the device has synced. */
  private cursor: number | undefined;
  private catchingUp = false;
  private catchUpAgain = false;
  /** Bumped by every `sync`; a sync or catch-up that finds it changed stops, leaving the newer one in charge. */
  private generation = 0;
  /** Frames waiting for this turn's write; created on first use to keep idle sockets small. */
  private outbox: string[] | undefined;
  alive = true;

  constructor(
    readonly socket: WebSocket,
    readonly userId: string,
    readonly sessionId: string,
    private readonly deps: GatewayDeps,
    /** Settles once the bus routes this user's live events to this node (see Bus.whenSubscribed). */
    private readonly subscribed: Promise<void> = Promise.resolve(),
  ) {}

  send(frame: ServerFrame): boolean {
    if (this.socket.readyState !== this.socket.OPEN) return false;
    if (this.socket.bufferedAmount > this.deps.sendBufferBytes) {
      // A slow reader never holds others back: drop it; it resyncs from its cursor when it returns.
      this.deps.stats.slowConsumersDropped += 1;
      this.socket.close(closeCodes.slowConsumer, 'slow_consumer');
      return false;
    }
    const data = JSON.stringify(frame);
    if (this.outbox) this.outbox.push(data);
    else {
      this.outbox = [data];
      this.deps.coalescer.queue(this);
    }
    return true;
  }

  /** Writes the frames queued this turn. */
  flush(): void {
    const frames = this.outbox;
    this.outbox = undefined;
    if (frames && this.socket.readyState === this.socket.OPEN) sendAll(this.socket, frames);
  }

  /** Sends a frame after those already queued and resolves once it has been handed to the operating system. */
  private sendAndWait(frame: ServerFrame): Promise<boolean> {
    this.flush();
    return new Promise((resolve) => {
      if (this.socket.readyState !== this.socket.OPEN) return resolve(false);
      this.socket.send(JSON.stringify(frame), (error) => resolve(!error));
    });
  }

  /** A live event from the bus. */
  deliver(event: TimelineEvent): void {
    if (this.cursor === undefined) return;
    if (event.seq <= this.cursor) return;
    if (event.seq === this.cursor + 1 && !this.catchingUp) {
      if (this.send({ type: 'event', event })) this.cursor = event.seq;
      return;
    }
    void this.catchUp();
  }

  async handle(data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean): Promise<void> {
    const decoded = decodeFrame(data, isBinary);
    if ('error' in decoded) {
      this.sendError(decoded.error, decoded.id);
      return;
    }
    const frame = decoded.frame;
    try {
      await this.dispatch(frame);
    } catch (error) {
      if (!(error instanceof AppError)) this.deps.logger.error({ err: error, type: frame.type }, 'frame handler failed');
      this.sendError(error, 'id' in frame ? frame.id : undefined);
    }
  }

  private async dispatch(frame: ClientFrame): Promise<void> {
    const { messages, conversations } = this.deps;
    switch (frame.type) {
      case 'sync':
        return this.sync(frame.id, frame.cursor);
      case 'send': {
        const ack = await messages.send(this.userId, frame);
        this.send({ type: 'ack', id: frame.id, ...ack });
        return;
      }
      case 'read':
        await conversations.markRead({ userId: this.userId }, frame.conversationId, frame.seq);
        this.send({ type: 'ok', id: frame.id });
        return;
      case 'recall':
        await messages.recall(this.userId, frame.conversationId, frame.seq);
        this.send({ type: 'ok', id: frame.id });
        return;
      case 'history': {
        const page = await messages.history(this.userId, frame.conversationId, frame.beforeSeq, frame.limit ?? 50);
        this.send({ type: 'history', id: frame.id, messages: page });
        return;
      }
      case 'typing':
        await messages.typing(this.userId, frame.conversationId);
        return;
      case 'ping':
        this.send(frame.id === undefined ? { type: 'pong' } : { type: 'pong', id: frame.id });
        return;
    }
  }

  /** Sends everything after the device's cursor in batches, then switches to live delivery. */
  private async sync(requestId: string, from: number): Promise<void> {
    const generation = ++this.generation;
    this.cursor = undefined;
    this.catchingUp = true;
    let cursor = from;
    try {
      // Read only once live events reach this node: one committed after the read then arrives here.
      await this.subscribed;
      for (;;) {
        if (generation !== this.generation) return;
        const events = await this.deps.timeline.read(this.userId, cursor, this.deps.syncBatchSize);
        if (generation !== this.generation) return;
        const more = events.length === this.deps.syncBatchSize;
        if (events.length > 0) {
          if (!(await this.sendAndWait({ type: 'events', id: requestId, events, more }))) return;
          cursor = events.at(-1)!.seq;
        }
        if (!more) break;
      }
      if (generation !== this.generation) return;
      this.cursor = cursor;
      this.send({ type: 'synced', id: requestId, cursor });
    } finally {
      if (generation === this.generation) this.catchingUp = false;
    }
    // Events committed while the last batch was in flight.
    await this.catchUp();
  }

  /**
   * Reads events after the cursor from the database and sends them as live events. The gateway
   * also calls it when the bus may have lost live events.
   */
  async catchUp(): Promise<void> {
    if (this.cursor === undefined) return;
    if (this.catchingUp) {
      this.catchUpAgain = true;
      return;
    }
    this.catchingUp = true;
    const generation = this.generation;
    try {
      do {
        this.catchUpAgain = false;
        for (;;) {
          const events = await this.deps.timeline.read(this.userId, this.cursor, this.deps.syncBatchSize);
          // A new sync started meanwhile and now owns the cursor.
          if (generation !== this.generation || this.cursor === undefined) return;
          for (const event of events) {
            if (!this.send({ type: 'event', event })) return;
            this.cursor = event.seq;
          }
          if (events.length < this.deps.syncBatchSize) break;
        }
      } while (this.catchUpAgain);
    } catch (error) {
      this.deps.logger.warn({ err: error, userId: this.userId }, 'catch-up failed; closing so the device resyncs');
      this.socket.close(1011, 'internal_error');
    } finally {
      if (generation === this.generation) this.catchingUp = false;
    }
  }

  sendError(error: unknown, id?: string): void {
    const presented = presentError(error);
    this.send({
      type: 'error',
      ...(id === undefined ? {} : { id }),
      code: presented.code,
      message: presented.message,
      ...(presented.details === undefined ? {} : { details: presented.details }),
    });
  }
}
