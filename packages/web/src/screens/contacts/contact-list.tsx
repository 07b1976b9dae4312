import { useMemo, useState } from 'react';
import { useAppState } from '../../app-context';
import { displayName } from '../../data/names';
import { useT } from '../../i18n/i18n';
import { groupByLetter } from '../../lib/pinyin';
import { navigate } from '../../lib/router';
import { Avatar } from '../../ui/avatar';
import { Header } from '../../ui/header';
import { Icon } from '../../ui/icons';
import { Empty, Loading } from '../../ui/states';
import { ConnectionBanner } from '../connection-banner';
import { PlusMenu } from '../plus-menu';
import { SearchBar } from '../search-bar';

/** The Contacts tab: new friends, group chats, then everyone A-Z (pinyin for Chinese names). */
export function ContactList() {
  const t = useT();
  const state = useAppState((current) => current);
  const [query, setQuery] = useState('');
  const pending = [...state.requests.values()].filter((request) => request.status === 'pending' && request.toUserId === state.self?.id).length;

  const sections = useMemo(() => {
    const needle = query.trim().toLowerCase();
    const contacts = [...state.contacts.values()].filter((contact) => {
      if (!needle) return true;
      return [contact.remark, contact.profile.nickname, contact.profile.handle].some((value) => value.toLowerCase().includes(needle));
    });
    return groupByLetter(contacts, (contact) => displayName(state, contact.userId));
  }, [state, query]);

  const jumpTo = (letter: string) => document.getElementById(`contacts-${letter}`)?.scrollIntoView({ block: 'start' });

  return (
    <>
      <Header title={t('tab.contacts')} actions={<PlusMenu />} />
      <ConnectionBanner />
      <SearchBar value={query} onChange={setQuery} />
      <div className="scroll contacts">
        {!query ? (
          <ul className="contact-list contact-fixed">
            <li>
              <button type="button" className="contact-row" onClick={() => navigate('/contacts/new-friends')}>
                <span className="contact-icon contact-icon-orange">
                  <Icon name="person" />
                </span>
                <span className="contact-name">{t('contacts.newFriends')}</span>
                {pending > 0 ? (
                  <span className="badge badge-inline" aria-label={t('chats.unreadCount', { count: pending })}>
                    {pending}
                  </span>
                ) : null}
              </button>
            </li>
            <li>
              <button type="button" className="contact-row" onClick={() => navigate('/contacts/groups')}>
                <span className="contact-icon contact-icon-green">
                  <Icon name="group" />
                </span>
                <span className="contact-name">{t('contacts.groupChats')}</span>
              </button>
            </li>
          </ul>
        ) : null}
        {!state.contactsLoaded && state.contacts.size === 0 ? (
          <Loading />
        ) : sections.length === 0 ? (
          query ? null : <Empty icon="contacts" title={t('contacts.empty')} hint={t('contacts.emptyHint')} />
        ) : (
          sections.map((section) => (
            <section key={section.letter} aria-labelledby={`contacts-${section.letter}`}>
              <h2 className="contact-letter" id={`contacts-${section.letter}`}>
                {section.letter}
              </h2>
              <ul className="contact-list">
                {section.items.map((contact) => {
                  const name = displayName(state, contact.userId);
                  return (
                    <li key={contact.userId}>
                      <button type="button" className="contact-row" onClick={() => navigate(`/contacts/user/${contact.userId}`)}>
                        <Avatar name={name} seed={contact.userId} mediaId={contact.profile.avatarMediaId} size={40} />
                        <span className="contact-name">{name}</span>
                      </button>
                    </li>
                  );
                })}
              </ul>
            </section>
          ))
        )}
        {sections.length > 0 ? <p className="contact-count">{state.contacts.size === 1 ? t('contacts.countOne') : t('contacts.count', { count: state.contacts.size })}</p> : null}
      </div>
      {sections.length > 3 && !query ? (
        <nav className="letter-index" aria-label={t('contacts.index')}>
          {sections.map((section) => (
            <button key={section.letter} type="button" onClick={() => jumpTo(section.letter)}>
              {section.letter}
            </button>
          ))}
        </nav>
      ) : null}
    </>
  );
}
