import { useAppState } from '../../app-context';
import { conversationTitle } from '../../data/names';
import { useT } from '../../i18n/i18n';
import { navigate } from '../../lib/router';
import { Avatar } from '../../ui/avatar';
import { Header } from '../../ui/header';
import { Empty } from '../../ui/states';

/** The user's group chats. */
export function GroupListScreen() {
  const t = useT();
  const state = useAppState((current) => current);
  const groups = [...state.conversations.values()].filter((conversation) => conversation.kind === 'group');
  return (
    <div className="screen">
      <Header title={t('contacts.groupChats')} back="/contacts" actions={<button type="button" className="text-button" onClick={() => navigate('/groups/new')}>{t('plus.newGroup')}</button>} />
      <div className="scroll">
        {groups.length === 0 ? (
          <Empty icon="group" title={t('contacts.groupChats')} />
        ) : (
          <ul className="contact-list">
            {groups.map((group) => {
              const title = conversationTitle(state, group);
              return (
                <li key={group.id}>
                  <button type="button" className="contact-row" onClick={() => navigate(`/chats/${group.id}`)}>
                    <Avatar name={title} seed={group.id} mediaId={group.avatarMediaId} size={40} group />
                    <span className="contact-name">{title}</span>
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </div>
  );
}
