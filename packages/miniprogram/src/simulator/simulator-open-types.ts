import type { HostHooks } from '../runtime/host/host-bridge';
import { HookFailure } from '../runtime/host/host-bridge';
import { DEFAULT_AVATAR_URL } from '../runtime/shared/anonymous-user';
import { readFile } from './simulator-files';

/** The simulated user's nickname (the one getUserProfile gives), offered to nickname inputs. */
export const SIMULATED_NICKNAME = 'Developer';

/** The simulator's words for these screens: [English, Chinese]. */
const TEXT = {
  avatarTitle: ['Choose your avatar', '选择头像'],
  defaultAvatar: ['Use the default avatar', '使用默认头像'],
  cancel: ['Cancel', '取消'],
  feedbackTitle: ['Feedback', '意见反馈'],
  feedbackPlaceholder: ['Describe the problem', '请描述你遇到的问题'],
  send: ['Send', '发送'],
  contactTitle: ['Customer service', '客服消息'],
  contactText: ['This would open the customer service chat of mini program {app}.', '此处将打开小程序 {app} 的客服会话。'],
  sessionFrom: ['session-from: {from}', 'session-from：{from}'],
  openCard: ['Open the card "{title}" ({path})', '打开卡片「{title}」（{path}）'],
  back: ['Back to the mini program', '返回小程序'],
  nicknameLabel: ['Use your WeChat nickname', '使用微信昵称'],
} satisfies Record<string, [string, string]>;

/** Text in the simulator's language (Chinese when the browser's language is Chinese), with `{name}` filled in. */
function say(key: keyof typeof TEXT, values: Record<string, string> = {}): string {
  const [english, chinese] = TEXT[key];
  const text = /^zh\b/i.test(navigator.language) ? chinese : english;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '');
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text = ''): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

/** Splits a card's page path ("/pages/a/a?x=1") into the path and its query, as bindcontact reports them. */
function splitPath(full: string): { path: string; query: Record<string, string> } {
  const at = full.indexOf('?');
  if (at < 0) return { path: full, query: {} };
  return { path: full.slice(0, at), query: Object.fromEntries(new URLSearchParams(full.slice(at + 1))) };
}

/**
 * The simulator's side of the button open-types and the nickname input: the avatar picker, the
 * feedback form, the customer service sheet and the nickname suggestion, drawn in the phone
 * screen's overlay. `log` writes to the simulator's console.
 */
export function openTypeHooks(overlay: () => HTMLElement, log: (text: string) => void, appId: string): HostHooks {
  const clear = (): void => overlay().replaceChildren();
  /** The pending nickname offer, failed when the input loses focus. */
  let offer: { chip: HTMLElement; reject(error: Error): void } | undefined;
  const withdraw = (): void => {
    if (!offer) return;
    offer.chip.remove();
    offer.reject(new HookFailure('showNicknameSuggestion:fail cancel'));
    offer = undefined;
  };
  return {
    chooseAvatar: () =>
      new Promise((resolve, reject) => {
        const sheet = element('div', 'tsr-sheet tsr-avatar');
        const input = element('input', 'tsr-file');
        input.type = 'file';
        input.accept = 'image/*';
        input.addEventListener('change', () => {
          const file = input.files?.[0];
          clear();
          if (!file) reject(new HookFailure('chooseAvatar:fail cancel'));
          else void readFile(file).then((picked) => resolve({ avatarUrl: picked.path }), reject);
        });
        const useDefault = element('button', 'tsr-avatar-default', say('defaultAvatar'));
        useDefault.addEventListener('click', () => {
          clear();
          resolve({ avatarUrl: DEFAULT_AVATAR_URL });
        });
        const cancel = element('button', '', say('cancel'));
        cancel.addEventListener('click', () => {
          clear();
          reject(new HookFailure('chooseAvatar:fail cancel'));
        });
        sheet.append(element('h3', 'tsr-sheet-title', say('avatarTitle')), useDefault, input, cancel);
        overlay().replaceChildren(sheet);
      }),
    feedback: () =>
      new Promise((resolve) => {
        const sheet = element('div', 'tsr-sheet tsr-feedback');
        const content = element('textarea', '');
        content.placeholder = say('feedbackPlaceholder');
        const send = element('button', '', say('send'));
        send.style.color = '#07c160';
        send.addEventListener('click', () => {
          clear();
          log(`feedback sent ${JSON.stringify({ content: content.value })}`);
          resolve();
        });
        const cancel = element('button', '', say('cancel'));
        cancel.addEventListener('click', () => {
          clear();
          resolve();
        });
        sheet.append(element('h3', 'tsr-sheet-title', say('feedbackTitle')), content, send, cancel);
        overlay().replaceChildren(sheet);
      }),
    contact: (args) =>
      new Promise((resolve) => {
        const sheet = element('div', 'tsr-sheet tsr-contact');
        const sessionFrom = String(args.sessionFrom ?? '');
        const lines = [say('contactText', { app: appId })];
        if (sessionFrom) lines.push(say('sessionFrom', { from: sessionFrom }));
        sheet.append(element('h3', 'tsr-sheet-title', say('contactTitle')), element('p', 'tsr-sheet-text', lines.join('\n')));
        const back = (result: { path: string; query: Record<string, string> }): void => {
          clear();
          log(`contact closed ${JSON.stringify({ sessionFrom, ...result })}`);
          resolve(result);
        };
        if (args.showMessageCard === true) {
          const path = String(args.sendMessagePath ?? '');
          const card = element('button', 'tsr-contact-card', say('openCard', { title: String(args.sendMessageTitle ?? ''), path }));
          card.addEventListener('click', () => back(splitPath(path)));
          sheet.appendChild(card);
        }
        const leave = element('button', '', say('back'));
        leave.addEventListener('click', () => back({ path: '', query: {} }));
        sheet.appendChild(leave);
        overlay().replaceChildren(sheet);
      }),
    showNicknameSuggestion: () =>
      new Promise((resolve, reject) => {
        withdraw();
        const chip = element('div', 'tsr-nickname');
        const take = element('button', '', SIMULATED_NICKNAME);
        // Keeps the focus in the page's input, as a keyboard's suggestion bar does.
        take.addEventListener('mousedown', (event) => event.preventDefault());
        take.addEventListener('click', () => {
          chip.remove();
          offer = undefined;
          resolve({ nickName: SIMULATED_NICKNAME });
        });
        chip.append(element('span', '', say('nicknameLabel')), take);
        offer = { chip, reject };
        overlay().replaceChildren(chip);
      }),
    hideNicknameSuggestion: async () => withdraw(),
  };
}
