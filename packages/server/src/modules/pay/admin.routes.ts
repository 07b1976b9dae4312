import { createHash, timingSafeEqual } from 'node:crypto';
import { auditQuery, operatorAdjustmentRequest } from '@tessera/protocol';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors';
import { bearerToken } from '../../platform/http';
import { parse } from '../../platform/validation';
import type { OperatorService } from './operator.service';
import { payErrors } from './pay.errors';

/** Who the audit log names for adjustments made through the admin endpoints. */
export const adminApiActor = 'admin-api';

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/**
 * Admits a request bearing the operator token. Both sides are hashed to equal lengths and compared
 * in constant time, so the answer's timing says nothing about the token. With no token configured
 * the admin endpoints do not exist.
 */
export function checkAdminToken(request: FastifyRequest, adminToken: string | undefined): void {
  if (adminToken === undefined) throw new AppError('not_found', `No route for ${request.method} ${request.url.split('?')[0]}`);
  const presented = bearerToken(request);
  if (presented === undefined || !timingSafeEqual(digest(presented), digest(adminToken))) throw payErrors.operatorUnauthorized();
}

/** The operator's endpoints: wallet adjustments and the audit log. */
export function registerAdminRoutes(app: FastifyInstance, operator: OperatorService, adminToken: string | undefined): void {
  app.post('/api/v1/admin/wallet/adjustments', async (request) => {
    checkAdminToken(request, adminToken);
    return operator.adjust(adminApiActor, parse(operatorAdjustmentRequest, request.body));
  });

  app.get('/api/v1/admin/audit', async (request) => {
    checkAdminToken(request, adminToken);
    return { entries: await operator.audit(parse(auditQuery, request.query).limit) };
  });
}
