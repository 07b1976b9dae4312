import type { RedPacketMode } from '@tessera/protocol';
import { useState, type FormEvent } from 'react';
import { useClient } from '../../app-context';
import { useT, type Translate } from '../../i18n/i18n';
import { formatMoney } from '../../lib/money';
import { redPacketLimitText } from '../../lib/pay-error-text';
import { readRedPacketForm, type RedPacketDraft, type RedPacketFormResult } from '../../lib/red-packet-form';
import { errorMessage } from '../../ui/error-message';
import { Modal } from '../../ui/sheet';
import { PaySheet } from './pay-sheet';
import { useWallet } from './use-wallet';

interface Draft extends RedPacketDraft {
  greeting: string;
}

/** The form's first problem in words. */
function problem(result: Extract<RedPacketFormResult, { ok: false }>, t: Translate): string {
  if (result.code === 'shares_invalid') return t('redPacket.sharesInvalid');
  if (result.code === 'share_too_small') return t('redPacket.tooSmall');
  if ('limit' in result) return redPacketLimitText(result.code, result.limit, t) ?? errorMessage({ code: 'red_packet_limit_exceeded' }, t);
  return errorMessage({ code: result.code }, t);
}

/**
 * Puts money in a red packet: in a group, lucky (a random split of the total) or identical shares
 * and how many; in a direct chat, one packet. Then the payment password.
 */
export function RedPacketComposer({ conversationId, group, memberCount, onClose }: { conversationId: string; group: boolean; memberCount: number; onClose: () => void }) {
  const t = useT();
  const client = useClient();
  const { wallet } = useWallet(t);
  const [mode, setMode] = useState<RedPacketMode>(group ? 'lucky' : 'fixed');
  const [amountText, setAmountText] = useState('');
  const [sharesText, setSharesText] = useState(group ? '' : '1');
  const [greeting, setGreeting] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<Draft | null>(null);
  // The operator's limits come with the wallet; until it loads, the server still checks them.
  const limits = {
    ...(wallet ? { maxAmount: wallet.redPacketMaxAmount, maxShares: wallet.redPacketMaxShares } : {}),
    ...(group ? { members: memberCount } : {}),
  };
  const preview = readRedPacketForm({ mode, amountText, sharesText, limits });

  function next(event: FormEvent) {
    event.preventDefault();
    if (!preview.ok) {
      setError(problem(preview, t));
      return;
    }
    setError(null);
    setConfirming({ ...preview.draft, greeting: greeting.trim() || t('redPacket.greetingDefault') });
  }

  if (confirming) {
    return (
      <PaySheet
        title={t('redPacket.title')}
        amount={confirming.total}
        testMoney={wallet?.testMoney ?? false}
        pay={(paymentPassword, idempotencyKey) =>
          client.pay.sendRedPacket(conversationId, {
            mode: confirming.mode,
            amount: confirming.amount,
            shareCount: confirming.shareCount,
            greeting: confirming.greeting,
            paymentPassword,
            idempotencyKey,
          })
        }
        onClose={() => setConfirming(null)}
        onPaid={onClose}
      />
    );
  }

  return (
    <Modal label={t('redPacket.title')} onClose={onClose} className="sheet pay-form-sheet">
      <h2 className="sheet-title">{t('redPacket.title')}</h2>
      <form className="form pay-form" onSubmit={next} noValidate>
        {group ? (
          <>
            <fieldset className="segmented">
              <legend className="visually-hidden">{t('redPacket.mode')}</legend>
              {(['lucky', 'fixed'] as const).map((value) => (
                <label key={value} className={mode === value ? 'segment segment-current' : 'segment'}>
                  <input type="radio" name="mode" value={value} checked={mode === value} onChange={() => setMode(value)} />
                  {t(value === 'lucky' ? 'redPacket.lucky' : 'redPacket.fixed')}
                </label>
              ))}
            </fieldset>
            <label className="field">
              <span>{t('redPacket.shares')}</span>
              <input name="shares" inputMode="numeric" autoComplete="off" value={sharesText} onChange={(event) => setSharesText(event.target.value)} />
              <small>{t('redPacket.members', { count: memberCount })}</small>
            </label>
          </>
        ) : null}
        <label className="field">
          <span>{group ? t(mode === 'lucky' ? 'redPacket.total' : 'redPacket.each') : t('redPacket.amount')}</span>
          <input className="amount-input" name="amount" inputMode="decimal" autoComplete="off" placeholder="0.00" value={amountText} onChange={(event) => setAmountText(event.target.value)} />
        </label>
        <label className="field">
          <span>{t('redPacket.greeting')}</span>
          <input name="greeting" maxLength={40} placeholder={t('redPacket.greetingDefault')} value={greeting} onChange={(event) => setGreeting(event.target.value)} />
        </label>
        <p className="red-packet-total" aria-live="polite">
          {formatMoney(preview.ok ? preview.draft.total : 0)}
        </p>
        {wallet ? <p className="hint">{t('wallet.available', { amount: formatMoney(wallet.balance, wallet.currency) })}</p> : null}
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" className="button button-red">
          {t('redPacket.send')}
        </button>
        <button type="button" className="button button-secondary" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </form>
    </Modal>
  );
}
