import { useState } from 'react';
import { useAppState, useClient } from '../../app-context';
import { displayName } from '../../data/names';
import { formatDateTime, useT } from '../../i18n/i18n';
import { formatMoney } from '../../lib/money';
import { errorMessage } from '../../ui/error-message';
import { Icon } from '../../ui/icons';
import { Confirm, Modal } from '../../ui/sheet';
import { ErrorState, Loading } from '../../ui/states';
import { transferStatusText } from './payment-cards';
import { useTransfer } from './use-payment';

/** A transfer's details; the receiver accepts it or sends it back while it is pending. */
export function TransferView({ transferId, onClose }: { transferId: string; onClose: () => void }) {
  const t = useT();
  const client = useClient();
  const { transfer, error, retry } = useTransfer(transferId, t);
  const state = useAppState((current) => current);
  const selfId = state.self?.id ?? client.userId;
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const [confirmReturn, setConfirmReturn] = useState(false);

  async function act(action: () => Promise<unknown>) {
    setBusy(true);
    setActionError(null);
    try {
      await action();
    } catch (caught) {
      setActionError(errorMessage(caught, t));
    } finally {
      setBusy(false);
    }
  }

  let content;
  if (!transfer) {
    content = error ? <ErrorState message={error} onRetry={retry} /> : <Loading />;
  } else {
    const receiver = transfer.receiverId === selfId;
    const pending = transfer.status === 'pending';
    content = (
      <div className="pay-view-body">
        <span className={`pay-view-icon pay-view-icon-${transfer.status}`}>
          <Icon name={transfer.status === 'accepted' ? 'check' : 'transfer'} size={40} />
        </span>
        <p className="pay-view-status" role="status">
          {transferStatusText(transfer, state, selfId, t)}
        </p>
        <p className="pay-view-amount">
          {formatMoney(transfer.amount, transfer.currency)}
          {transfer.testMoney ? <span className="test-money">{t('wallet.testMoney')}</span> : null}
        </p>
        {transfer.note ? <p className="pay-view-note">{transfer.note}</p> : null}
        {pending && receiver ? (
          <>
            <button type="button" className="button button-primary pay-view-button" disabled={busy} onClick={() => void act(() => client.pay.acceptTransfer(transfer.id))}>
              {t('transfer.accept')}
            </button>
            <button type="button" className="link-button" disabled={busy} onClick={() => setConfirmReturn(true)}>
              {t('transfer.return')}
            </button>
          </>
        ) : null}
        {pending ? <p className="hint">{t('transfer.expiresHint')}</p> : null}
        {transfer.settledAt ? <p className="hint">{formatDateTime(transfer.settledAt)}</p> : null}
        {busy ? <span className="spinner" role="status" aria-label={t('common.loading')} /> : null}
        {actionError ? (
          <p className="form-error" role="alert">
            {actionError}
          </p>
        ) : null}
      </div>
    );
  }

  return (
    <Modal label={t('transfer.details')} onClose={onClose} className="dialog pay-view">
      <div className="pay-view-head">
        <h2>{t('transfer.details')}</h2>
        <button type="button" className="icon-button" aria-label={t('common.close')} onClick={onClose}>
          <Icon name="close" />
        </button>
      </div>
      {content}
      {confirmReturn && transfer ? (
        <Confirm
          message={t('transfer.returnConfirm', { name: displayName(state, transfer.senderId) })}
          confirmLabel={t('transfer.return')}
          onClose={() => setConfirmReturn(false)}
          onConfirm={() => void act(() => client.pay.returnTransfer(transfer.id))}
        />
      ) : null}
    </Modal>
  );
}
