import { useState, type FormEvent } from 'react';
import { useAppState, useClient } from '../../app-context';
import { displayName } from '../../data/names';
import { useT } from '../../i18n/i18n';
import { formatMoney, parseYuan } from '../../lib/money';
import { errorMessage } from '../../ui/error-message';
import { Modal } from '../../ui/sheet';
import { PaySheet } from './pay-sheet';
import { useWallet } from './use-wallet';

/** Sends money to the other person of a direct chat: amount and note, then the payment password. */
export function TransferComposer({ conversationId, peerId, onClose }: { conversationId: string; peerId: string; onClose: () => void }) {
  const t = useT();
  const client = useClient();
  const name = useAppState((state) => displayName(state, peerId));
  const { wallet } = useWallet(t);
  const [amountText, setAmountText] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<number | null>(null);

  function next(event: FormEvent) {
    event.preventDefault();
    const parsed = parseYuan(amountText);
    if (!parsed.ok) {
      setError(errorMessage({ code: parsed.code }, t));
      return;
    }
    setError(null);
    setConfirming(parsed.fen);
  }

  if (confirming !== null) {
    return (
      <PaySheet
        title={t('paySheet.transferTo', { name })}
        amount={confirming}
        testMoney={wallet?.testMoney ?? false}
        pay={(paymentPassword, idempotencyKey) => client.pay.sendTransfer(conversationId, { amount: confirming, note: note.trim(), paymentPassword, idempotencyKey })}
        onClose={() => setConfirming(null)}
        onPaid={onClose}
      />
    );
  }

  return (
    <Modal label={t('transfer.title')} onClose={onClose} className="sheet pay-form-sheet">
      <h2 className="sheet-title">{t('transfer.toPeer', { name })}</h2>
      <form className="form pay-form" onSubmit={next} noValidate>
        <label className="field">
          <span>{t('wallet.amount')}</span>
          <input className="amount-input" name="amount" inputMode="decimal" autoComplete="off" placeholder="0.00" value={amountText} autoFocus onChange={(event) => setAmountText(event.target.value)} />
        </label>
        {wallet ? <p className="hint">{t('wallet.available', { amount: formatMoney(wallet.balance, wallet.currency) })}</p> : null}
        <label className="field">
          <span>{t('transfer.note')}</span>
          <input name="note" maxLength={40} value={note} onChange={(event) => setNote(event.target.value)} />
        </label>
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" className="button button-primary">
          {t('transfer.title')}
        </button>
        <button type="button" className="button button-secondary" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </form>
    </Modal>
  );
}
