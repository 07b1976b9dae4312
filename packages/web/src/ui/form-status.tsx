import { useState } from 'react';
import type { Translate } from '../i18n/i18n';
import { errorMessage } from './error-message';

/** The outcome of saving a form, announced to screen readers (errors as alerts). */
export interface FormStatusValue {
  kind: 'error' | 'saved';
  text: string;
}

export function FormStatus({ status }: { status: FormStatusValue | null }) {
  if (!status) return null;
  return (
    <p className={status.kind === 'error' ? 'form-error' : 'form-ok'} role={status.kind === 'error' ? 'alert' : 'status'}>
      {status.text}
    </p>
  );
}

/**
 * A form's busy flag and outcome. `save` runs the work, then shows `savedText` (if any) or the
 * error's message; it resolves true when the work succeeded.
 */
export function useFormSave(t: Translate) {
  const [status, setStatus] = useState<FormStatusValue | null>(null);
  const [busy, setBusy] = useState(false);
  async function save(work: () => Promise<unknown>, savedText?: string): Promise<boolean> {
    setBusy(true);
    setStatus(null);
    try {
      await work();
      if (savedText) setStatus({ kind: 'saved', text: savedText });
      return true;
    } catch (caught) {
      setStatus({ kind: 'error', text: errorMessage(caught, t) });
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { status, setStatus, busy, save };
}
