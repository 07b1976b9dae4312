import type { ViewToLogic } from '../shared/runtime-messages';
import { anonymousUserInfo } from '../shared/anonymous-user';
import { invoke } from './lifecycle-invoker';
import { callPage, type PageRecord } from './page-instance';

type CallHost = (name: string, args: unknown) => Promise<unknown>;
type OpenTypeMessage = Extract<ViewToLogic, { type: 'open-type' }>;

/** Delivers one button event to the handler the button names, on the page or component that owns it. */
function fire(record: PageRecord, message: OpenTypeMessage, type: string, detail: unknown): void {
  const handler = message.handlers[type];
  if (!handler) return;
  const target = message.owner === 0 ? record.instance : record.components.get(message.owner)?.instance;
  const event = { type, timeStamp: Date.now(), target: message.target, currentTarget: message.target, detail, mark: {} };
  invoke(target?.[handler], target, [event], `${handler} (${type})`);
}

/** The host's answer, or its errMsg logged to the console (what WeChat's developer tools show). */
async function ask(callHost: CallHost, name: string, args: Record<string, unknown>): Promise<Record<string, unknown> | undefined> {
  try {
    return (await callHost(name, args)) as Record<string, unknown>;
  } catch (error) {
    console.error((error as Error).message);
    return undefined;
  }
}

/**
 * A tapped `<button open-type>` other than share, as WeChat has it: the host asks the user or
 * opens its own screen, and the button's handler hears the outcome. Open types the platform does
 * not offer fail through `binderror` with "<name>:fail not supported".
 */
export async function openTypeFromButton(record: PageRecord, message: OpenTypeMessage, callHost: CallHost): Promise<void> {
  switch (message.openType) {
    case 'getPhoneNumber': {
      const detail = await callHost('getPhoneNumber', {}).then(
        (result) => ({ ...(result as Record<string, unknown>), errMsg: 'getPhoneNumber:ok' }),
        (error: unknown) => ({ errMsg: (error as Error).message }),
      );
      fire(record, message, 'getphonenumber', detail);
      return;
    }
    case 'chooseAvatar': {
      const result = await ask(callHost, 'chooseAvatar', {});
      if (result) fire(record, message, 'chooseavatar', { avatarUrl: result.avatarUrl });
      return;
    }
    case 'openSetting': {
      const result = await ask(callHost, 'openSetting', {});
      if (result) fire(record, message, 'opensetting', { authSetting: result.authSetting, errMsg: 'openSetting:ok' });
      return;
    }
    case 'getUserInfo': {
      // Since 2021 WeChat answers with the anonymous profile and asks nothing.
      const userInfo = anonymousUserInfo();
      fire(record, message, 'getuserinfo', { userInfo, rawData: JSON.stringify(userInfo), errMsg: 'getUserInfo:ok' });
      return;
    }
    case 'feedback':
      await ask(callHost, 'feedback', {});
      return;
    case 'contact': {
      const attributes = message.attributes;
      const result = await ask(callHost, 'contact', {
        sessionFrom: attributes['session-from'] ?? '',
        sendMessageTitle: attributes['send-message-title'] ?? '',
        // WeChat's card opens the current page unless the button names another.
        sendMessagePath: attributes['send-message-path'] || `/${record.path}`,
        sendMessageImg: attributes['send-message-img'] ?? '',
        showMessageCard: attributes['show-message-card'] !== undefined && attributes['show-message-card'] !== 'false',
      });
      if (result) fire(record, message, 'contact', { path: result.path ?? '', query: result.query ?? {}, errMsg: 'enterContact:ok' });
      return;
    }
    default: {
      const errMsg = `${message.openType}:fail not supported`;
      console.error(`<button open-type="${message.openType}">: ${errMsg}`);
      fire(record, message, 'error', { errMsg });
    }
  }
}

/** open-type="share": Page.onShareAppMessage gives the card; the host draws it from that answer. */
export async function shareFromButton(record: PageRecord, target: { id: string; dataset: Record<string, unknown> }, callHost: CallHost): Promise<void> {
  const answer = (await Promise.resolve(callPage(record, 'onShareAppMessage', [{ from: 'button', target }]))) as Record<string, unknown> | undefined;
  const card = { title: answer?.title ?? '', path: answer?.path ?? `/${record.path}`, imageUrl: answer?.imageUrl ?? '' };
  await callHost('shareAppMessage', card).catch((error: unknown) => console.warn(`share: ${(error as Error).message}`));
}
