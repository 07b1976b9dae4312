import { useState } from 'react';
import { useT } from '../i18n/i18n';
import { navigate } from '../lib/router';
import { Icon } from '../ui/icons';

/** The header's "+" menu: start a group chat, add a contact or scan a QR code. */
export function PlusMenu() {
  const t = useT();
  const [open, setOpen] = useState(false);
  const go = (path: string) => {
    setOpen(false);
    navigate(path);
  };
  return (
    <div className="plus-menu">
      <button type="button" className="icon-button" aria-label={t('plus.menu')} aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)}>
        <Icon name="add" />
      </button>
      {open ? (
        <>
          <div className="popover-backdrop" onClick={() => setOpen(false)} />
          <div className="popover" role="menu" onKeyDown={(event) => event.key === 'Escape' && setOpen(false)}>
            <button type="button" role="menuitem" autoFocus onClick={() => go('/groups/new')}>
              <Icon name="group" size={20} /> {t('plus.newGroup')}
            </button>
            <button type="button" role="menuitem" onClick={() => go('/contacts/add')}>
              <Icon name="person" size={20} /> {t('plus.addContact')}
            </button>
            <button type="button" role="menuitem" onClick={() => go('/scan')}>
              <Icon name="scan" size={20} /> {t('plus.scan')}
            </button>
          </div>
        </>
      ) : null}
    </div>
  );
}
