import { movementKind, type MonthlySummary } from '@tessera/protocol';
import { useEffect, useState } from 'react';
import { useClient } from '../../app-context';
import { useT } from '../../i18n/i18n';
import { formatMoney, formatSignedFen } from '../../lib/money';
import { errorMessage } from '../../ui/error-message';
import { Cell, CellGroup } from '../../ui/cells';
import { Header } from '../../ui/header';
import { Empty, ErrorState, Loading } from '../../ui/states';

/** This month as YYYY-MM in UTC, the server's reporting time zone. */
function currentMonth(now = new Date()): string {
  return now.toISOString().slice(0, 7);
}

/** Income, expense and the sum per kind for one month. */
export function SummaryScreen() {
  const t = useT();
  const client = useClient();
  const [month, setMonth] = useState(currentMonth);
  const [summary, setSummary] = useState<MonthlySummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!/^[0-9]{4}-[0-9]{2}$/.test(month)) return;
    let live = true;
    setSummary(null);
    setError(null);
    client.pay
      .summary(month)
      .then((answer) => live && setSummary(answer))
      .catch((caught: unknown) => live && setError(errorMessage(caught, t)));
    return () => {
      live = false;
    };
  }, [client, month, attempt, t]);

  return (
    <div className="screen">
      <Header title={t('wallet.summary')} back="/me/wallet" />
      <div className="scroll">
        <div className="statement-filters">
          <label>
            <span>{t('summary.month')} </span>
            <input type="month" value={month} max={currentMonth()} onChange={(event) => setMonth(event.target.value)} />
          </label>
        </div>
        {!summary ? (
          error ? (
            <ErrorState message={error} onRetry={() => setAttempt((value) => value + 1)} />
          ) : (
            <Loading />
          )
        ) : summary.count === 0 ? (
          <Empty icon="file" title={t('summary.empty')} />
        ) : (
          <>
            <CellGroup>
              <Cell label={t('summary.income')} value={formatMoney(summary.income, summary.currency)} />
              <Cell label={t('summary.expense')} value={formatMoney(summary.expense, summary.currency)} />
              <Cell label={t('summary.count', { count: summary.count })} />
            </CellGroup>
            <CellGroup title={t('summary.byKind')}>
              {movementKind.options
                .filter((kind) => summary.byKind[kind] !== undefined)
                .map((kind) => (
                  <Cell key={kind} label={t(`movement.${kind}`)} value={formatSignedFen(summary.byKind[kind] ?? 0)} />
                ))}
            </CellGroup>
          </>
        )}
      </div>
    </div>
  );
}
