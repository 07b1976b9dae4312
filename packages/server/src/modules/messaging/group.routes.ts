import { groupAdmin, groupCreate, groupMembersAdd, groupTransfer, groupUpdate, id } from '@tessera/protocol';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Authenticate } from '../../platform/auth-hook';
import { parse } from '../../platform/validation';
import type { GroupService } from './group.service';

const groupParams = z.object({ id });
const memberParams = z.object({ id, userId: id });

/** Group management over REST. Mute and pin are per-user settings at PATCH /api/v1/conversations/:id/settings. */
export function registerGroupRoutes(app: FastifyInstance, groups: GroupService, authenticate: Authenticate): void {
  app.post('/api/v1/groups', async (request, reply) => {
    const auth = await authenticate(request);
    return reply.status(201).send(await groups.create(auth, parse(groupCreate, request.body)));
  });

  app.patch('/api/v1/groups/:id', async (request) =>
    groups.update(await authenticate(request), parse(groupParams, request.params).id, parse(groupUpdate, request.body)),
  );

  app.post('/api/v1/groups/:id/members', async (request) =>
    groups.addMembers(await authenticate(request), parse(groupParams, request.params).id, parse(groupMembersAdd, request.body).userIds),
  );

  app.delete('/api/v1/groups/:id/members/:userId', async (request) => {
    const auth = await authenticate(request);
    const params = parse(memberParams, request.params);
    return groups.removeMember(auth, params.id, params.userId);
  });

  app.post('/api/v1/groups/:id/leave', async (request, reply) => {
    await groups.leave(await authenticate(request), parse(groupParams, request.params).id);
    return reply.status(204).send();
  });

  app.post('/api/v1/groups/:id/transfer', async (request) =>
    groups.transfer(await authenticate(request), parse(groupParams, request.params).id, parse(groupTransfer, request.body).toUserId),
  );

  app.put('/api/v1/groups/:id/admins/:userId', async (request) => {
    const auth = await authenticate(request);
    const params = parse(memberParams, request.params);
    return groups.setAdmin(auth, params.id, params.userId, parse(groupAdmin, request.body).admin);
  });
}
