import { convertRpx } from '../shared/rpx';
import type { MountedElement } from './dom-patch';

/**
 * The placeholder of `<input>` and `<textarea>`, drawn as its own element over the empty field
 * as WeChat draws it, so `placeholder-class` (a class from the page's or component's WXSS, scoped
 * like `class`) and `placeholder-style` style it. The native placeholder stays on the field for
 * assistive technology; the default styles make it transparent.
 */
export function updatePlaceholder(el: MountedElement, field: HTMLInputElement | HTMLTextAreaElement): void {
  const attributes = el.__v?.a ?? {};
  const text = typeof attributes.placeholder === 'string' ? attributes.placeholder : '';
  let holder = el.querySelector<HTMLElement>(':scope > .wx-placeholder');
  if (!text) {
    holder?.remove();
    return;
  }
  if (!holder) {
    holder = document.createElement('span');
    holder.setAttribute('aria-hidden', 'true');
    el.appendChild(holder);
  }
  const extra = typeof attributes['placeholder-class'] === 'string' ? attributes['placeholder-class'].trim() : '';
  const className = `wx-placeholder ${el.tagName === 'WX-TEXTAREA' ? 'textarea-placeholder' : 'input-placeholder'}${extra ? ` ${extra}` : ''}`;
  if (holder.className !== className) holder.className = className;
  const style = typeof attributes['placeholder-style'] === 'string' ? convertRpx(attributes['placeholder-style']) : '';
  if (holder.style.cssText !== style) holder.style.cssText = style;
  if (holder.textContent !== text) holder.textContent = text;
  holder.hidden = field.value !== '';
}
