import { movementKind, type Movement, type MovementKind } from '@tessera/protocol';
import { useEffect, useState } from 'react';
import { useAppState, useClient } from '../../app-context';
import { displayName } from '../../data/names';
import { formatDateTime, useT } from '../../i18n/i18n';
import { formatMoney, formatSignedFen } from '../../lib/money';
import { errorMessage } from '../../ui/error-message';
import { Header } from '../../ui/header';
import { Empty, ErrorState, Loading } from '../../ui/states';

const pageSize = 20;

interface Page {
  movements: Movement[];
  nextCursor: string | null;
}

/** One statement line: what, with whom, when, how much, and the balance after it. */
function MovementRow({ movement }: { movement: Movement }) {
  const t = useT();
  const counterparty = useAppState((state) => (movement.counterpartyId ? displayName(state, movement.counterpartyId) : null));
  const label = t(`movement.${movement.kind}`);
  return (
    <li className="movement">
      <span className="movement-text">
        <span className="movement-kind">
          {label}
          {counterparty ? ` · ${counterparty}` : ''}
        </span>
        {movement.memo ? <span className="movement-memo">{movement.memo}</span> : null}
        <span className="movement-time">{formatDateTime(movement.at)}</span>
      </span>
      <span className="movement-numbers">
        <span className={movement.amount > 0 ? 'movement-amount movement-in' : 'movement-amount'}>{formatSignedFen(movement.amount)}</span>
        <span className="movement-after">{t('statement.balanceAfter', { amount: formatMoney(movement.balanceAfter, movement.currency) })}</span>
      </span>
    </li>
  );
}

/** Every movement of the wallet, newest first, filtered by kind and by in or out, a page at a time. */
export function StatementScreen() {
  const t = useT();
  const client = useClient();
  const [kind, setKind] = useState<MovementKind | ''>('');
  const [direction, setDirection] = useState<'in' | 'out' | ''>('');
  const [page, setPage] = useState<Page | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const counterparties = (page?.movements ?? []).flatMap((movement) => (movement.counterpartyId ? [movement.counterpartyId] : []));
  const counterpartyKey = [...new Set(counterparties)].join(',');

  useEffect(() => {
    let live = true;
    setPage(null);
    setError(null);
    client.pay
      .statement({ ...(kind ? { kind } : {}), ...(direction ? { direction } : {}), limit: pageSize })
      .then((first) => live && setPage(first))
      .catch((caught: unknown) => live && setError(errorMessage(caught, t)));
    return () => {
      live = false;
    };
  }, [client, kind, direction, attempt, t]);

  useEffect(() => {
    if (counterpartyKey) void client.people.ensureProfiles(counterpartyKey.split(','));
  }, [client, counterpartyKey]);

  async function more() {
    if (!page?.nextCursor) return;
    setLoadingMore(true);
    try {
      const next = await client.pay.statement({ ...(kind ? { kind } : {}), ...(direction ? { direction } : {}), before: page.nextCursor, limit: pageSize });
      setPage({ movements: [...page.movements, ...next.movements], nextCursor: next.nextCursor });
    } catch (caught) {
      setError(errorMessage(caught, t));
    } finally {
      setLoadingMore(false);
    }
  }

  return (
    <div className="screen">
      <Header title={t('wallet.statement')} back="/me/wallet" />
      <div className="statement-filters">
        <label>
          <span className="visually-hidden">{t('statement.kind')}</span>
          <select aria-label={t('statement.kind')} value={kind} onChange={(event) => setKind(event.target.value as MovementKind | '')}>
            <option value="">{t('statement.allKinds')}</option>
            {movementKind.options.map((value) => (
              <option key={value} value={value}>
                {t(`movement.${value}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="visually-hidden">{t('statement.direction')}</span>
          <select aria-label={t('statement.direction')} value={direction} onChange={(event) => setDirection(event.target.value as 'in' | 'out' | '')}>
            <option value="">{t('statement.bothDirections')}</option>
            <option value="in">{t('statement.in')}</option>
            <option value="out">{t('statement.out')}</option>
          </select>
        </label>
      </div>
      <div className="scroll">
        {!page ? (
          error ? (
            <ErrorState message={error} onRetry={() => setAttempt((value) => value + 1)} />
          ) : (
            <Loading />
          )
        ) : page.movements.length === 0 ? (
          <Empty icon="file" title={t('statement.empty')} />
        ) : (
          <>
            <ul className="movement-list" aria-label={t('wallet.statement')}>
              {page.movements.map((movement) => (
                <MovementRow key={movement.id} movement={movement} />
              ))}
            </ul>
            {error ? (
              <p className="form-error" role="alert">
                {error}
              </p>
            ) : null}
            <div className="list-end">
              {page.nextCursor ? (
                <button type="button" className="button button-secondary button-small" disabled={loadingMore} onClick={() => void more()}>
                  {loadingMore ? t('common.loading') : t('statement.more')}
                </button>
              ) : (
                <span className="hint">{t('statement.end')}</span>
              )}
            </div>
          </>
        )}
      </div>
    </div>
  );
}
