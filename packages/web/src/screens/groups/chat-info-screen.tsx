import type { Member } from '@tessera/protocol';
import { useEffect, useState } from 'react';
import { useAppState, useClient } from '../../app-context';
import { conversationTitle, displayName } from '../../data/names';
import { useT } from '../../i18n/i18n';
import { navigate } from '../../lib/router';
import { Avatar } from '../../ui/avatar';
import { Cell, CellGroup, SwitchCell } from '../../ui/cells';
import { errorMessage } from '../../ui/error-message';
import { Header } from '../../ui/header';
import { Icon } from '../../ui/icons';
import { ActionSheet, Confirm, Modal } from '../../ui/sheet';
import { Loading } from '../../ui/states';
import { GroupPhotoCell } from './group-photo-cell';

type Editing = { field: 'name' | 'announcement'; value: string } | null;

/** Chat info: members, and for groups the name, announcement, owner's controls and leaving. */
export function ChatInfoScreen({ conversationId }: { conversationId: string }) {
  const t = useT();
  const client = useClient();
  const state = useAppState((current) => current);
  const conversation = state.conversations.get(conversationId);
  const members = state.members.get(conversationId);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const [removing, setRemoving] = useState(false);
  const [confirmLeave, setConfirmLeave] = useState(false);
  const [memberMenu, setMemberMenu] = useState<Member | null>(null);
  const [confirmTransfer, setConfirmTransfer] = useState<Member | null>(null);
  const selfId = state.self?.id ?? client.userId;

  useEffect(() => {
    void client.people.loadMembers(conversationId).catch((caught: unknown) => setError(errorMessage(caught, t)));
  }, [client, conversationId, t]);

  const run = (task: () => Promise<void>): Promise<void> => {
    setError(null);
    return task().catch((caught: unknown) => setError(errorMessage(caught, t)));
  };

  if (!conversation) {
    return (
      <div className="screen">
        <Header title={t('chatInfo.title')} back="/chats" />
        <Loading />
      </div>
    );
  }
  const group = conversation.kind === 'group';
  const role = members?.find((member) => member.userId === selfId)?.role ?? 'member';
  const manager = role !== 'member';
  const shown = members ?? (conversation.peerId ? [{ userId: conversation.peerId, role: 'member' as const, joinedAt: '' }] : []);

  return (
    <div className="screen">
      <Header title={group ? t('chatInfo.groupTitle', { count: conversation.memberCount }) : t('chatInfo.title')} back={`/chats/${conversationId}`} />
      <div className="scroll">
        <div className="member-grid" role="list" aria-label={t('chatInfo.title')}>
          {shown.map((member) => {
            const name = displayName(state, member.userId);
            const profile = member.userId === selfId ? state.self : (state.contacts.get(member.userId)?.profile ?? state.profiles.get(member.userId));
            return (
              <div key={member.userId} role="listitem" className="member">
                <button
                  type="button"
                  className="member-button"
                  onClick={() => (group && role === 'owner' && member.userId !== selfId ? setMemberMenu(member) : navigate(`/contacts/user/${member.userId}`))}
                >
                  <Avatar name={name} seed={member.userId} mediaId={profile?.avatarMediaId ?? null} size={52} />
                  <span className="member-name">{name}</span>
                  {member.role === 'owner' ? <span className="member-role">{t('chatInfo.owner')}</span> : member.role === 'admin' ? <span className="member-role">{t('chatInfo.admin')}</span> : null}
                </button>
                {removing && member.userId !== selfId && member.role !== 'owner' ? (
                  <button type="button" className="member-remove" aria-label={t('chatInfo.removeMember', { name })} onClick={() => run(() => client.people.removeMember(conversationId, member.userId))}>
                    <Icon name="close" size={14} />
                  </button>
                ) : null}
              </div>
            );
          })}
          {group ? (
            <div role="listitem" className="member">
              <button type="button" className="member-button" onClick={() => navigate(`/chats/${conversationId}/invite`)} aria-label={t('chatInfo.invite')}>
                <span className="member-add">
                  <Icon name="plus" />
                </span>
              </button>
            </div>
          ) : null}
          {group && manager ? (
            <div role="listitem" className="member">
              <button type="button" className="member-button" aria-pressed={removing} onClick={() => setRemoving(!removing)} aria-label={t('chatInfo.remove')}>
                <span className="member-add">—</span>
              </button>
            </div>
          ) : null}
        </div>
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        {group ? (
          <CellGroup>
            {manager ? <GroupPhotoCell conversationId={conversationId} name={conversationTitle(state, conversation)} mediaId={conversation.avatarMediaId} onError={setError} /> : null}
            <Cell label={t('chatInfo.name')} value={conversationTitle(state, conversation)} {...(manager ? { onClick: () => setEditing({ field: 'name', value: conversation.name }) } : {})} />
            <Cell
              label={t('chatInfo.announcement')}
              value={conversation.announcement || t('chatInfo.noAnnouncement')}
              {...(manager ? { onClick: () => setEditing({ field: 'announcement', value: conversation.announcement }) } : {})}
            />
          </CellGroup>
        ) : null}
        <CellGroup>
          <SwitchCell label={t('chatInfo.mute')} checked={conversation.muted} onChange={(muted) => run(() => client.chat.setSettings(conversationId, { muted }))} />
          <SwitchCell label={t('chatInfo.pin')} checked={conversation.pinned} onChange={(pinned) => run(() => client.chat.setSettings(conversationId, { pinned }))} />
        </CellGroup>
        {group ? (
          <div className="profile-actions">
            <button type="button" className="button button-danger" onClick={() => setConfirmLeave(true)}>
              {t('chatInfo.leave')}
            </button>
          </div>
        ) : null}
      </div>
      {editing ? (
        <Modal label={editing.field === 'name' ? t('chatInfo.editName') : t('chatInfo.editAnnouncement')} onClose={() => setEditing(null)} className="dialog">
          <form
            className="form"
            onSubmit={(event) => {
              event.preventDefault();
              const value = editing.value.trim();
              setEditing(null);
              run(() => client.people.updateGroup(conversationId, editing.field === 'name' ? { name: value } : { announcement: value }));
            }}
          >
            <label className="field">
              <span>{editing.field === 'name' ? t('chatInfo.name') : t('chatInfo.announcement')}</span>
              {editing.field === 'name' ? (
                <input value={editing.value} required maxLength={64} onChange={(event) => setEditing({ ...editing, value: event.target.value })} />
              ) : (
                <textarea value={editing.value} rows={4} maxLength={2000} onChange={(event) => setEditing({ ...editing, value: event.target.value })} />
              )}
            </label>
            <div className="dialog-buttons">
              <button type="button" className="dialog-button" onClick={() => setEditing(null)}>
                {t('common.cancel')}
              </button>
              <button type="submit" className="dialog-button dialog-primary">
                {t('common.save')}
              </button>
            </div>
          </form>
        </Modal>
      ) : null}
      {memberMenu ? (
        <ActionSheet
          label={t('chatInfo.memberActions', { name: displayName(state, memberMenu.userId) })}
          onClose={() => setMemberMenu(null)}
          actions={[
            { label: t('chatInfo.viewProfile'), onSelect: () => navigate(`/contacts/user/${memberMenu.userId}`) },
            memberMenu.role === 'admin'
              ? { label: t('chatInfo.removeAdmin'), onSelect: () => void run(() => client.people.setGroupAdmin(conversationId, memberMenu.userId, false)) }
              : { label: t('chatInfo.makeAdmin'), onSelect: () => void run(() => client.people.setGroupAdmin(conversationId, memberMenu.userId, true)) },
            { label: t('chatInfo.transfer'), onSelect: () => setConfirmTransfer(memberMenu) },
            { label: t('chatInfo.removeMember', { name: displayName(state, memberMenu.userId) }), danger: true, onSelect: () => void run(() => client.people.removeMember(conversationId, memberMenu.userId)) },
          ]}
        />
      ) : null}
      {confirmTransfer ? (
        <Confirm
          message={t('chatInfo.transferConfirm', { name: displayName(state, confirmTransfer.userId) })}
          confirmLabel={t('chatInfo.transfer')}
          onClose={() => setConfirmTransfer(null)}
          onConfirm={() => void run(() => client.people.transferGroup(conversationId, confirmTransfer.userId))}
        />
      ) : null}
      {confirmLeave ? (
        <Confirm
          message={t('chatInfo.leaveConfirm')}
          confirmLabel={t('chatInfo.leave')}
          danger
          onClose={() => setConfirmLeave(false)}
          onConfirm={() => run(async () => {
            await client.people.leaveGroup(conversationId);
            navigate('/chats', { replace: true });
          })}
        />
      ) : null}
    </div>
  );
}
