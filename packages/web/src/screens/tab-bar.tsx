import { useAppState } from '../app-context';
import { useT } from '../i18n/i18n';
import { navigate } from '../lib/router';
import { Icon } from '../ui/icons';

export type Tab = 'chats' | 'contacts' | 'discover' | 'me';

/** The four tabs at the bottom, with the unread total on Chats and pending requests on Contacts. */
export function TabBar({ current }: { current: Tab }) {
  const t = useT();
  const unread = useAppState((state) => {
    let total = 0;
    for (const conversation of state.conversations.values()) if (!conversation.muted) total += conversation.unread;
    return total;
  });
  const pending = useAppState((state) => {
    let count = 0;
    for (const request of state.requests.values()) if (request.status === 'pending' && request.toUserId === state.self?.id) count += 1;
    return count;
  });
  const items: { tab: Tab; badge: number }[] = [
    { tab: 'chats', badge: unread },
    { tab: 'contacts', badge: pending },
    { tab: 'discover', badge: 0 },
    { tab: 'me', badge: 0 },
  ];
  return (
    <nav className="tab-bar" aria-label="Tessera">
      {items.map(({ tab, badge }) => (
        <button
          key={tab}
          type="button"
          className={tab === current ? 'tab tab-current' : 'tab'}
          aria-current={tab === current ? 'page' : undefined}
          onClick={() => navigate(`/${tab}`)}
        >
          <span className="tab-icon">
            <Icon name={tab} />
            {badge > 0 ? (
              <span className="badge tab-badge" aria-label={t('chats.unreadCount', { count: badge })}>
                {badge > 99 ? '99+' : badge}
              </span>
            ) : null}
          </span>
          <span className="tab-label">{t(`tab.${tab}`)}</span>
        </button>
      ))}
    </nav>
  );
}
