import { useState } from 'react';
import { useAppState, useClient } from '../../app-context';
import { useT } from '../../i18n/i18n';
import { navigate } from '../../lib/router';
import { Avatar } from '../../ui/avatar';
import { errorMessage } from '../../ui/error-message';
import { Header } from '../../ui/header';
import { Empty } from '../../ui/states';

/** Friend requests, newest first, with accept and decline for ones sent to the user. */
export function NewFriendsScreen() {
  const t = useT();
  const client = useClient();
  const requests = useAppState((state) => state.requests);
  const selfId = useAppState((state) => state.self?.id ?? client.userId);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const sorted = [...requests.values()].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));

  async function answer(id: string, accept: boolean) {
    setBusy(id);
    setError(null);
    try {
      await client.people.answer(id, accept);
    } catch (caught) {
      setError(errorMessage(caught, t));
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="screen">
      <Header title={t('contacts.newFriends')} back="/contacts" actions={<button type="button" className="text-button" onClick={() => navigate('/contacts/add')}>{t('contacts.add')}</button>} />
      <div className="scroll">
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        {sorted.length === 0 ? (
          <Empty icon="person" title={t('contacts.noRequests')} />
        ) : (
          <ul className="request-list" aria-label={t('contacts.requests')}>
            {sorted.map((request) => {
              const incoming = request.toUserId === selfId;
              const name = request.from.nickname || request.from.handle;
              return (
                <li key={request.id} className="request-row">
                  <Avatar name={name} seed={request.from.id} mediaId={request.from.avatarMediaId} size={44} />
                  <span className="request-text">
                    <span className="request-name">{name}</span>
                    <span className="request-greeting">{request.greeting}</span>
                  </span>
                  {request.status === 'pending' && incoming ? (
                    <span className="request-actions">
                      <button type="button" className="button button-small button-secondary" disabled={busy === request.id} onClick={() => void answer(request.id, false)}>
                        {t('contacts.decline')}
                      </button>
                      <button type="button" className="button button-small button-primary" disabled={busy === request.id} onClick={() => void answer(request.id, true)}>
                        {t('contacts.accept')}
                      </button>
                    </span>
                  ) : (
                    <span className="request-status">
                      {request.status === 'accepted' ? t('contacts.accepted') : request.status === 'declined' ? t('contacts.declined') : t('contacts.pendingOut')}
                    </span>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </div>
  );
}
