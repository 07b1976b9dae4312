import { setPaymentPasswordRequest, statementQuery, summaryQuery, topUpRequest, withdrawRequest } from '@tessera/protocol';
import type { FastifyInstance } from 'fastify';
import type { Authenticate } from '../../platform/auth-hook';
import { parse } from '../../platform/validation';
import type { FundingService } from './funding.service';
import type { StatementService } from './statement.service';
import type { WalletService } from './wallet.service';

export interface WalletRouteServices {
  wallet: WalletService;
  funding: FundingService;
  statements: StatementService;
}

/** The signed-in user's wallet: balance, payment password, top-ups, withdrawals, statement, monthly summary. */
export function registerWalletRoutes(app: FastifyInstance, services: WalletRouteServices, authenticate: Authenticate): void {
  app.get('/api/v1/wallet', async (request) => services.statements.wallet((await authenticate(request)).userId));

  app.put('/api/v1/wallet/payment-password', async (request) => {
    const { userId } = await authenticate(request);
    const body = parse(setPaymentPasswordRequest, request.body);
    return services.wallet.setPaymentPassword(userId, body.newPassword, body.loginPassword);
  });

  app.post('/api/v1/wallet/top-ups', async (request) => {
    const { userId } = await authenticate(request);
    return services.funding.topUp(userId, parse(topUpRequest, request.body));
  });

  app.post('/api/v1/wallet/withdrawals', async (request) => {
    const { userId } = await authenticate(request);
    return services.funding.withdraw(userId, parse(withdrawRequest, request.body));
  });

  app.get('/api/v1/wallet/statement', async (request) => {
    const { userId } = await authenticate(request);
    return services.statements.statement(userId, parse(statementQuery, request.query));
  });

  app.get('/api/v1/wallet/summary', async (request) => {
    const { userId } = await authenticate(request);
    return services.statements.summary(userId, parse(summaryQuery, request.query).month);
  });
}
