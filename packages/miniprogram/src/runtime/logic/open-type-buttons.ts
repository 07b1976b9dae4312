import type { ViewToLogic } from '../shared/runtime-messages';
import { invoke } from './lifecycle-invoker';
import { callPage, type PageRecord } from './page-instance';

type CallHost = (name: string, args: unknown) => Promise<unknown>;

/** open-type="getPhoneNumber": the host asks the user; the handler gets a code or the refusal. */
export async function phoneNumberForButton(record: PageRecord, message: Extract<ViewToLogic, { type: 'phone' }>, callHost: CallHost): Promise<void> {
  const detail = await callHost('getPhoneNumber', {}).then(
    (result) => ({ ...(result as Record<string, unknown>), errMsg: 'getPhoneNumber:ok' }),
    (error: unknown) => ({ errMsg: (error as Error).message }),
  );
  const target = message.owner === 0 ? record.instance : record.components.get(message.owner)?.instance;
  const event = { type: 'getphonenumber', timeStamp: Date.now(), target: message.target, currentTarget: message.target, detail, mark: {} };
  invoke(target?.[message.handler], target, [event], `${message.handler} (getphonenumber)`);
}

/** open-type="share": Page.onShareAppMessage gives the card; the host draws it from that answer. */
export async function shareFromButton(record: PageRecord, target: { id: string; dataset: Record<string, unknown> }, callHost: CallHost): Promise<void> {
  const answer = (await Promise.resolve(callPage(record, 'onShareAppMessage', [{ from: 'button', target }]))) as Record<string, unknown> | undefined;
  const card = { title: answer?.title ?? '', path: answer?.path ?? `/${record.path}`, imageUrl: answer?.imageUrl ?? '' };
  await callHost('shareAppMessage', card).catch((error: unknown) => console.warn(`share: ${(error as Error).message}`));
}
