import { useEffect, useRef, useState } from 'react';
import { useClient } from '../../app-context';
import { useT } from '../../i18n/i18n';
import { newIdempotencyKey } from '../../lib/ids';
import { formatMoney } from '../../lib/money';
import { navigate } from '../../lib/router';
import { errorMessage } from '../../ui/error-message';
import { Icon } from '../../ui/icons';
import { Modal } from '../../ui/sheet';

const digitCount = 6;

function codeOf(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
}

/**
 * The payment-password sheet the app draws itself before any money leaves the wallet: six
 * boxes over one numeric input. The idempotency key is made when the sheet opens, once per
 * confirmation, so retrying after a lost answer cannot pay twice.
 */
export function PaySheet<Result>({
  title,
  amount,
  testMoney,
  pay,
  onClose,
  onPaid,
}: {
  title: string;
  amount: number;
  testMoney: boolean;
  pay: (paymentPassword: string, idempotencyKey: string) => Promise<Result>;
  onClose: () => void;
  /** Gets what `pay` answered. */
  onPaid: (result: Result) => void;
}) {
  const t = useT();
  const client = useClient();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [digits, setDigits] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ code: string; text: string } | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const live = useRef(true);
  useEffect(
    () => () => {
      live.current = false;
    },
    [],
  );
  // The input is disabled while paying; hand it focus back for the next try.
  useEffect(() => {
    if (!busy) input.current?.focus();
  }, [busy]);

  async function submit(password: string) {
    setBusy(true);
    setError(null);
    try {
      const result = await pay(password, idempotencyKey);
      if (live.current) onPaid(result);
    } catch (caught) {
      if (!live.current) return;
      const code = codeOf(caught);
      setError({ code, text: errorMessage(caught, t) });
      // A wrong try may have locked the password; the wallet screen shows until when.
      if (code.startsWith('payment_password')) void client.pay.loadWallet().catch(() => undefined);
      // A wrong password is typed again; after a lost answer the same digits are retried as they are.
      if (code !== 'network' && code !== 'funding_failed' && code !== 'internal_error') setDigits('');
    } finally {
      if (live.current) setBusy(false);
    }
  }

  const retryable = error && (error.code === 'network' || error.code === 'funding_failed' || error.code === 'internal_error') && digits.length === digitCount;
  const needsPassword = error?.code === 'payment_password_not_set' || error?.code === 'payment_password_locked';

  return (
    <Modal label={t('paySheet.title')} onClose={busy ? () => undefined : onClose} className="sheet pay-sheet">
      <div className="pay-sheet-head">
        <button type="button" className="icon-button" aria-label={t('common.close')} onClick={onClose} disabled={busy}>
          <Icon name="close" />
        </button>
        <h2>{t('paySheet.title')}</h2>
      </div>
      <p className="pay-sheet-what">{title}</p>
      <p className="pay-sheet-amount">
        {formatMoney(amount)}
        {testMoney ? <span className="test-money">{t('wallet.testMoney')}</span> : null}
      </p>
      <label className="pay-digits" aria-busy={busy}>
        <span className="visually-hidden">{t('paySheet.digits')}</span>
        <input
          ref={input}
          className="pay-digits-input"
          type="password"
          inputMode="numeric"
          autoComplete="off"
          pattern="[0-9]*"
          maxLength={digitCount}
          value={digits}
          disabled={busy}
          autoFocus
          onChange={(event) => {
            const next = event.target.value.replace(/[^0-9]/g, '').slice(0, digitCount);
            setDigits(next);
            if (next.length === digitCount && !busy) void submit(next);
          }}
        />
        {Array.from({ length: digitCount }, (_, index) => (
          <span key={index} className={index === digits.length ? 'pay-digit pay-digit-current' : 'pay-digit'} aria-hidden="true">
            {index < digits.length ? '•' : ''}
          </span>
        ))}
      </label>
      {busy ? (
        <p className="pay-sheet-status" role="status">
          <span className="spinner spinner-small" aria-hidden="true" /> {t('paySheet.paying')}
        </p>
      ) : null}
      {error ? (
        <p className="form-error" role="alert">
          {error.text}
        </p>
      ) : null}
      <div className="pay-sheet-links">
        {retryable ? (
          <button type="button" className="button button-primary button-small" onClick={() => void submit(digits)}>
            {t('common.retry')}
          </button>
        ) : null}
        {needsPassword ? (
          <button type="button" className="button button-primary button-small" onClick={() => navigate('/me/wallet/payment-password')}>
            {error?.code === 'payment_password_not_set' ? t('payPassword.setUp') : t('payPassword.reset')}
          </button>
        ) : (
          <button type="button" className="link-button" onClick={() => navigate('/me/wallet/payment-password')}>
            {t('paySheet.forgot')}
          </button>
        )}
      </div>
    </Modal>
  );
}
