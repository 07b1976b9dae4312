import { useState, type ReactNode } from 'react';
import { Icon } from './icons';

/** A grouped list section, as in WeChat's settings screens. */
export function CellGroup({ children, title }: { children: ReactNode; title?: string }) {
  return (
    <section className="cell-group">
      {title ? <h2 className="cell-group-title">{title}</h2> : null}
      <div className="cell-group-body">{children}</div>
    </section>
  );
}

/** One row: a link-like button with a label, an optional value and a chevron. */
export function Cell({ label, value, icon, onClick, danger, chevron = true }: { label: ReactNode; value?: ReactNode; icon?: ReactNode; onClick?: () => void; danger?: boolean; chevron?: boolean }) {
  const content = (
    <>
      {icon ? <span className="cell-icon">{icon}</span> : null}
      <span className={danger ? 'cell-label cell-danger' : 'cell-label'}>{label}</span>
      {value !== undefined ? <span className="cell-value">{value}</span> : null}
      {onClick && chevron ? <Icon name="chevron" size={16} className="cell-chevron" /> : null}
    </>
  );
  if (!onClick) return <div className="cell">{content}</div>;
  return (
    <button type="button" className="cell cell-button" onClick={onClick}>
      {content}
    </button>
  );
}

/**
 * A row with a switch. It flips at once; when the change settles (the store then holds the
 * server's answer) it shows `checked` again, so a refused change flips back.
 */
export function SwitchCell({ label, checked, onChange, disabled }: { label: string; checked: boolean; onChange: (checked: boolean) => Promise<unknown> | void; disabled?: boolean }) {
  const [pending, setPending] = useState<boolean | null>(null);
  return (
    <label className="cell">
      <span className="cell-label">{label}</span>
      <input
        type="checkbox"
        role="switch"
        className="switch"
        checked={pending ?? checked}
        disabled={disabled}
        aria-label={label}
        onChange={(event) => {
          const value = event.target.checked;
          setPending(value);
          void Promise.resolve(onChange(value))
            .catch(() => undefined)
            .finally(() => setPending(null));
        }}
      />
    </label>
  );
}
