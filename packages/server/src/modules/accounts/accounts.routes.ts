import {
  changePasswordRequest,
  loginRequest,
  registerRequest,
  renameSessionRequest,
  updateProfileRequest,
} from '@tessera/protocol';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parse } from '../../platform/validation';
import type { Authenticate } from '../../platform/auth-hook';
import type { AccountsService } from './accounts.service';

const sessionParams = z.object({ id: z.string().min(1).max(64) });
const revokeAllQuery = z.object({ keepCurrent: z.enum(['true', 'false']).default('false') });

/**
 * Registration, sign-in, sessions and the signed-in user's own profile. Routes that need a
 * session authenticate before reading the body, so a caller without one always gets 401.
 */
export function registerAccountRoutes(app: FastifyInstance, accounts: AccountsService, authenticate: Authenticate): void {
  app.post('/api/v1/accounts', async (request, reply) => {
    const signedIn = await accounts.register(parse(registerRequest, request.body), request.ip);
    return reply.status(201).send(signedIn);
  });

  app.post('/api/v1/sessions', async (request) => accounts.login(parse(loginRequest, request.body), request.ip));

  app.get('/api/v1/sessions', async (request) => ({ sessions: await accounts.listSessions(await authenticate(request)) }));

  app.patch('/api/v1/sessions/:id', async (request, reply) => {
    const auth = await authenticate(request);
    await accounts.renameSession(auth, parse(sessionParams, request.params).id, parse(renameSessionRequest, request.body).deviceName);
    return reply.status(204).send();
  });

  app.delete('/api/v1/sessions/current', async (request, reply) => {
    const auth = await authenticate(request);
    await accounts.revokeSession(auth, auth.sessionId);
    return reply.status(204).send();
  });

  app.delete('/api/v1/sessions/:id', async (request, reply) => {
    await accounts.revokeSession(await authenticate(request), parse(sessionParams, request.params).id);
    return reply.status(204).send();
  });

  app.delete('/api/v1/sessions', async (request) => {
    const auth = await authenticate(request);
    const { keepCurrent } = parse(revokeAllQuery, request.query);
    return { revoked: await accounts.revokeAll(auth, keepCurrent === 'true') };
  });

  app.get('/api/v1/me', async (request) => accounts.me(await authenticate(request)));

  app.patch('/api/v1/me', async (request) =>
    accounts.updateProfile(await authenticate(request), parse(updateProfileRequest, request.body)),
  );

  app.post('/api/v1/me/password', async (request, reply) => {
    const auth = await authenticate(request);
    const body = parse(changePasswordRequest, request.body);
    await accounts.changePassword(auth, body.currentPassword, body.newPassword);
    return reply.status(204).send();
  });
}
