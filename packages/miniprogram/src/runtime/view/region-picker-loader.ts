import { REGION_PICKER_GLOBAL, REGION_PICKER_MESSAGE, REGION_REQUEST_MESSAGE, type RegionTable } from '../shared/region-table';
import type { MountedElement } from './dom-patch';
import type { BuiltInContext } from './form-controls';

/** What the region picker's bundle defines once it runs (see region-picker-main.ts). */
interface RegionPickerModule {
  open(el: MountedElement, context: BuiltInContext, table: RegionTable): void;
}

/** The runtime's own nonce, read while its script runs: the picker's code is added under it. */
const nonce = (document.currentScript as HTMLScriptElement | null)?.nonce ?? '';
/** How long the view waits for its host before it says the picker is unavailable. */
const HOST_TIMEOUT_MS = 15_000;
let loading: Promise<{ picker: RegionPickerModule; table: RegionTable }> | undefined;

/**
 * The region picker's code and the division table, asked of the host the first time a picker
 * opens (the view has no network of its own). A failed request is forgotten so the next tap asks again.
 */
function loadRegionPicker(): Promise<{ picker: RegionPickerModule; table: RegionTable }> {
  loading ??= new Promise((resolve, reject) => {
    const finish = (error?: string, answer?: { picker: RegionPickerModule; table: RegionTable }): void => {
      removeEventListener('message', listen);
      clearTimeout(timer);
      if (answer) return resolve(answer);
      loading = undefined;
      reject(new Error(`[picker_region_data_unavailable] <picker mode="region"> cannot open: ${error ?? 'no answer'}`));
    };
    const listen = (event: MessageEvent): void => {
      const data = event.data as { type?: unknown; script?: unknown; table?: RegionTable; error?: unknown } | null;
      if (event.source !== window.parent || data?.type !== REGION_PICKER_MESSAGE) return;
      if (typeof data.script !== 'string' || !Array.isArray(data.table?.provinces)) return finish(String(data.error ?? 'the host sent no picker'));
      const script = Object.assign(document.createElement('script'), { nonce, textContent: data.script });
      document.head.appendChild(script).remove();
      const picker = (globalThis as unknown as Record<string, RegionPickerModule | undefined>)[REGION_PICKER_GLOBAL];
      if (typeof picker?.open !== 'function') return finish('its code did not run');
      finish(undefined, { picker, table: data.table });
    };
    const timer = setTimeout(() => finish('the host did not answer'), HOST_TIMEOUT_MS);
    addEventListener('message', listen);
    window.parent.postMessage({ type: REGION_REQUEST_MESSAGE }, '*');
  });
  return loading;
}

/** A tap on `<picker mode="region">`: load the picker once, then open its sheet. */
export function openRegionPicker(el: MountedElement, context: BuiltInContext): void {
  loadRegionPicker().then(
    ({ picker, table }) => picker.open(el, context, table),
    (error: unknown) => context.report(error instanceof Error ? error.message : String(error)),
  );
}
