import type { MountedElement } from './dom-patch';
import type { BuiltInContext } from './form-controls';
import type { VElement } from './vnode';

/** The `<input type="nickname">` field that has focus: the one the host's suggestion fills. */
let focusedField: HTMLInputElement | undefined;

/**
 * `<input type="nickname">`: while it has focus the host offers the user's nickname (WeChat shows
 * it above the keyboard); once it loses focus the page hears `nicknamereview`. There is no
 * content check behind the review here, so it always passes.
 */
export function watchNickname(el: MountedElement, field: HTMLInputElement, context: BuiltInContext): void {
  field.addEventListener('focus', () => {
    if ((el.__v as VElement | undefined)?.a.type !== 'nickname') return;
    focusedField = field;
    context.nickname(true);
  });
  // Registered after the field's own blur listener, so `blur` reaches the page before the review.
  field.addEventListener('blur', () => {
    if (focusedField !== field) return;
    focusedField = undefined;
    context.nickname(false);
    context.emit(el, 'nicknamereview', { pass: true, timeout: false });
  });
}

/** Puts the nickname the user took into the focused field, as if typed (the page hears `input`). */
export function fillNickname(value: string): void {
  const field = focusedField;
  if (!field) return;
  field.value = field.maxLength >= 0 ? value.slice(0, field.maxLength) : value;
  field.dispatchEvent(new Event('input'));
}
