import { useSyncExternalStore } from 'react';

/** Chromium's install prompt event (not yet in TypeScript's DOM types). */
interface InstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

let deferred: InstallPromptEvent | null = null;
const listeners = new Set<() => void>();

window.addEventListener('beforeinstallprompt', (event) => {
  // Kept for the Settings screen's "Install app", instead of the browser's own mini-infobar.
  event.preventDefault();
  deferred = event as InstallPromptEvent;
  for (const listener of listeners) listener();
});

/** Whether the browser offers to install the app right now. */
export function useCanInstall(): boolean {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => deferred !== null,
  );
}

export async function promptInstall(): Promise<void> {
  const event = deferred;
  if (!event) return;
  deferred = null;
  for (const listener of listeners) listener();
  await event.prompt();
}
