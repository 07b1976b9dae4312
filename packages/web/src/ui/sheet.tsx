import { useEffect, useRef, type ReactNode } from 'react';
import { useT } from '../i18n/i18n';

export interface SheetAction {
  label: string;
  /** A shorter label where space is tight (swipe actions). */
  short?: string;
  onSelect: () => void;
  danger?: boolean;
}

/** A modal layer: closes on Escape and on a click outside, keeps focus inside while open. */
export function Modal({ label, onClose, children, className }: { label: string; onClose: () => void; children: ReactNode; className?: string }) {
  const panel = useRef<HTMLDivElement>(null);
  // Callers pass a fresh onClose on every render; focus moves in only when the layer opens.
  const close = useRef(onClose);
  close.current = onClose;
  // What had focus before the layer rendered (an autoFocus inside it takes focus before effects run).
  const opener = useRef(document.activeElement as HTMLElement | null);
  useEffect(() => {
    const previous = opener.current;
    if (!panel.current?.contains(document.activeElement)) panel.current?.querySelector<HTMLElement>('button, input, textarea, select, [tabindex]')?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') close.current();
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      previous?.focus?.();
    };
  }, []);
  return (
    <div className="modal-backdrop" onClick={onClose}>
      <div ref={panel} className={className ?? 'sheet'} role="dialog" aria-modal="true" aria-label={label} onClick={(event) => event.stopPropagation()}>
        {children}
      </div>
    </div>
  );
}

/** A bottom action sheet, WeChat style. */
export function ActionSheet({ label, actions, onClose }: { label: string; actions: SheetAction[]; onClose: () => void }) {
  const t = useT();
  return (
    <Modal label={label} onClose={onClose}>
      <div className="sheet-actions" role="menu" aria-label={label}>
        {actions.map((action) => (
          <button
            key={action.label}
            type="button"
            role="menuitem"
            className={action.danger ? 'sheet-action sheet-danger' : 'sheet-action'}
            onClick={() => {
              onClose();
              action.onSelect();
            }}
          >
            {action.label}
          </button>
        ))}
      </div>
      <button type="button" className="sheet-action sheet-cancel" onClick={onClose}>
        {t('common.cancel')}
      </button>
    </Modal>
  );
}

/** A yes/no question. */
export function Confirm({ message, confirmLabel, onConfirm, onClose, danger }: { message: string; confirmLabel: string; onConfirm: () => void; onClose: () => void; danger?: boolean }) {
  const t = useT();
  return (
    <Modal label={message} onClose={onClose} className="dialog">
      <p className="dialog-message">{message}</p>
      <div className="dialog-buttons">
        <button type="button" className="dialog-button" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button
          type="button"
          className={danger ? 'dialog-button dialog-danger' : 'dialog-button dialog-primary'}
          onClick={() => {
            onClose();
            onConfirm();
          }}
        >
          {confirmLabel}
        </button>
      </div>
    </Modal>
  );
}
