import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Authenticate } from '../../platform/auth-hook';
import { parse } from '../../platform/validation';
import type { TimelineService } from './timeline.service';

const syncQuery = z.object({
  cursor: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});

/** Timeline sync over REST, for clients that poll instead of holding a WebSocket. */
export function registerSyncRoutes(app: FastifyInstance, timeline: TimelineService, authenticate: Authenticate): void {
  app.get('/api/v1/sync', async (request) => {
    const auth = await authenticate(request);
    const { cursor, limit } = parse(syncQuery, request.query);
    const events = await timeline.read(auth.userId, cursor, limit + 1);
    const page = events.slice(0, limit);
    return { events: page, more: events.length > limit, cursor: page.at(-1)?.seq ?? cursor };
  });
}
