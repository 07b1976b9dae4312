import type { FormEvent } from 'react';
import { useClient } from '../../app-context';
import { useT } from '../../i18n/i18n';
import { FormStatus, useFormSave } from '../../ui/form-status';
import { Header } from '../../ui/header';
import { Loading } from '../../ui/states';
import { useWallet } from '../pay/use-wallet';

const sixDigits = /^[0-9]{6}$/;

/** Sets the six-digit payment password, or resets it (lifting a lock), confirmed with the login password. */
export function PaymentPasswordScreen() {
  const t = useT();
  const client = useClient();
  const { wallet } = useWallet(t);
  const { status, setStatus, busy, save } = useFormSave(t);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const loginPassword = String(form.get('login') ?? '');
    const next = String(form.get('next') ?? '');
    if (!sixDigits.test(next)) {
      setStatus({ kind: 'error', text: t('payPassword.format') });
      return;
    }
    if (next !== String(form.get('repeat') ?? '')) {
      setStatus({ kind: 'error', text: t('payPassword.mismatch') });
      return;
    }
    await save(async () => {
      await client.pay.setPaymentPassword(next, loginPassword);
      formElement.reset();
    }, t('payPassword.saved'));
  }

  const title = wallet?.hasPaymentPassword ? t('payPassword.reset') : t('payPassword.setUp');
  return (
    <div className="screen">
      <Header title={wallet ? title : t('wallet.paymentPassword')} back="/me/wallet" />
      <div className="scroll padded">
        {!wallet ? <Loading /> : null}
        <form className="form" onSubmit={(event) => void submit(event)} noValidate>
          <div className="field">
            <label htmlFor="login-password">{t('payPassword.loginPassword')}</label>
            <input id="login-password" name="login" type="password" autoComplete="current-password" required aria-describedby="login-password-hint" />
            <small id="login-password-hint">{t('payPassword.loginHint')}</small>
          </div>
          <label className="field">
            <span>{t('payPassword.new')}</span>
            <input name="next" type="password" inputMode="numeric" autoComplete="off" pattern="[0-9]{6}" maxLength={6} required />
          </label>
          <label className="field">
            <span>{t('payPassword.repeat')}</span>
            <input name="repeat" type="password" inputMode="numeric" autoComplete="off" pattern="[0-9]{6}" maxLength={6} required />
          </label>
          <FormStatus status={status} />
          <button type="submit" className="button button-primary" disabled={busy}>
            {t('common.save')}
          </button>
        </form>
      </div>
    </div>
  );
}
