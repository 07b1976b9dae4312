import { payErrors, type FundingProvider, type FundingReceipt, type FundingRequest } from '../src/modules/pay';

/**
 * A provider whose answers to withdrawals the test writes in advance: pay out, refuse, or give no
 * answer (a timeout). Like a real one it is idempotent on the reference: asked again about a
 * withdrawal it paid out, it answers the same and pays nothing more.
 */
export class ScriptedProvider implements FundingProvider {
  readonly name = 'scripted';
  readonly testMoney = true;
  answers: ('pay' | 'refuse' | 'silent')[] = [];
  readonly asked: FundingRequest[] = [];
  readonly paidOut = new Map<string, number>();

  topUp(request: FundingRequest): Promise<FundingReceipt> {
    return Promise.resolve({ providerReference: `in-${request.reference}` });
  }

  withdraw(request: FundingRequest): Promise<FundingReceipt> {
    this.asked.push(request);
    if (this.paidOut.has(request.reference)) return Promise.resolve({ providerReference: `out-${request.reference}` });
    const answer = this.answers.shift() ?? 'pay';
    if (answer === 'refuse') return Promise.reject(payErrors.fundingFailed('the bank account is closed'));
    if (answer === 'silent') return Promise.reject(new Error('connect ETIMEDOUT'));
    this.paidOut.set(request.reference, request.amount);
    return Promise.resolve({ providerReference: `out-${request.reference}` });
  }
}
