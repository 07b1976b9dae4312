import type { ReactNode } from 'react';
import { useT } from '../i18n/i18n';
import { goBack } from '../lib/router';
import { Icon } from './icons';

/** A screen's title bar: optional back button, centred title, actions on the right. */
export function Header({ title, back, actions, subtitle }: { title: ReactNode; back?: string; actions?: ReactNode; subtitle?: ReactNode }) {
  const t = useT();
  return (
    <header className="header">
      <div className="header-side">
        {back ? (
          <button type="button" className="icon-button" aria-label={t('common.back')} onClick={() => goBack(back)}>
            <Icon name="back" />
          </button>
        ) : null}
      </div>
      <div className="header-title">
        <h1>{title}</h1>
        {subtitle ? <div className="header-subtitle">{subtitle}</div> : null}
      </div>
      <div className="header-side header-actions">{actions}</div>
    </header>
  );
}
