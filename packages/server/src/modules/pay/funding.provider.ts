import type { Ids } from '../../platform/clock';
import { payErrors } from './pay.errors';

/** What Tessera asks of a funding provider: move `amount` between the user's bank side and Tessera. */
export interface FundingRequest {
  userId: string;
  amount: number;
  currency: string;
  /** Tessera's own id for the movement (the ledger transfer id), so the provider can reconcile against it. */
  reference: string;
}

/** The provider's answer to a movement it carried out. */
export interface FundingReceipt {
  /** The provider's own reference for the movement, kept on the ledger transfer. */
  providerReference: string;
}

/**
 * Where money enters and leaves Tessera. The ledger books the other side of every top-up and
 * withdrawal against the provider's `funding` account, which may go negative.
 *
 * A top-up is asked inside the transaction that books it: a provider that cannot carry it out
 * throws `funding_failed` and the transaction rolls back. A withdrawal is asked outside any
 * transaction, after the money is held: `withdraw` must be idempotent on `reference` (asked again
 * with the same reference, it answers what it did the first time and pays out nothing more), because
 * a withdrawal the provider did not answer is asked again later. It throws `funding_failed` for a
 * definite refusal (the money goes back to the wallet); any other failure leaves it pending.
 */
export interface FundingProvider {
  readonly name: string;
  /** True when the provider moves test money only: wallets say so to their owners. */
  readonly testMoney: boolean;
  topUp(request: FundingRequest): Promise<FundingReceipt>;
  withdraw(request: FundingRequest): Promise<FundingReceipt>;
}

/**
 * Test money: every top-up and withdrawal succeeds at once and gets a reference of its own. No
 * bank stands behind it, and every wallet says so (`testMoney: true`).
 */
export class SandboxFundingProvider implements FundingProvider {
  readonly name = 'sandbox';
  readonly testMoney = true;

  constructor(private readonly ids: Ids) {}

  topUp(request: FundingRequest): Promise<FundingReceipt> {
    return Promise.resolve(this.receipt(request, 'in'));
  }

  withdraw(request: FundingRequest): Promise<FundingReceipt> {
    if (!Number.isSafeInteger(request.amount) || request.amount <= 0) throw payErrors.fundingFailed('The sandbox moves positive whole amounts only');
    // The same reference always gets the same answer: asking again pays out nothing more.
    return Promise.resolve({ providerReference: `sbx-out-${request.reference}` });
  }

  private receipt(request: FundingRequest, direction: 'in' | 'out'): FundingReceipt {
    if (!Number.isSafeInteger(request.amount) || request.amount <= 0) throw payErrors.fundingFailed('The sandbox moves positive whole amounts only');
    return { providerReference: `sbx-${direction}-${this.ids.next()}` };
  }
}

/** The provider the settings name. */
export function createFundingProvider(kind: 'sandbox', ids: Ids): FundingProvider {
  switch (kind) {
    case 'sandbox':
      return new SandboxFundingProvider(ids);
  }
}
