import type { Session } from '@tessera/protocol';
import { useCallback, useEffect, useState } from 'react';
import { useClient } from '../../app-context';
import { formatDateTime, useT } from '../../i18n/i18n';
import { errorMessage } from '../../ui/error-message';
import { Header } from '../../ui/header';
import { Confirm } from '../../ui/sheet';
import { ErrorState, Loading } from '../../ui/states';

/** The devices signed in to the account, with a way to log any other one out. */
export function DevicesScreen() {
  const t = useT();
  const client = useClient();
  const [sessions, setSessions] = useState<Session[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<Session | null>(null);

  const load = useCallback(() => {
    setError(null);
    client.rest.sessions().then(
      (result) => setSessions(result.sessions),
      (caught: unknown) => setError(errorMessage(caught, t)),
    );
  }, [client, t]);
  useEffect(load, [load]);

  return (
    <div className="screen">
      <Header title={t('me.devices')} back="/me" />
      <div className="scroll">
        {error ? (
          <ErrorState message={error} onRetry={load} />
        ) : !sessions ? (
          <Loading />
        ) : (
          <ul className="device-list" aria-label={t('me.devices')}>
            {[...sessions]
              .sort((a, b) => Number(b.current) - Number(a.current) || b.lastSeenAt.localeCompare(a.lastSeenAt))
              .map((session) => (
                <li key={session.id} className="device-row">
                  <span className="device-text">
                    <span className="device-name">
                      {session.deviceName}
                      {session.current ? <span className="tag">{t('devices.current')}</span> : null}
                    </span>
                    <span className="device-meta">{t('devices.lastSeen', { time: formatDateTime(session.lastSeenAt) })}</span>
                  </span>
                  {!session.current ? (
                    <button type="button" className="button button-small button-secondary" onClick={() => setRevoking(session)}>
                      {t('devices.revoke')}
                    </button>
                  ) : null}
                </li>
              ))}
          </ul>
        )}
      </div>
      {revoking ? (
        <Confirm
          message={t('devices.revokeConfirm', { name: revoking.deviceName })}
          confirmLabel={t('devices.revoke')}
          danger
          onClose={() => setRevoking(null)}
          onConfirm={() => {
            client.rest.revokeSession(revoking.id).then(load, (caught: unknown) => setError(errorMessage(caught, t)));
          }}
        />
      ) : null}
    </div>
  );
}
