import type { Profile } from '@tessera/protocol';
import { useEffect, useState } from 'react';
import { useAppState, useClient } from '../../app-context';
import { useT } from '../../i18n/i18n';
import { goBack, navigate } from '../../lib/router';
import { Avatar } from '../../ui/avatar';
import { Cell, CellGroup, SwitchCell } from '../../ui/cells';
import { errorMessage } from '../../ui/error-message';
import { Header } from '../../ui/header';
import { Confirm } from '../../ui/sheet';
import { ErrorState, Loading } from '../../ui/states';

/** Someone's profile: remark, message, block and delete for contacts; add for others. */
export function ContactProfileScreen({ userId }: { userId: string }) {
  const t = useT();
  const client = useClient();
  const contact = useAppState((state) => state.contacts.get(userId));
  const known = useAppState((state) => state.profiles.get(userId));
  const blocked = useAppState((state) => state.blocked.has(userId));
  const selfId = useAppState((state) => state.self?.id ?? client.userId);
  const directId = useAppState((state) => state.directIds.get(userId));
  const [fetched, setFetched] = useState<Profile | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [remark, setRemark] = useState(contact?.remark ?? '');
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [requested, setRequested] = useState(false);
  const profile = contact?.profile ?? known ?? fetched;

  useEffect(() => {
    if (contact || known) return;
    client.rest.user(userId).then(setFetched, (caught: unknown) => setLoadError(errorMessage(caught, t)));
  }, [client, contact, known, userId, t]);

  useEffect(() => setRemark(contact?.remark ?? ''), [contact?.remark]);

  const run = (task: () => Promise<void>): Promise<void> => {
    setError(null);
    return task().catch((caught: unknown) => setError(errorMessage(caught, t)));
  };

  if (!profile) {
    return (
      <div className="screen">
        <Header title={t('contacts.profile')} back="/contacts" />
        {loadError ? <ErrorState message={loadError} /> : <Loading />}
      </div>
    );
  }
  const name = contact?.remark || profile.nickname || profile.handle;
  return (
    <div className="screen">
      <Header title={t('contacts.profile')} back="/contacts" />
      <div className="scroll">
        <div className="profile-card">
          <Avatar name={name} seed={userId} mediaId={profile.avatarMediaId} size={64} />
          <div>
            <h2 className="profile-name">{name}</h2>
            {contact?.remark ? <div className="profile-meta">{profile.nickname}</div> : null}
            <div className="profile-meta">{t('contacts.tesseraId', { handle: profile.handle })}</div>
            {profile.region ? <div className="profile-meta">{t('contacts.region', { region: profile.region })}</div> : null}
          </div>
        </div>
        {profile.bio ? (
          <CellGroup>
            <Cell label={t('profile.bio')} value={profile.bio} />
          </CellGroup>
        ) : null}
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        {userId === selfId ? null : contact ? (
          <>
            <CellGroup>
              <form
                className="cell cell-form"
                onSubmit={(event) => {
                  event.preventDefault();
                  run(() => client.people.setRemark(userId, remark.trim()));
                }}
              >
                <label className="cell-label" htmlFor="remark">
                  {t('contacts.remark')}
                </label>
                <input id="remark" className="cell-input" value={remark} maxLength={32} placeholder={t('contacts.remarkPlaceholder')} onChange={(event) => setRemark(event.target.value)} />
                {remark.trim() !== contact.remark ? (
                  <button type="submit" className="text-button">
                    {t('common.save')}
                  </button>
                ) : null}
              </form>
            </CellGroup>
            <CellGroup>
              <SwitchCell label={t('contacts.block')} checked={blocked} onChange={(value) => run(() => client.people.setBlocked(userId, value))} />
            </CellGroup>
            <div className="profile-actions">
              {directId ? (
                <button type="button" className="button button-primary" onClick={() => navigate(`/chats/${directId}`)}>
                  {t('contacts.sendMessage')}
                </button>
              ) : null}
              <button type="button" className="button button-danger" onClick={() => setConfirmDelete(true)}>
                {t('contacts.delete')}
              </button>
            </div>
          </>
        ) : (
          <div className="profile-actions">
            {requested ? (
              <p className="hint" role="status">
                {t('contacts.requestSent')}
              </p>
            ) : (
              <button type="button" className="button button-primary" onClick={() => run(async () => {
                await client.people.sendFriendRequest(userId, '');
                setRequested(true);
              })}>
                {t('contacts.sendRequest')}
              </button>
            )}
            <CellGroup>
              <SwitchCell label={t('contacts.block')} checked={blocked} onChange={(value) => run(() => client.people.setBlocked(userId, value))} />
            </CellGroup>
          </div>
        )}
      </div>
      {confirmDelete ? (
        <Confirm
          message={t('contacts.deleteConfirm', { name })}
          confirmLabel={t('contacts.delete')}
          danger
          onClose={() => setConfirmDelete(false)}
          onConfirm={() => run(async () => {
            await client.people.removeContact(userId);
            goBack('/contacts');
          })}
        />
      ) : null}
    </div>
  );
}
