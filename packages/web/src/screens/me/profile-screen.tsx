import { useRef, type FormEvent } from 'react';
import { useAppState, useClient } from '../../app-context';
import { useT } from '../../i18n/i18n';
import { Avatar } from '../../ui/avatar';
import { Header } from '../../ui/header';
import { Loading } from '../../ui/states';
import { FormStatus, useFormSave } from '../../ui/form-status';
import { ImageInput } from '../../ui/image-input';

/** Edits the user's name, status line, region and photo. */
export function ProfileScreen() {
  const t = useT();
  const client = useClient();
  const self = useAppState((state) => state.self);
  const { status, busy, save } = useFormSave(t);
  const fileInput = useRef<HTMLInputElement>(null);

  async function saveProfile(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    await save(
      () =>
        client.people.updateProfile({
          nickname: String(form.get('nickname') ?? '').trim(),
          bio: String(form.get('bio') ?? '').trim(),
          region: String(form.get('region') ?? '').trim(),
        }),
      t('profile.saved'),
    );
  }

  async function changeAvatar(file: File) {
    await save(async () => {
      const uploaded = await client.rest.upload('image', file);
      await client.people.updateProfile({ avatarMediaId: uploaded.id });
    }, t('profile.saved'));
  }

  if (!self) {
    return (
      <div className="screen">
        <Header title={t('me.profile')} back="/me" />
        <Loading />
      </div>
    );
  }
  return (
    <div className="screen">
      <Header title={t('me.profile')} back="/me" />
      <div className="scroll padded">
        <div className="avatar-edit">
          <Avatar name={self.nickname || self.handle} seed={self.id} mediaId={self.avatarMediaId} size={72} />
          <button type="button" className="button button-secondary" disabled={busy} onClick={() => fileInput.current?.click()}>
            {t('profile.changeAvatar')}
          </button>
          <ImageInput ref={fileInput} label={t('profile.avatar')} onPick={(file) => void changeAvatar(file)} />
        </div>
        <form className="form" onSubmit={(event) => void saveProfile(event)} key={`${self.nickname}|${self.bio}|${self.region}`}>
          <label className="field">
            <span>{t('profile.nickname')}</span>
            <input name="nickname" defaultValue={self.nickname} required maxLength={32} />
          </label>
          <label className="field">
            <span>{t('profile.bio')}</span>
            <input name="bio" defaultValue={self.bio} maxLength={200} />
          </label>
          <label className="field">
            <span>{t('profile.region')}</span>
            <input name="region" defaultValue={self.region} maxLength={64} />
          </label>
          <p className="hint">{t('me.handle', { handle: self.handle })}</p>
          {self.phone ? <p className="hint">{`${t('profile.phone')}: ${self.phone}`}</p> : null}
          <FormStatus status={status} />
          <button type="submit" className="button button-primary" disabled={busy}>
            {t('common.save')}
          </button>
        </form>
      </div>
    </div>
  );
}
