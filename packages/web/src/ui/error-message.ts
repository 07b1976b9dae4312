import { en, type MessageKey } from '../i18n/en';
import { formatDateTime, type Translate } from '../i18n/i18n';
import { payErrorText } from '../lib/pay-error-text';

/**
 * A failure as words for the user: what its details say where we know them (a red-packet limit,
 * password tries left), else our translation of its code, else the server's message.
 */
export function errorMessage(error: unknown, t: Translate): string {
  const fields = typeof error === 'object' && error !== null ? (error as { code?: unknown; details?: unknown }) : {};
  const code = fields.code === undefined ? '' : String(fields.code);
  const specific = payErrorText(code, fields.details, t, formatDateTime);
  if (specific !== null) return specific;
  const key = `error.${code}`;
  if (key in en) return t(key as MessageKey);
  if (error instanceof Error && error.message) return error.message;
  return t('common.error');
}
