import { useState, type FormEvent } from 'react';
import { RestClient, type SignedIn } from '../../api/rest-client';
import { useT } from '../../i18n/i18n';
import { deviceName } from '../../lib/ids';
import { errorMessage } from '../../ui/error-message';
import { LanguageSwitch } from '../me/language-switch';

const rest = new RestClient();

/** Sign in with a Tessera ID or phone and password, or create an account. */
export function AuthScreen({ onSignedIn, notice }: { onSignedIn: (signedIn: SignedIn) => void; notice: string | null }) {
  const t = useT();
  const [mode, setMode] = useState<'signIn' | 'signUp'>('signIn');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(notice ? errorMessage({ code: notice }, t) : null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const field = (name: string) => String(form.get(name) ?? '').trim();
    setBusy(true);
    setError(null);
    try {
      const signedIn =
        mode === 'signIn'
          ? await rest.login({ login: field('login'), password: String(form.get('password') ?? ''), deviceName: deviceName() })
          : await rest.register({
              handle: field('handle'),
              password: String(form.get('password') ?? ''),
              ...(field('nickname') ? { nickname: field('nickname') } : {}),
              ...(field('phone') ? { phone: field('phone') } : {}),
              deviceName: deviceName(),
            });
      onSignedIn(signedIn);
    } catch (caught) {
      setError(errorMessage(caught, t));
      setBusy(false);
    }
  }

  return (
    <main className="auth">
      <div className="auth-card">
        <img className="auth-logo" src="/icons/icon-192.png" alt="" width={72} height={72} />
        <h1 className="auth-title">{mode === 'signIn' ? t('auth.signIn') : t('auth.signUp')}</h1>
        <p className="auth-tagline">{t('auth.tagline')}</p>
        <form className="form" onSubmit={(event) => void submit(event)} key={mode}>
          {mode === 'signIn' ? (
            <label className="field">
              <span>{t('auth.login')}</span>
              <input name="login" autoComplete="username" required autoFocus />
            </label>
          ) : (
            <>
              <div className="field">
                <label htmlFor="handle">{t('auth.handle')}</label>
                <input id="handle" name="handle" autoComplete="username" required pattern="[A-Za-z][A-Za-z0-9_\-]{5,19}" title={t('auth.handleHint')} aria-describedby="handle-hint" autoFocus />
                <small id="handle-hint">{t('auth.handleHint')}</small>
              </div>
              <label className="field">
                <span>{t('auth.nickname')}</span>
                <input name="nickname" autoComplete="nickname" maxLength={32} />
              </label>
              <label className="field">
                <span>{t('auth.phone')}</span>
                <input name="phone" type="tel" autoComplete="tel" pattern="\+[1-9][0-9]{6,14}" title={t('auth.phoneHint')} placeholder="+8613800138000" />
              </label>
            </>
          )}
          <div className="field">
            <label htmlFor="password">{t('auth.password')}</label>
            <input
              id="password"
              name="password"
              type="password"
              autoComplete={mode === 'signIn' ? 'current-password' : 'new-password'}
              required
              minLength={mode === 'signUp' ? 8 : 1}
              {...(mode === 'signUp' ? { 'aria-describedby': 'password-hint' } : {})}
            />
            {mode === 'signUp' ? <small id="password-hint">{t('auth.passwordHint')}</small> : null}
          </div>
          {error ? (
            <p className="form-error" role="alert">
              {error}
            </p>
          ) : null}
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('auth.working') : mode === 'signIn' ? t('auth.signIn') : t('auth.signUp')}
          </button>
        </form>
        <button
          type="button"
          className="link-button"
          onClick={() => {
            setMode(mode === 'signIn' ? 'signUp' : 'signIn');
            setError(null);
          }}
        >
          {mode === 'signIn' ? t('auth.noAccount') : t('auth.haveAccount')}
        </button>
        <LanguageSwitch compact />
      </div>
    </main>
  );
}
