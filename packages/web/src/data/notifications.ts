import type { Message } from '@tessera/protocol';
import { translate } from '../i18n/i18n';
import type { TesseraClient } from './client';
import { messagePreview, displayName } from './names';

const settingKey = 'tessera.notifications';

/** Whether the user turned message notifications on for this browser. */
export function notificationsEnabled(): boolean {
  return localStorage.getItem(settingKey) === 'on' && 'Notification' in window && Notification.permission === 'granted';
}

/** Asks the browser for permission and remembers the choice. */
export async function enableNotifications(on: boolean): Promise<NotificationPermission | 'unsupported'> {
  if (!('Notification' in window)) return 'unsupported';
  if (!on) {
    localStorage.setItem(settingKey, 'off');
    return Notification.permission;
  }
  const permission = Notification.permission === 'default' ? await Notification.requestPermission() : Notification.permission;
  localStorage.setItem(settingKey, permission === 'granted' ? 'on' : 'off');
  return permission;
}

/** Shows a notification for each new message when the tab is hidden and the chat is not muted. */
export function notifyIncoming(client: TesseraClient, messages: Message[]): void {
  if (messages.length === 0 || document.visibilityState === 'visible' || !notificationsEnabled()) return;
  const state = client.store.get();
  for (const message of messages) {
    const conversation = state.conversations.get(message.conversationId);
    if (!conversation || conversation.muted) continue;
    const sender = displayName(state, message.senderId);
    const title = conversation.kind === 'group' ? conversation.name || translate('chatInfo.unnamed') : sender;
    const body = conversation.kind === 'group' ? `${sender}: ${messagePreview(message, state, client.userId)}` : messagePreview(message, state, client.userId);
    void show(title || translate('notify.newMessage'), { body, tag: conversation.id, icon: '/icons/icon-192.png', data: { url: `/chats/${conversation.id}` } });
  }
}

/**
 * Shows a notification through the service worker where there is one (the only way on Android,
 * and the worker opens the chat when it is clicked), else through the page.
 */
async function show(title: string, options: NotificationOptions & { data: { url: string } }): Promise<void> {
  const registration = 'serviceWorker' in navigator ? await navigator.serviceWorker.getRegistration() : undefined;
  if (registration?.active) {
    await registration.showNotification(title, options);
    return;
  }
  const notification = new Notification(title, options);
  notification.onclick = () => {
    window.focus();
    window.history.pushState({ depth: 1 }, '', options.data.url);
    window.dispatchEvent(new PopStateEvent('popstate'));
  };
}
