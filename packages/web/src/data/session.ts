import type { StoredSession } from './client';

const key = 'tessera.session';

export function loadSession(): StoredSession | null {
  try {
    const parsed = JSON.parse(localStorage.getItem(key) ?? 'null') as Partial<StoredSession> | null;
    return parsed?.token && parsed.userId ? { token: parsed.token, userId: parsed.userId } : null;
  } catch {
    return null;
  }
}

export function saveSession(session: StoredSession): void {
  localStorage.setItem(key, JSON.stringify(session));
}

export function clearSession(): void {
  localStorage.removeItem(key);
}
