import type { MountedElement } from './dom-patch';
import { controlState, type BuiltInContext } from './form-controls';
import type { VElement } from './vnode';

/**
 * picker: the developer's content with native controls laid over it, invisible: one select for
 * `selector`, one per column for `multiSelector`, a date or time input for `date`/`time`.
 */
export function createPicker(el: MountedElement, context: BuiltInContext): HTMLElement {
  const content = document.createElement('span');
  el.appendChild(content);
  el.addEventListener('change', (event) => {
    const control = event.target as HTMLSelectElement | HTMLInputElement;
    const mode = el.__v?.a.mode ?? 'selector';
    if (mode === 'multiSelector') {
      const columns = Array.from(el.querySelectorAll(':scope > .wx-picker-columns > select')) as HTMLSelectElement[];
      const column = columns.indexOf(control as HTMLSelectElement);
      const value = columns.map((select) => Number(select.value));
      controlState(el).value = value;
      context.emit(el, 'columnchange', { column, value: Number(control.value) });
      context.emit(el, 'change', { value });
      return;
    }
    const value = mode === 'selector' ? Number(control.value) : control.value;
    controlState(el).value = value;
    context.emit(el, 'change', { value });
  });
  return content;
}

/** Rebuilds the overlaid controls from range, range-key, value, start and end. */
export function updatePicker(node: VElement, el: MountedElement): void {
  const mode = typeof node.a.mode === 'string' ? node.a.mode : 'selector';
  for (const stale of Array.from(el.querySelectorAll(':scope > .wx-picker-control, :scope > .wx-picker-columns'))) {
    if ((stale as HTMLElement).dataset.mode !== mode) stale.remove();
  }
  // A region picker opens a sheet when tapped (see region-picker.ts): no controls lie over it.
  if (mode === 'region') return;
  const key = typeof node.a['range-key'] === 'string' ? node.a['range-key'] : '';
  if (mode === 'multiSelector') {
    let columns = el.querySelector(':scope > .wx-picker-columns') as HTMLElement | null;
    if (!columns) {
      columns = Object.assign(document.createElement('span'), { className: 'wx-picker-columns' });
      columns.dataset.mode = mode;
      el.appendChild(columns);
    }
    const ranges = Array.isArray(node.a.range) ? (node.a.range as unknown[]).map((column) => (Array.isArray(column) ? column : [])) : [];
    const values = Array.isArray(node.a.value) ? (node.a.value as unknown[]) : [];
    columns.replaceChildren(...ranges.map((range, index) => fillSelect(document.createElement('select'), range, key, values[index], !!node.a.disabled)));
    return;
  }
  let control = el.querySelector(':scope > .wx-picker-control') as HTMLSelectElement | HTMLInputElement | null;
  if (!control) {
    control = mode === 'selector' ? document.createElement('select') : Object.assign(document.createElement('input'), { type: mode === 'time' ? 'time' : 'date' });
    control.className = 'wx-picker-control';
    control.dataset.mode = mode;
    el.appendChild(control);
  }
  if (control instanceof HTMLSelectElement) {
    fillSelect(control, Array.isArray(node.a.range) ? (node.a.range as unknown[]) : [], key, node.a.value, !!node.a.disabled);
    return;
  }
  control.disabled = !!node.a.disabled;
  control.value = String(node.a.value ?? '');
  if (typeof node.a.start === 'string') control.min = node.a.start;
  if (typeof node.a.end === 'string') control.max = node.a.end;
}

function fillSelect(select: HTMLSelectElement, range: unknown[], key: string, value: unknown, disabled: boolean): HTMLSelectElement {
  const label = (item: unknown): string => String(key && item && typeof item === 'object' ? (item as Record<string, unknown>)[key] : item);
  select.replaceChildren(...range.map((item, index) => Object.assign(document.createElement('option'), { value: String(index), textContent: label(item) })));
  select.value = String(value ?? 0);
  select.disabled = disabled;
  return select;
}
