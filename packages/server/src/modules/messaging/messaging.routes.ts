import { conversationSettings, historyQuery, outgoingContent, clientMsgId, id } from '@tessera/protocol';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Authenticate } from '../../platform/auth-hook';
import { parse } from '../../platform/validation';
import type { ConversationService } from './conversation.service';
import type { MessageService } from './message.service';

const conversationParams = z.object({ id });
const messageParams = z.object({ id, seq: z.coerce.number().int().positive() });
const sendBody = z.object({
  clientMsgId,
  content: outgoingContent,
  quoteSeq: z.number().int().positive().optional(),
  mentions: z.array(id).max(500).optional(),
});
const readBody = z.object({ seq: z.number().int().nonnegative() });

/** Conversations and messages over REST; the WebSocket gateway offers the same operations. */
export function registerMessagingRoutes(
  app: FastifyInstance,
  conversations: ConversationService,
  messages: MessageService,
  authenticate: Authenticate,
): void {
  app.get('/api/v1/conversations', async (request) => ({ conversations: await conversations.list(await authenticate(request)) }));

  app.get('/api/v1/conversations/:id', async (request) =>
    conversations.get(await authenticate(request), parse(conversationParams, request.params).id),
  );

  app.patch('/api/v1/conversations/:id/settings', async (request) =>
    conversations.updateSettings(
      await authenticate(request),
      parse(conversationParams, request.params).id,
      parse(conversationSettings, request.body),
    ),
  );

  app.delete('/api/v1/conversations/:id', async (request, reply) => {
    await conversations.hide(await authenticate(request), parse(conversationParams, request.params).id);
    return reply.status(204).send();
  });

  app.get('/api/v1/conversations/:id/messages', async (request) => {
    const auth = await authenticate(request);
    const query = parse(historyQuery, request.query);
    const conversationId = parse(conversationParams, request.params).id;
    return { messages: await messages.history(auth.userId, conversationId, query.beforeSeq, query.limit) };
  });

  app.post('/api/v1/conversations/:id/messages', async (request) => {
    const auth = await authenticate(request);
    const body = parse(sendBody, request.body);
    return messages.send(auth.userId, { ...body, conversationId: parse(conversationParams, request.params).id });
  });

  app.post('/api/v1/conversations/:id/read', async (request) => {
    const auth = await authenticate(request);
    const readSeq = await conversations.markRead(auth, parse(conversationParams, request.params).id, parse(readBody, request.body).seq);
    return { readSeq };
  });

  app.post('/api/v1/conversations/:id/messages/:seq/recall', async (request, reply) => {
    const auth = await authenticate(request);
    const params = parse(messageParams, request.params);
    await messages.recall(auth.userId, params.id, params.seq);
    return reply.status(204).send();
  });
}
