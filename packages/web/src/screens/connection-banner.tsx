import { useAppState } from '../app-context';
import { useT } from '../i18n/i18n';

/** "Chats", or "Connecting…"/"Receiving…" while the socket opens or syncs, as WeChat's title does. */
export function ConnectionTitle({ title }: { title: string }) {
  const t = useT();
  const status = useAppState((state) => state.status);
  if (status === 'connecting') return <>{t('common.connecting')}</>;
  if (status === 'syncing') return <>{t('common.syncing')}</>;
  return <>{title}</>;
}

/** A warning strip while the app cannot reach the server. */
export function ConnectionBanner() {
  const t = useT();
  const status = useAppState((state) => state.status);
  const ready = useAppState((state) => state.ready);
  if (!ready || status !== 'offline') return null;
  return (
    <div className="banner" role="status">
      {t('common.offline')}
    </div>
  );
}
