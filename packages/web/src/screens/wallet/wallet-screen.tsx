import { formatDateTime, useT } from '../../i18n/i18n';
import { formatMoney } from '../../lib/money';
import { navigate } from '../../lib/router';
import { Cell, CellGroup } from '../../ui/cells';
import { Header } from '../../ui/header';
import { Icon } from '../../ui/icons';
import { ErrorState, Loading } from '../../ui/states';
import { useWallet } from '../pay/use-wallet';

/** Me -> Wallet: the balance (marked when it is test money), top-up, withdraw, statement and payment password. */
export function WalletScreen() {
  const t = useT();
  const { wallet, error, reload } = useWallet(t);
  const locked = wallet?.paymentPasswordLockedUntil && Date.parse(wallet.paymentPasswordLockedUntil) > Date.now() ? wallet.paymentPasswordLockedUntil : null;
  return (
    <div className="screen">
      <Header title={t('me.wallet')} back="/me" />
      <div className="scroll">
        {!wallet ? (
          error ? (
            <ErrorState message={error} onRetry={reload} />
          ) : (
            <Loading />
          )
        ) : (
          <>
            <section className="wallet-card" aria-label={t('wallet.balance')}>
              <Icon name="wallet" size={36} />
              <span className="wallet-label">
                {t('wallet.balance')}
                {wallet.testMoney ? <span className="test-money">{t('wallet.testMoney')}</span> : null}
              </span>
              <span className="wallet-balance" data-testid="wallet-balance">
                {formatMoney(wallet.balance, wallet.currency)}
              </span>
              {wallet.testMoney ? <p className="wallet-note">{t('wallet.testMoneyHint')}</p> : null}
              <span className="wallet-actions">
                <button type="button" className="button button-primary" onClick={() => navigate('/me/wallet/top-up')}>
                  {t('wallet.topUp')}
                </button>
                <button type="button" className="button button-secondary" onClick={() => navigate('/me/wallet/withdraw')}>
                  {t('wallet.withdraw')}
                </button>
              </span>
              <span className="hint">{t('wallet.dailyRemaining', { amount: formatMoney(Math.max(0, wallet.dailyLimit - wallet.spentToday), wallet.currency) })}</span>
            </section>
            <CellGroup>
              <Cell label={t('wallet.statement')} icon={<Icon name="file" size={20} />} onClick={() => navigate('/me/wallet/statement')} />
              <Cell label={t('wallet.summary')} icon={<Icon name="settings" size={20} />} onClick={() => navigate('/me/wallet/summary')} />
            </CellGroup>
            <CellGroup>
              <Cell
                label={t('wallet.paymentPassword')}
                icon={<Icon name="lock" size={20} />}
                value={locked ? t('wallet.passwordLocked', { time: formatDateTime(locked) }) : t(wallet.hasPaymentPassword ? 'wallet.passwordSet' : 'wallet.passwordNotSet')}
                onClick={() => navigate('/me/wallet/payment-password')}
              />
            </CellGroup>
          </>
        )}
      </div>
    </div>
  );
}
