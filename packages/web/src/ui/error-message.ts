import { en, type MessageKey } from '../i18n/en';
import type { Translate } from '../i18n/i18n';

/** A failure as words for the user: our translation of its code, else the server's message. */
export function errorMessage(error: unknown, t: Translate): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  const key = `error.${code}`;
  if (key in en) return t(key as MessageKey);
  if (error instanceof Error && error.message) return error.message;
  return t('common.error');
}
