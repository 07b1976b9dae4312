import { useRef, useState } from 'react';
import { useClient } from '../../app-context';
import { useT } from '../../i18n/i18n';
import { Avatar } from '../../ui/avatar';
import { errorMessage } from '../../ui/error-message';
import { ImageInput } from '../../ui/image-input';

/** The group's photo, changeable by the owner and admins. */
export function GroupPhotoCell({ conversationId, name, mediaId, onError }: { conversationId: string; name: string; mediaId: string | null; onError: (message: string) => void }) {
  const t = useT();
  const client = useClient();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);

  async function change(file: File) {
    setBusy(true);
    try {
      const uploaded = await client.rest.upload('image', file);
      await client.people.updateGroup(conversationId, { avatarMediaId: uploaded.id });
    } catch (caught) {
      onError(errorMessage(caught, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <button type="button" className="cell cell-button" disabled={busy} onClick={() => input.current?.click()}>
        <span className="cell-label">{t('chatInfo.photo')}</span>
        <Avatar name={name} seed={conversationId} mediaId={mediaId} size={36} group />
      </button>
      <ImageInput ref={input} label={t('chatInfo.photo')} onPick={(file) => void change(file)} />
    </>
  );
}
