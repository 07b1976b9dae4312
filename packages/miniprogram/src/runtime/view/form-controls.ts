import type { MountedElement } from './dom-patch';
import type { VElement } from './vnode';

/** What built-ins need from the view: firing their own (non-bubbling) events, navigating. */
export interface BuiltInContext {
  emit(el: MountedElement, type: string, detail: unknown): void;
  navigate(openType: string, url: string, delta: number): void;
  /** A button with open-type="share" was tapped. */
  share(button: MountedElement): void;
  /** A button with an open-type other than share was tapped: the host acts, the page's handler hears. */
  openType(button: MountedElement, openType: string): void;
  /** An `<input type="nickname">` gained or lost focus. */
  nickname(focused: boolean): void;
  /** Whether a `<web-view>` may show this URL (the app's business domains). */
  webViewAllowed(url: string): boolean;
  /** Resolves a resource path (`/images/a.png`, `../img/b.png`) written in the template of `owner`. */
  asset(path: string, owner: number): string;
  /** Tells the developer (the logic layer's console) why a built-in could not do what was asked. */
  report(message: string): void;
}

/** Per-element state of controls whose value the user changes (checked boxes, switches). */
export interface ControlState {
  checked?: boolean;
  value?: unknown;
}

/** State kept on the element so it survives re-renders that do not change the bound value. */
export function controlState(el: MountedElement): ControlState {
  const holder = el as MountedElement & { __state?: ControlState };
  holder.__state ??= {};
  return holder.__state;
}

function attr(el: MountedElement, name: string): unknown {
  return (el.__v as VElement | undefined)?.a[name];
}

function mountedDescendants(root: HTMLElement, tag: string): MountedElement[] {
  return Array.from(root.querySelectorAll(`wx-${tag}`)) as MountedElement[];
}

/** The current value of one form control, as the form's submit event reports it. */
export function controlValue(el: MountedElement): unknown {
  const tag = el.__v?.t;
  switch (tag) {
    case 'input':
    case 'textarea':
      return (el.querySelector('input, textarea') as HTMLInputElement | null)?.value ?? '';
    case 'switch':
      return !!controlState(el).checked;
    case 'slider':
      return Number((el.querySelector('input') as HTMLInputElement | null)?.value ?? 0);
    case 'picker':
      return controlState(el).value ?? attr(el, 'value') ?? '';
    case 'checkbox-group':
      return mountedDescendants(el, 'checkbox').filter((box) => controlState(box).checked).map((box) => String(attr(box, 'value') ?? ''));
    case 'radio-group':
      return mountedDescendants(el, 'radio').filter((box) => controlState(box).checked).map((box) => String(attr(box, 'value') ?? ''))[0] ?? '';
    default:
      return undefined;
  }
}

/** Collects `name` -> value for every named control inside a form. */
export function formValues(form: HTMLElement): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const el of Array.from(form.querySelectorAll('*')) as MountedElement[]) {
    const name = el.__v && !el.__v.p ? attr(el, 'name') : undefined;
    if (typeof name !== 'string' || !name) continue;
    const value = controlValue(el);
    if (value !== undefined) values[name] = value;
  }
  return values;
}

/** Resets every control in a form to empty/unchecked. */
export function resetForm(form: HTMLElement): void {
  for (const field of Array.from(form.querySelectorAll('input, textarea')) as HTMLInputElement[]) {
    if (field.type === 'range') field.value = field.min || '0';
    else field.value = '';
  }
  for (const el of Array.from(form.querySelectorAll('wx-checkbox, wx-radio, wx-switch')) as MountedElement[]) {
    setChecked(el, false);
  }
}

/** Toggles a checkbox or selects a radio, then fires the group's change event. */
export function activateChoice(el: MountedElement, context: BuiltInContext): void {
  if (attr(el, 'disabled')) return;
  const tag = el.__v?.t;
  const group = el.closest(tag === 'radio' ? 'wx-radio-group' : 'wx-checkbox-group') as MountedElement | null;
  if (tag === 'radio') {
    if (controlState(el).checked) return;
    for (const other of group ? mountedDescendants(group, 'radio') : [el]) {
      setChecked(other, other === el);
    }
  } else {
    setChecked(el, !controlState(el).checked);
  }
  if (group) context.emit(group, 'change', { value: controlValue(group) });
}

/**
 * Sets a checkbox, radio or switch's state. WeChat's controls carry `aria-checked`, and
 * stylesheets written for them (WeUI's simulated switch) select on it.
 */
export function setChecked(el: MountedElement, checked: boolean): void {
  controlState(el).checked = checked;
  el.classList.toggle('wx-checked', checked);
  el.setAttribute('aria-checked', String(checked));
}
