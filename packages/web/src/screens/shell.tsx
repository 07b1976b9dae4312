import { useEffect, type ReactElement } from 'react';
import { useT } from '../i18n/i18n';
import { matchPath, navigate, usePath } from '../lib/router';
import { useMediaQuery } from '../lib/use-media-query';
import { ChatList } from './chats/chat-list';
import { ConversationScreen } from './conversation/conversation-screen';
import { ChatInfoScreen } from './groups/chat-info-screen';
import { NewGroupScreen } from './groups/new-group-screen';
import { AddContactScreen } from './contacts/add-contact-screen';
import { ContactList } from './contacts/contact-list';
import { ContactProfileScreen } from './contacts/contact-profile-screen';
import { NewFriendsScreen } from './contacts/new-friends-screen';
import { ContactLinkScreen } from './contacts/contact-link-screen';
import { GroupListScreen } from './contacts/group-list-screen';
import { DiscoverScreen } from './discover/discover-screen';
import { MeScreen } from './me/me-screen';
import { ProfileScreen } from './me/profile-screen';
import { DevicesScreen } from './me/devices-screen';
import { MyQrScreen } from './me/my-qr-screen';
import { ScanScreen } from './scan/scan-screen';
import { PasswordScreen } from './me/password-screen';
import { SettingsScreen } from './me/settings-screen';
import { TabBar, type Tab } from './tab-bar';
import { MoneyMoveScreen } from './wallet/money-move-screen';
import { PaymentPasswordScreen } from './wallet/payment-password-screen';
import { StatementScreen } from './wallet/statement-screen';
import { SummaryScreen } from './wallet/summary-screen';
import { WalletScreen } from './wallet/wallet-screen';

type Route = { pattern: string; render: (params: Record<string, string>) => ReactElement };

/** Screens that open over (phone) or beside (desktop) the tab lists. */
const detailRoutes: Route[] = [
  { pattern: '/chats/:id', render: (p) => <ConversationScreen key={p.id} conversationId={p.id!} /> },
  { pattern: '/chats/:id/info', render: (p) => <ChatInfoScreen key={p.id} conversationId={p.id!} /> },
  { pattern: '/chats/:id/invite', render: (p) => <NewGroupScreen key={`invite-${p.id}`} inviteTo={p.id!} /> },
  { pattern: '/groups/new', render: () => <NewGroupScreen /> },
  { pattern: '/contacts/new-friends', render: () => <NewFriendsScreen /> },
  { pattern: '/contacts/add', render: () => <AddContactScreen /> },
  { pattern: '/contacts/groups', render: () => <GroupListScreen /> },
  { pattern: '/contacts/user/:userId', render: (p) => <ContactProfileScreen key={p.userId} userId={p.userId!} /> },
  { pattern: '/u/:handle', render: (p) => <ContactLinkScreen key={p.handle} handle={p.handle!} /> },
  { pattern: '/scan', render: () => <ScanScreen /> },
  { pattern: '/me/qr', render: () => <MyQrScreen /> },
  { pattern: '/me/profile', render: () => <ProfileScreen /> },
  { pattern: '/me/devices', render: () => <DevicesScreen /> },
  { pattern: '/me/password', render: () => <PasswordScreen /> },
  { pattern: '/me/settings', render: () => <SettingsScreen /> },
  { pattern: '/me/wallet', render: () => <WalletScreen /> },
  { pattern: '/me/wallet/top-up', render: () => <MoneyMoveScreen key="top-up" direction="top_up" /> },
  { pattern: '/me/wallet/withdraw', render: () => <MoneyMoveScreen key="withdraw" direction="withdraw" /> },
  { pattern: '/me/wallet/statement', render: () => <StatementScreen /> },
  { pattern: '/me/wallet/summary', render: () => <SummaryScreen /> },
  { pattern: '/me/wallet/payment-password', render: () => <PaymentPasswordScreen /> },
];

const tabs: Tab[] = ['chats', 'contacts', 'discover', 'me'];

function tabOf(path: string): Tab {
  const first = path.split('/').filter(Boolean)[0];
  if (first === 'groups' || first === 'u') return 'contacts';
  return tabs.find((tab) => tab === first) ?? 'chats';
}

function TabPage({ tab }: { tab: Tab }) {
  switch (tab) {
    case 'chats':
      return <ChatList />;
    case 'contacts':
      return <ContactList />;
    case 'discover':
      return <DiscoverScreen />;
    case 'me':
      return <MeScreen />;
  }
}

/** The signed-in app: tab lists with their detail screens, one pane on phones and two on desktops. */
export function Shell() {
  const t = useT();
  const path = usePath();
  const wide = useMediaQuery('(min-width: 800px)');
  useEffect(() => {
    if (path === '/' || path === '') navigate('/chats', { replace: true });
  }, [path]);
  const tab = tabOf(path);
  let detail: ReactElement | null = null;
  for (const route of detailRoutes) {
    const params = matchPath(route.pattern, path);
    if (params) {
      detail = route.render(params);
      break;
    }
  }
  if (wide) {
    return (
      <div className="shell shell-wide">
        <aside className="pane-list">
          <div className="pane-list-body">
            <TabPage tab={tab} />
          </div>
          <TabBar current={tab} />
        </aside>
        <section className="pane-detail">
          {detail ?? (
            <div className="pane-placeholder">
              <img src="/icons/icon-192.png" alt="" width={96} height={96} />
              <p>{t('chats.selectHint')}</p>
            </div>
          )}
        </section>
      </div>
    );
  }
  return (
    <div className="shell shell-narrow">
      {detail ?? (
        <>
          <div className="pane-list-body">
            <TabPage tab={tab} />
          </div>
          <TabBar current={tab} />
        </>
      )}
    </div>
  );
}
