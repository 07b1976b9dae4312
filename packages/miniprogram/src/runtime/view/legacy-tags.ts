import type { MountedElement } from './dom-patch';
import type { BuiltInContext } from './form-controls';
import type { VElement } from './vnode';

/**
 * The base library's early prompt components, `<modal>`, `<loading>`, `<toast>` and
 * `<action-sheet>` (with `<action-sheet-item>` and `<action-sheet-cancel>`), which WeChat later
 * replaced with wx.showModal and friends. Older published programs still draw their prompts with
 * them, driven by `hidden`, so they are drawn here with WeChat's look rather than dropped.
 */
export const LEGACY_TAGS = new Set(['modal', 'loading', 'toast', 'action-sheet', 'action-sheet-cancel']);

/** Builds a legacy prompt's frame; returns where the template's children go. */
export function createLegacy(node: VElement, el: MountedElement, context: BuiltInContext): HTMLElement {
  const part = (className: string, parent: HTMLElement = el): HTMLElement => {
    const element = document.createElement('span');
    element.className = className;
    parent.appendChild(element);
    return element;
  };
  switch (node.t) {
    case 'toast':
    case 'loading': {
      const box = part('wx-legacy-box');
      part(node.t === 'toast' ? 'wx-legacy-icon wx-legacy-success' : 'wx-legacy-icon wx-legacy-spinner', box);
      return part('wx-legacy-text', box);
    }
    case 'modal': {
      const mask = part('wx-legacy-mask');
      // WeChat's modal closes as a cancel when its mask is tapped.
      mask.addEventListener('click', () => context.emit(el, 'cancel', {}));
      const dialog = part('wx-modal-dialog');
      part('wx-modal-title', dialog);
      const content = part('wx-modal-content', dialog);
      const buttons = part('wx-modal-buttons', dialog);
      const cancel = part('wx-modal-button wx-modal-cancel', buttons);
      cancel.setAttribute('role', 'button');
      cancel.addEventListener('click', () => context.emit(el, 'cancel', {}));
      const confirm = part('wx-modal-button wx-modal-confirm', buttons);
      confirm.setAttribute('role', 'button');
      confirm.addEventListener('click', () => context.emit(el, 'confirm', {}));
      return content;
    }
    case 'action-sheet': {
      const mask = part('wx-legacy-mask');
      mask.addEventListener('click', () => context.emit(el, 'change', {}));
      return part('wx-action-sheet-menu');
    }
    case 'action-sheet-cancel':
      // Tapping the cancel row closes its sheet: the sheet hears `change`, as in WeChat.
      el.setAttribute('role', 'button');
      el.addEventListener('click', () => {
        const sheet = el.closest('wx-action-sheet') as MountedElement | null;
        if (sheet) context.emit(sheet, 'change', {});
      });
      return el;
    default:
      return el;
  }
}

/** Applies a legacy prompt's attributes: titles and button texts, and the toast's timer. */
export function updateLegacy(node: VElement, previous: VElement | undefined, el: MountedElement, context: BuiltInContext): void {
  const shown = (vnode: VElement | undefined): boolean => vnode !== undefined && !isHidden(vnode.a.hidden);
  if (node.t === 'modal') {
    const text = (name: string, fallback: string): string => (typeof node.a[name] === 'string' ? (node.a[name] as string) : fallback);
    (el.querySelector('.wx-modal-title') as HTMLElement).textContent = text('title', '');
    const cancel = el.querySelector('.wx-modal-cancel') as HTMLElement;
    cancel.textContent = text('cancel-text', '取消');
    cancel.hidden = !!node.a['no-cancel'] && node.a['no-cancel'] !== 'false';
    (el.querySelector('.wx-modal-confirm') as HTMLElement).textContent = text('confirm-text', '确定');
  }
  // An action sheet starts hidden unless the template says otherwise; the other three start shown.
  if (node.t === 'action-sheet' && !('hidden' in node.a)) el.hidden = true;
  // A toast asks to be hidden `duration` ms (1500 by default) after it appears, through `change`.
  if (node.t === 'toast' && shown(node) && !(previous && shown(previous))) {
    const duration = node.a.duration === undefined ? 1500 : Number(node.a.duration);
    window.setTimeout(() => {
      if (el.isConnected && !isHidden(el.__v?.a.hidden)) context.emit(el, 'change', {});
    }, Number.isFinite(duration) ? duration : 1500);
  }
}

function isHidden(value: unknown): boolean {
  return !!value && value !== 'false';
}
