import { useState } from 'react';
import { useAppState, useSession } from '../../app-context';
import { useT } from '../../i18n/i18n';
import { navigate } from '../../lib/router';
import { Avatar } from '../../ui/avatar';
import { Cell, CellGroup } from '../../ui/cells';
import { Header } from '../../ui/header';
import { Icon } from '../../ui/icons';
import { Confirm } from '../../ui/sheet';
import { Loading } from '../../ui/states';

/** The Me tab: the user's card and their account's screens. */
export function MeScreen() {
  const t = useT();
  const { signOut } = useSession();
  const self = useAppState((state) => state.self);
  const [confirm, setConfirm] = useState(false);
  return (
    <>
      <Header title={t('tab.me')} />
      <div className="scroll">
        {self ? (
          <button type="button" className="me-card" onClick={() => navigate('/me/profile')}>
            <Avatar name={self.nickname || self.handle} seed={self.id} mediaId={self.avatarMediaId} size={64} />
            <span className="me-text">
              <span className="profile-name">{self.nickname || self.handle}</span>
              <span className="profile-meta">{t('me.handle', { handle: self.handle })}</span>
            </span>
            <Icon name="chevron" size={16} className="cell-chevron" />
          </button>
        ) : (
          <Loading />
        )}
        <CellGroup>
          <Cell label={t('me.wallet')} icon={<Icon name="wallet" size={20} />} onClick={() => navigate('/me/wallet')} />
        </CellGroup>
        <CellGroup>
          <Cell label={t('me.profile')} icon={<Icon name="person" size={20} />} onClick={() => navigate('/me/profile')} />
          <Cell label={t('qr.mine')} icon={<Icon name="qr" size={20} />} onClick={() => navigate('/me/qr')} />
          <Cell label={t('me.devices')} icon={<Icon name="keyboard" size={20} />} onClick={() => navigate('/me/devices')} />
          <Cell label={t('me.password')} icon={<Icon name="lock" size={20} />} onClick={() => navigate('/me/password')} />
        </CellGroup>
        <CellGroup>
          <Cell label={t('me.settings')} icon={<Icon name="settings" size={20} />} onClick={() => navigate('/me/settings')} />
        </CellGroup>
        <CellGroup>
          <Cell label={t('me.logout')} danger chevron={false} onClick={() => setConfirm(true)} />
        </CellGroup>
      </div>
      {confirm ? <Confirm message={t('me.logoutConfirm')} confirmLabel={t('me.logout')} danger onClose={() => setConfirm(false)} onConfirm={() => void signOut()} /> : null}
    </>
  );
}
