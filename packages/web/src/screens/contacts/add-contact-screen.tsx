import type { Profile } from '@tessera/protocol';
import { useState, type FormEvent } from 'react';
import { useAppState, useClient } from '../../app-context';
import { useT } from '../../i18n/i18n';
import { navigate } from '../../lib/router';
import { Avatar } from '../../ui/avatar';
import { errorMessage } from '../../ui/error-message';
import { Header } from '../../ui/header';

/** Finds someone by Tessera ID or phone and sends them a friend request. */
export function AddContactScreen() {
  const t = useT();
  const client = useClient();
  const self = useAppState((state) => state.self);
  const contacts = useAppState((state) => state.contacts);
  const [found, setFound] = useState<Profile | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);
  const [greeting, setGreeting] = useState('');

  async function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const query = String(new FormData(event.currentTarget).get('query') ?? '').trim();
    if (!query) return;
    setBusy(true);
    setError(null);
    setFound(null);
    setSent(false);
    try {
      const { user } = await client.people.search(query);
      setFound(user);
      setGreeting(t('contacts.greetingDefault', { name: self?.nickname || self?.handle || '' }));
    } catch (caught) {
      setError(errorMessage(caught, t));
    } finally {
      setBusy(false);
    }
  }

  async function request() {
    if (!found) return;
    setBusy(true);
    setError(null);
    try {
      await client.people.sendFriendRequest(found.id, greeting.slice(0, 100));
      setSent(true);
    } catch (caught) {
      setError(errorMessage(caught, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="screen">
      <Header title={t('contacts.add')} back="/contacts" />
      <div className="scroll padded">
        <form className="search-form" onSubmit={(event) => void search(event)}>
          <input name="query" aria-label={t('contacts.searchLabel')} placeholder={t('contacts.searchLabel')} autoFocus autoComplete="off" />
          <button type="submit" className="button button-primary" disabled={busy}>
            {t('contacts.searchButton')}
          </button>
        </form>
        {self ? <p className="hint">{t('me.handle', { handle: self.handle })}</p> : null}
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        {found ? (
          <div className="card found-user">
            <div className="profile-head">
              <Avatar name={found.nickname || found.handle} seed={found.id} mediaId={found.avatarMediaId} size={56} />
              <div>
                <div className="profile-name">{found.nickname || found.handle}</div>
                <div className="profile-meta">{t('contacts.tesseraId', { handle: found.handle })}</div>
              </div>
            </div>
            {found.id === self?.id ? (
              <p className="hint">{t('contacts.self')}</p>
            ) : contacts.has(found.id) ? (
              <button type="button" className="button button-primary" onClick={() => navigate(`/contacts/user/${found.id}`)}>
                {t('contacts.profile')}
              </button>
            ) : sent ? (
              <p className="hint" role="status">
                {t('contacts.requestSent')}
              </p>
            ) : (
              <>
                <label className="field">
                  <span>{t('contacts.greeting')}</span>
                  <input value={greeting} maxLength={100} onChange={(event) => setGreeting(event.target.value)} />
                </label>
                <button type="button" className="button button-primary" disabled={busy} onClick={() => void request()}>
                  {t('contacts.sendRequest')}
                </button>
              </>
            )}
          </div>
        ) : null}
      </div>
    </div>
  );
}
