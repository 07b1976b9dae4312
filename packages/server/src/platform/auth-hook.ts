import type { FastifyRequest } from 'fastify';
import { bearerToken } from './http';

export interface RequestAuth {
  userId: string;
  sessionId: string;
}

/** Establishes who sent a request, or throws `unauthenticated` / `session_revoked`. */
export type Authenticate = (request: FastifyRequest) => Promise<RequestAuth>;

export function createAuthenticate(resolve: (token: string | undefined) => Promise<RequestAuth>): Authenticate {
  return (request) => resolve(bearerToken(request));
}
