import { sendRedPacketRequest, sendTransferRequest } from '@tessera/protocol';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Authenticate } from '../../platform/auth-hook';
import { parse } from '../../platform/validation';
import type { ChatTransferService } from './chat-transfer.service';
import type { RedPacketService } from './red-packet.service';

const idParams = z.object({ id: z.string().min(1).max(64) });

/** Transfers and red packets inside chats. */
export function registerPayChatRoutes(http: FastifyInstance, transfers: ChatTransferService, packets: RedPacketService, authenticate: Authenticate): void {
  http.post('/api/v1/conversations/:id/transfers', async (request, reply) => {
    const auth = await authenticate(request);
    const sent = await transfers.send(auth.userId, parse(idParams, request.params).id, parse(sendTransferRequest, request.body));
    return reply.status(201).send(sent);
  });

  http.get('/api/v1/transfers/:id', async (request) => {
    const auth = await authenticate(request);
    return transfers.get(auth.userId, parse(idParams, request.params).id);
  });

  http.post('/api/v1/transfers/:id/accept', async (request) => {
    const auth = await authenticate(request);
    return transfers.accept(auth.userId, parse(idParams, request.params).id);
  });

  http.post('/api/v1/transfers/:id/return', async (request) => {
    const auth = await authenticate(request);
    return transfers.decline(auth.userId, parse(idParams, request.params).id);
  });

  http.post('/api/v1/conversations/:id/red-packets', async (request, reply) => {
    const auth = await authenticate(request);
    const sent = await packets.send(auth.userId, parse(idParams, request.params).id, parse(sendRedPacketRequest, request.body));
    return reply.status(201).send(sent);
  });

  http.get('/api/v1/red-packets/:id', async (request) => {
    const auth = await authenticate(request);
    return packets.get(auth.userId, parse(idParams, request.params).id);
  });

  http.post('/api/v1/red-packets/:id/grab', async (request) => {
    const auth = await authenticate(request);
    return packets.grab(auth.userId, parse(idParams, request.params).id);
  });
}
