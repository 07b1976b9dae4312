import { useEffect, useState } from 'react';
import { useClient } from '../../app-context';
import { useT } from '../../i18n/i18n';
import { navigate } from '../../lib/router';
import { errorMessage } from '../../ui/error-message';
import { Header } from '../../ui/header';
import { ErrorState, Loading } from '../../ui/states';

/**
 * Where a contact link (`/u/<handle>`, the content of a QR code) lands: finds the person by their
 * Tessera ID and shows their profile in its place, from which they can be added.
 */
export function ContactLinkScreen({ handle }: { handle: string }) {
  const t = useT();
  const client = useClient();
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    setError(null);
    client.people.search(handle).then(
      ({ user }) => live && navigate(`/contacts/user/${user.id}`, { replace: true }),
      (caught: unknown) => live && setError(errorMessage(caught, t)),
    );
    return () => {
      live = false;
    };
  }, [client, handle, t, attempt]);

  return (
    <div className="screen">
      <Header title={t('contacts.profile')} back="/contacts" />
      {error ? <ErrorState message={error} onRetry={() => setAttempt(attempt + 1)} /> : <Loading />}
    </div>
  );
}
