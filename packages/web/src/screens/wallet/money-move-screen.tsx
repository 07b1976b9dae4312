import { useState, type FormEvent } from 'react';
import { useClient } from '../../app-context';
import { useT } from '../../i18n/i18n';
import { newIdempotencyKey } from '../../lib/ids';
import { formatFen, formatMoney, parseYuan } from '../../lib/money';
import { errorMessage } from '../../ui/error-message';
import { FormStatus, type FormStatusValue } from '../../ui/form-status';
import { Header } from '../../ui/header';
import { ErrorState, Loading } from '../../ui/states';
import { PaySheet } from '../pay/pay-sheet';
import { useWallet } from '../pay/use-wallet';

/**
 * Tops the wallet up (no password: money comes in) or withdraws (payment password). A top-up keeps
 * its idempotency key until it succeeds or the amount changes, so pressing again after a lost
 * answer cannot add the money twice.
 */
export function MoneyMoveScreen({ direction }: { direction: 'top_up' | 'withdraw' }) {
  const t = useT();
  const client = useClient();
  const { wallet, error, reload } = useWallet(t);
  const [amountText, setAmountText] = useState('');
  const [status, setStatus] = useState<FormStatusValue | null>(null);
  const [busy, setBusy] = useState(false);
  const [topUpKey, setTopUpKey] = useState(newIdempotencyKey);
  const [confirming, setConfirming] = useState<number | null>(null);
  const title = t(direction === 'top_up' ? 'wallet.topUp' : 'wallet.withdraw');

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = parseYuan(amountText);
    if (!parsed.ok) {
      setStatus({ kind: 'error', text: errorMessage({ code: parsed.code }, t) });
      return;
    }
    setStatus(null);
    if (direction === 'withdraw') {
      setConfirming(parsed.fen);
      return;
    }
    setBusy(true);
    try {
      await client.pay.topUp(parsed.fen, topUpKey);
      setTopUpKey(newIdempotencyKey());
      setAmountText('');
      setStatus({ kind: 'saved', text: t('wallet.topUpDone', { amount: formatMoney(parsed.fen) }) });
    } catch (caught) {
      setStatus({ kind: 'error', text: errorMessage(caught, t) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="screen">
      <Header title={title} back="/me/wallet" />
      <div className="scroll padded">
        {!wallet ? (
          error ? (
            <ErrorState message={error} onRetry={reload} />
          ) : (
            <Loading />
          )
        ) : (
          <form className="form" onSubmit={(event) => void submit(event)} noValidate>
            <label className="field">
              <span>{t('wallet.amount')}</span>
              <input
                className="amount-input"
                name="amount"
                inputMode="decimal"
                autoComplete="off"
                placeholder="0.00"
                value={amountText}
                onChange={(event) => {
                  setAmountText(event.target.value);
                  // A different amount is a different top-up.
                  if (direction === 'top_up') setTopUpKey(newIdempotencyKey());
                }}
              />
            </label>
            <p className="hint">
              {t('wallet.available', { amount: formatMoney(wallet.balance, wallet.currency) })}
              {wallet.testMoney ? <span className="test-money">{t('wallet.testMoney')}</span> : null}
            </p>
            {direction === 'top_up' && wallet.testMoney ? <p className="hint">{t('wallet.topUpHint')}</p> : null}
            {direction === 'withdraw' && wallet.balance > 0 ? (
              <button type="button" className="link-button align-start" onClick={() => setAmountText(formatFen(wallet.balance))}>
                {t('wallet.withdrawAll')}
              </button>
            ) : null}
            <FormStatus status={status} />
            <button type="submit" className="button button-primary" disabled={busy}>
              {busy ? t('paySheet.paying') : title}
            </button>
          </form>
        )}
      </div>
      {confirming !== null ? (
        <PaySheet
          title={t('wallet.withdraw')}
          amount={confirming}
          testMoney={wallet?.testMoney ?? false}
          pay={(paymentPassword, idempotencyKey) => client.pay.withdraw(confirming, paymentPassword, idempotencyKey)}
          onClose={() => setConfirming(null)}
          onPaid={(result) => {
            setConfirming(null);
            setAmountText('');
            const amount = formatMoney(confirming);
            const withdrawal = result.withdrawal;
            if (withdrawal?.status === 'failed') setStatus({ kind: 'error', text: t('wallet.withdrawRefused', { amount, reason: withdrawal.failure ?? '' }) });
            else if (withdrawal?.status === 'pending') setStatus({ kind: 'saved', text: t('wallet.withdrawPending', { amount }) });
            else setStatus({ kind: 'saved', text: t('wallet.withdrawDone', { amount }) });
          }}
        />
      ) : null}
    </div>
  );
}
