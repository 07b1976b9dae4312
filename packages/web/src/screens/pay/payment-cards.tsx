import type { RedPacketMessageBody, TransferMessageBody } from '@tessera/protocol';
import { useAppState } from '../../app-context';
import { displayName } from '../../data/names';
import { useT, type Translate } from '../../i18n/i18n';
import { formatMoney } from '../../lib/money';
import type { ChatTransfer } from '@tessera/protocol';
import type { AppState } from '../../data/store';
import { Icon } from '../../ui/icons';
import { packetState, useRedPacket, useTransfer } from './use-payment';

/** Which payment a tapped card stands for. */
export type PaymentTarget = { kind: 'transfer'; id: string } | { kind: 'red_packet'; id: string };

/** A transfer's state in words, for its card and its view. */
export function transferStatusText(transfer: ChatTransfer, state: AppState, selfId: string, t: Translate): string {
  switch (transfer.status) {
    case 'pending':
      return transfer.senderId === selfId ? t('transfer.pendingSender', { name: displayName(state, transfer.receiverId) }) : t('transfer.pendingReceiver');
    case 'accepted':
      return t('transfer.accepted');
    case 'returned':
      return transfer.returnReason === 'expired' ? t('transfer.expired') : t('transfer.returned');
  }
}

function TestMoney({ show }: { show: boolean }) {
  const t = useT();
  return show ? <span className="test-money">{t('wallet.testMoney')}</span> : null;
}

/** The orange transfer card in a conversation; its state is the transfer's, kept live. */
export function TransferCard({ body, onOpen }: { body: TransferMessageBody; onOpen: (target: PaymentTarget) => void }) {
  const t = useT();
  const { transfer, error } = useTransfer(body.transferId, t);
  const state = useAppState((current) => current);
  const selfId = state.self?.id ?? '';
  const done = transfer !== undefined && transfer.status !== 'pending';
  const status = transfer ? transferStatusText(transfer, state, selfId, t) : (error ?? t('common.loading'));
  return (
    <button type="button" className={done ? 'pay-card pay-card-done' : 'pay-card'} data-status={transfer?.status ?? 'loading'} onClick={() => onOpen({ kind: 'transfer', id: body.transferId })}>
      <span className="pay-card-main">
        <span className="pay-card-icon">
          <Icon name={transfer?.status === 'accepted' ? 'check' : 'transfer'} size={26} />
        </span>
        <span className="pay-card-text">
          <span className="pay-card-amount">{formatMoney(body.amount, body.currency)}</span>
          <span className="pay-card-status">{status}</span>
          {body.note ? <span className="pay-card-note">{body.note}</span> : null}
        </span>
      </span>
      <span className="pay-card-foot">
        {t('transfer.title')}
        <TestMoney show={transfer?.testMoney ?? false} />
      </span>
    </button>
  );
}

/** The red-packet card: the greeting, and once it matters, opened / all gone / expired. */
export function RedPacketCard({ body, onOpen }: { body: RedPacketMessageBody; onOpen: (target: PaymentTarget) => void }) {
  const t = useT();
  const { packet } = useRedPacket(body.packetId, t);
  const shown = packetState(packet);
  return (
    <button type="button" className={shown ? 'pay-card pay-card-red pay-card-done' : 'pay-card pay-card-red'} data-status={shown ?? packet?.status ?? 'loading'} onClick={() => onOpen({ kind: 'red_packet', id: body.packetId })}>
      <span className="pay-card-main">
        <span className="pay-card-icon">
          <Icon name="redPacket" size={26} />
        </span>
        <span className="pay-card-text">
          <span className="pay-card-greeting">{body.greeting || t('redPacket.greetingDefault')}</span>
          {shown ? <span className="pay-card-status">{t(shown === 'opened' ? 'redPacket.opened' : shown === 'gone' ? 'redPacket.gone' : 'redPacket.expired')}</span> : null}
        </span>
      </span>
      <span className="pay-card-foot">
        {t('redPacket.title')}
        <TestMoney show={packet?.testMoney ?? false} />
      </span>
    </button>
  );
}
