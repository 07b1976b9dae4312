import type { ChatTransfer, GrabResult, Message, Movement, RedPacket, Statement, Wallet } from '@tessera/protocol';
import type { Api } from './client';
import { testPaymentPassword } from './factories';

/**
 * A stream of concurrent money-moving requests over HTTP, for tests that crash the server in the
 * middle of one: every request is recorded as acknowledged (2xx, with its answer), refused
 * (another status) or unanswered (the connection failed before an answer came).
 */

/** One money-moving request. Keyed kinds carry the idempotency key a retry reuses. */
export type Operation =
  | { kind: 'top_up'; userId: string; amount: number; idempotencyKey: string }
  | { kind: 'transfer'; userId: string; receiverId: string; conversationId: string; amount: number; idempotencyKey: string }
  | { kind: 'accept'; userId: string; transferId: string }
  | { kind: 'red_packet'; userId: string; conversationId: string; amount: number; shareCount: number; idempotencyKey: string }
  | { kind: 'grab'; userId: string; packetId: string };

export interface TopUpAnswer {
  wallet: Wallet;
  movement: Movement;
}
export interface TransferAnswer {
  transfer: ChatTransfer;
  message: Message;
}
export interface RedPacketAnswer {
  packet: RedPacket;
  message: Message;
}
export type Answer = TopUpAnswer | TransferAnswer | ChatTransfer | RedPacketAnswer | GrabResult;

export type Outcome =
  | { operation: Operation; state: 'acknowledged'; answer: Answer }
  | { operation: Operation; state: 'refused'; status: number; body: unknown }
  | { operation: Operation; state: 'unanswered'; error: string };

/** The HTTP request an operation stands for; the same operation gives the same request every time. */
function requestOf(operation: Operation): { method: string; path: string; body?: unknown } {
  switch (operation.kind) {
    case 'top_up':
      return { method: 'POST', path: '/api/v1/wallet/top-ups', body: { amount: operation.amount, idempotencyKey: operation.idempotencyKey } };
    case 'transfer':
      return {
        method: 'POST',
        path: `/api/v1/conversations/${operation.conversationId}/transfers`,
        body: { amount: operation.amount, note: 'crash test', paymentPassword: testPaymentPassword, idempotencyKey: operation.idempotencyKey },
      };
    case 'accept':
      return { method: 'POST', path: `/api/v1/transfers/${operation.transferId}/accept` };
    case 'red_packet':
      return {
        method: 'POST',
        path: `/api/v1/conversations/${operation.conversationId}/red-packets`,
        body: {
          mode: 'lucky',
          amount: operation.amount,
          shareCount: operation.shareCount,
          greeting: 'crash test',
          paymentPassword: testPaymentPassword,
          idempotencyKey: operation.idempotencyKey,
        },
      };
    case 'grab':
      return { method: 'POST', path: `/api/v1/red-packets/${operation.packetId}/grab` };
  }
}

/** Sends one operation as its user (`apis` maps user ids to clients of the current server). */
export async function perform(apis: Map<string, Api>, operation: Operation): Promise<Outcome> {
  const { method, path, body } = requestOf(operation);
  let result: { status: number; body: unknown };
  try {
    result = await apis.get(operation.userId)!.call(method, path, body);
  } catch (error) {
    return { operation, state: 'unanswered', error: String((error as { cause?: unknown }).cause ?? error) };
  }
  if (result.status >= 200 && result.status < 300) return { operation, state: 'acknowledged', answer: result.body as Answer };
  return { operation, state: 'refused', status: result.status, body: result.body };
}

/** Like `perform`, but any answer other than a 2xx fails the test. */
export async function performOk<T extends Answer>(apis: Map<string, Api>, operation: Operation): Promise<T> {
  const outcome = await perform(apis, operation);
  if (outcome.state !== 'acknowledged') throw new Error(`${operation.kind} was not acknowledged: ${JSON.stringify(outcome)}`);
  return outcome.answer as T;
}

export interface StreamOptions {
  /** Requests in flight at once. */
  window: number;
  /** No request is sent after this many acknowledgements, nor after any request goes unanswered. */
  stopAfter: number;
  /** Operations an acknowledged one makes possible (accepting a transfer, grabbing a packet); they go to the front of the queue. */
  followUps(outcome: Extract<Outcome, { state: 'acknowledged' }>): Operation[];
}

/**
 * Runs the operations with up to `window` in flight until `stopAfter` acknowledgements (or the
 * first unanswered request), and resolves once every request sent has an outcome.
 */
export async function runStream(apis: Map<string, Api>, operations: Operation[], options: StreamOptions): Promise<Outcome[]> {
  const queue = [...operations];
  const outcomes: Outcome[] = [];
  let acknowledged = 0;
  let stopped = false;
  const worker = async () => {
    while (!stopped && queue.length > 0) {
      const outcome = await perform(apis, queue.shift()!);
      outcomes.push(outcome);
      if (outcome.state === 'acknowledged') {
        queue.unshift(...options.followUps(outcome));
        acknowledged += 1;
      }
      if (outcome.state === 'unanswered' || acknowledged >= options.stopAfter) stopped = true;
    }
  };
  await Promise.all(Array.from({ length: options.window }, worker));
  if (!stopped) throw new Error(`the stream ran dry after ${acknowledged} acknowledgements, before ${options.stopAfter}`);
  return outcomes;
}

/** Every movement of the user's statement, reading page after page. */
export async function fullStatement(api: Api): Promise<Movement[]> {
  const movements: Movement[] = [];
  let before: string | null = null;
  do {
    const page: Statement = await api.ok<Statement>('GET', `/api/v1/wallet/statement?limit=100${before ? `&before=${encodeURIComponent(before)}` : ''}`);
    movements.push(...page.movements);
    before = page.nextCursor;
  } while (before !== null);
  return movements;
}
