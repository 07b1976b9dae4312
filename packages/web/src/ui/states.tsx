import type { ReactNode } from 'react';
import { useT } from '../i18n/i18n';
import { Icon, type IconName } from './icons';

/** A spinner with a label, for screens waiting on data. */
export function Loading({ label }: { label?: string }) {
  const t = useT();
  return (
    <div className="state" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label ?? t('common.loading')}</span>
    </div>
  );
}

/** What a list shows when it has nothing in it. */
export function Empty({ icon, title, hint, children }: { icon: IconName; title: string; hint?: string; children?: ReactNode }) {
  return (
    <div className="state state-empty">
      <Icon name={icon} size={48} className="state-icon" />
      <p className="state-title">{title}</p>
      {hint ? <p className="state-hint">{hint}</p> : null}
      {children}
    </div>
  );
}

/** A failure with the reason and a way to try again. */
export function ErrorState({ message, onRetry }: { message: string; onRetry?: () => void }) {
  const t = useT();
  return (
    <div className="state state-error" role="alert">
      <Icon name="alert" size={40} className="state-icon" />
      <p className="state-title">{message}</p>
      {onRetry ? (
        <button type="button" className="button button-secondary" onClick={onRetry}>
          {t('common.retry')}
        </button>
      ) : null}
    </div>
  );
}
