import type { FormEvent } from 'react';
import { useClient } from '../../app-context';
import { useT } from '../../i18n/i18n';
import { Header } from '../../ui/header';
import { FormStatus, useFormSave } from '../../ui/form-status';

/** Changes the password; the server logs the other devices out. */
export function PasswordScreen() {
  const t = useT();
  const client = useClient();
  const { status, setStatus, busy, save } = useFormSave(t);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const current = String(form.get('current') ?? '');
    const next = String(form.get('next') ?? '');
    if (next !== String(form.get('repeat') ?? '')) {
      setStatus({ kind: 'error', text: t('password.mismatch') });
      return;
    }
    await save(async () => {
      await client.rest.changePassword(current, next);
      formElement.reset();
    }, t('password.changed'));
  }

  return (
    <div className="screen">
      <Header title={t('me.password')} back="/me" />
      <div className="scroll padded">
        <form className="form" onSubmit={(event) => void submit(event)}>
          <label className="field">
            <span>{t('password.current')}</span>
            <input name="current" type="password" autoComplete="current-password" required />
          </label>
          <div className="field">
            <label htmlFor="new-password">{t('password.new')}</label>
            <input id="new-password" name="next" type="password" autoComplete="new-password" required minLength={8} aria-describedby="new-password-hint" />
            <small id="new-password-hint">{t('auth.passwordHint')}</small>
          </div>
          <label className="field">
            <span>{t('password.repeat')}</span>
            <input name="repeat" type="password" autoComplete="new-password" required minLength={8} />
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
