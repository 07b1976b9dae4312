import { contactUpdate, friendRequestAnswer, friendRequestCreate, id, searchUsersQuery } from '@tessera/protocol';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Authenticate } from '../../platform/auth-hook';
import { parse } from '../../platform/validation';
import type { ContactsService } from './contacts.service';

const userParams = z.object({ userId: id });
const requestParams = z.object({ id });

/** People search, friend requests, contacts and blocks. */
export function registerContactRoutes(app: FastifyInstance, contacts: ContactsService, authenticate: Authenticate): void {
  app.get('/api/v1/users/search', async (request) =>
    ({ user: await contacts.search(await authenticate(request), parse(searchUsersQuery, request.query).q) }),
  );
  app.get('/api/v1/users/:userId', async (request) =>
    contacts.profile(await authenticate(request), parse(userParams, request.params).userId),
  );

  app.get('/api/v1/contacts', async (request) => ({ contacts: await contacts.list(await authenticate(request)) }));
  app.patch('/api/v1/contacts/:userId', async (request) =>
    contacts.setRemark(await authenticate(request), parse(userParams, request.params).userId, parse(contactUpdate, request.body).remark),
  );
  app.delete('/api/v1/contacts/:userId', async (request, reply) => {
    await contacts.remove(await authenticate(request), parse(userParams, request.params).userId);
    return reply.status(204).send();
  });

  app.get('/api/v1/friend-requests', async (request) => ({ requests: await contacts.listRequests(await authenticate(request)) }));
  app.post('/api/v1/friend-requests', async (request, reply) => {
    const auth = await authenticate(request);
    const body = parse(friendRequestCreate, request.body);
    return reply.status(201).send(await contacts.sendRequest(auth, body.toUserId, body.greeting));
  });
  app.post('/api/v1/friend-requests/:id/answer', async (request) =>
    contacts.answerRequest(await authenticate(request), parse(requestParams, request.params).id, parse(friendRequestAnswer, request.body).accept),
  );

  app.get('/api/v1/blocks', async (request) => ({ userIds: await contacts.listBlocked(await authenticate(request)) }));
  app.put('/api/v1/blocks/:userId', async (request, reply) => {
    await contacts.setBlocked(await authenticate(request), parse(userParams, request.params).userId, true);
    return reply.status(204).send();
  });
  app.delete('/api/v1/blocks/:userId', async (request, reply) => {
    await contacts.setBlocked(await authenticate(request), parse(userParams, request.params).userId, false);
    return reply.status(204).send();
  });
}
