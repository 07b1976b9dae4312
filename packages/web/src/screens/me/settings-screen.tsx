import { useState } from 'react';
import { useAppState, useClient } from '../../app-context';
import { displayName } from '../../data/names';
import { enableNotifications, notificationsEnabled } from '../../data/notifications';
import { useT } from '../../i18n/i18n';
import { promptInstall, useCanInstall } from '../../lib/install-prompt';
import { Cell, CellGroup, SwitchCell } from '../../ui/cells';
import { Header } from '../../ui/header';
import { LanguageSwitch } from './language-switch';

/** Language, notifications, installing the app and the block list. */
export function SettingsScreen() {
  const t = useT();
  const client = useClient();
  const state = useAppState((current) => current);
  const canInstall = useCanInstall();
  const supported = 'Notification' in window;
  const [notify, setNotify] = useState(notificationsEnabled());
  const [denied, setDenied] = useState(supported && Notification.permission === 'denied');

  return (
    <div className="screen">
      <Header title={t('me.settings')} back="/me" />
      <div className="scroll">
        <CellGroup>
          <LanguageSwitch />
        </CellGroup>
        {supported ? (
          <CellGroup>
            <SwitchCell
              label={t('settings.notifications')}
              checked={notify}
              disabled={denied}
              onChange={(on) => {
                void enableNotifications(on).then((permission) => {
                  setNotify(notificationsEnabled());
                  setDenied(permission === 'denied');
                });
              }}
            />
            {denied ? <Cell label={t('settings.notificationsDenied')} /> : null}
          </CellGroup>
        ) : null}
        {canInstall ? (
          <CellGroup>
            <Cell label={t('settings.install')} onClick={() => void promptInstall()} />
          </CellGroup>
        ) : null}
        <CellGroup title={t('settings.privacy')}>
          {state.blocked.size === 0 ? (
            <Cell label={t('settings.blocked')} value={t('settings.noBlocked')} />
          ) : (
            [...state.blocked].map((userId) => (
              <Cell key={userId} label={displayName(state, userId)} value={t('contacts.unblock')} onClick={() => void client.people.setBlocked(userId, false)} />
            ))
          )}
        </CellGroup>
      </div>
    </div>
  );
}
