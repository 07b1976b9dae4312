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
