import { useMemo, useState } from 'react';
import { useAppState, useClient } from '../../app-context';
import { displayName } from '../../data/names';
import { useT } from '../../i18n/i18n';
import { groupByLetter } from '../../lib/pinyin';
import { goBack, navigate } from '../../lib/router';
import { Avatar } from '../../ui/avatar';
import { errorMessage } from '../../ui/error-message';
import { Header } from '../../ui/header';
import { Empty } from '../../ui/states';

/** Picks contacts for a new group, or to invite into an existing one (`inviteTo`). */
export function NewGroupScreen({ inviteTo }: { inviteTo?: string }) {
  const t = useT();
  const client = useClient();
  const state = useAppState((current) => current);
  const existing = useMemo(() => new Set((inviteTo ? state.members.get(inviteTo) : undefined)?.map((member) => member.userId) ?? []), [inviteTo, state.members]);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const sections = useMemo(
    () => groupByLetter([...state.contacts.values()].filter((contact) => !existing.has(contact.userId)), (contact) => displayName(state, contact.userId)),
    [state, existing],
  );

  const toggle = (userId: string) => {
    const next = new Set(chosen);
    if (next.has(userId)) next.delete(userId);
    else next.add(userId);
    setChosen(next);
  };

  async function submit() {
    setBusy(true);
    setError(null);
    try {
      if (inviteTo) {
        await client.people.addMembers(inviteTo, [...chosen]);
        goBack(`/chats/${inviteTo}/info`);
      } else {
        const id = await client.people.createGroup([...chosen], name.trim() || undefined);
        navigate(`/chats/${id}`, { replace: true });
      }
    } catch (caught) {
      setError(errorMessage(caught, t));
      setBusy(false);
    }
  }

  const label = inviteTo ? t('groups.invite', { count: chosen.size }) : t('groups.create', { count: chosen.size });
  return (
    <div className="screen">
      <Header
        title={inviteTo ? t('chatInfo.invite') : t('groups.new')}
        back={inviteTo ? `/chats/${inviteTo}/info` : '/chats'}
        actions={
          <button type="button" className="button button-primary button-small" disabled={chosen.size === 0 || busy} onClick={() => void submit()}>
            {label}
          </button>
        }
      />
      <div className="scroll">
        {!inviteTo ? (
          <div className="padded">
            <label className="field">
              <span>{t('groups.nameOptional')}</span>
              <input value={name} maxLength={64} onChange={(event) => setName(event.target.value)} />
            </label>
          </div>
        ) : null}
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        {sections.length === 0 ? (
          <Empty icon="contacts" title={t('groups.noContacts')} />
        ) : (
          <fieldset className="picker">
            <legend className="visually-hidden">{t('groups.pick')}</legend>
            {sections.map((section) => (
              <div key={section.letter}>
                <div className="contact-letter">{section.letter}</div>
                {section.items.map((contact) => {
                  const contactName = displayName(state, contact.userId);
                  return (
                    <label key={contact.userId} className="contact-row picker-row">
                      <input type="checkbox" checked={chosen.has(contact.userId)} onChange={() => toggle(contact.userId)} />
                      <Avatar name={contactName} seed={contact.userId} mediaId={contact.profile.avatarMediaId} size={40} />
                      <span className="contact-name">{contactName}</span>
                    </label>
                  );
                })}
              </div>
            ))}
          </fieldset>
        )}
      </div>
    </div>
  );
}
