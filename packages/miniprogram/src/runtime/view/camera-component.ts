import { CAMERA_EVENT_MESSAGE, CAMERA_PLACE_MESSAGE, type CameraEventMessage, type CameraPlacement, type CameraSettings } from '../shared/camera-messages';
import type { MountedElement } from './dom-patch';
import type { BuiltInContext } from './form-controls';

/** Allowed values of each attribute the host acts on; the first is WeChat's default. */
const ATTRIBUTES: Record<keyof CameraSettings, [attribute: string, values: string[]]> = {
  mode: ['mode', ['normal', 'scanCode']],
  devicePosition: ['device-position', ['back', 'front']],
  flash: ['flash', ['auto', 'on', 'off', 'torch']],
  resolution: ['resolution', ['medium', 'low', 'high']],
  frameSize: ['frame-size', ['medium', 'small', 'large']],
};

const cameras = new Map<number, MountedElement>();
let nextId = 1;
let current: BuiltInContext | undefined;

/**
 * `<camera>`: the view only reports where the element is and what it asks for; the host opens
 * the device and lays its own preview over that rectangle (this frame may not use devices).
 * WeChat allows one camera per page; a second one gets binderror.
 */
export function createCamera(el: MountedElement, context: BuiltInContext): HTMLElement {
  if (!current) addEventListener('message', hearHost);
  current = context;
  follow(nextId++, el, context);
  return el;
}

/** The host's events for a camera: fired on the element as its own (non-bubbling) events. */
function hearHost(event: MessageEvent): void {
  const data = event.data as CameraEventMessage | null;
  if (event.source !== window.parent || data?.type !== CAMERA_EVENT_MESSAGE) return;
  const el = cameras.get(data.id);
  if (el?.isConnected && current) current.emit(el, data.name, data.detail);
}

/**
 * Reports the element's box to the host whenever it changes, each frame while the element is
 * in the document: scrolling, resizing and any layout change above it all move it, and no one
 * observer hears all of those. Reports null once it has been removed.
 */
function follow(id: number, el: MountedElement, context: BuiltInContext): void {
  let lastPlace = '';
  let lastWritten = '';
  let inserted = false;
  const post = (message: CameraPlacement): void => window.parent.postMessage(message, '*');
  const step = (): void => {
    if (!el.isConnected) {
      // A render inserts what it creates at once: one not in the document by now was dropped.
      if (!inserted) return;
      cameras.delete(id);
      post({ type: CAMERA_PLACE_MESSAGE, id, rect: null, settings: settingsOf(el) });
      return;
    }
    if (!inserted) {
      inserted = true;
      // Checked once in the document, so a camera replacing another in the same render is not refused.
      if ([...cameras.values()].some((other) => other.isConnected)) {
        context.emit(el, 'error', { errMsg: 'insertCamera:fail only one camera can be inserted in a page' });
        context.report('[camera_more_than_one] a page can show only one <camera>; the second one stays blank');
        return;
      }
      cameras.set(id, el);
    }
    const box = el.getBoundingClientRect();
    const settings = settingsOf(el);
    const message: CameraPlacement = { type: CAMERA_PLACE_MESSAGE, id, rect: { left: box.left, top: box.top, width: box.width, height: box.height }, settings };
    const written = JSON.stringify(Object.values(ATTRIBUTES).map(([attribute]) => el.__v?.a[attribute] ?? null));
    // Bad attribute values are reported when the attributes change, not every frame.
    if (written !== lastWritten) settingsOf(el, context);
    lastWritten = written;
    const key = JSON.stringify(message);
    if (key !== lastPlace) post(message);
    lastPlace = key;
    requestAnimationFrame(step);
  };
  requestAnimationFrame(step);
}

/** The camera's attributes, each one WeChat allows (an unknown value is reported and the default used). */
function settingsOf(el: MountedElement, context?: BuiltInContext): CameraSettings {
  const attributes = el.__v?.a ?? {};
  const settings = {} as CameraSettings;
  for (const [key, [attribute, values]] of Object.entries(ATTRIBUTES) as Array<[keyof CameraSettings, [string, string[]]]>) {
    const value = attributes[attribute];
    const given = value === undefined || value === null || value === '' ? undefined : String(value);
    if (given !== undefined && !values.includes(given)) {
      context?.report(`[camera_bad_attribute] <camera ${attribute}="${given}">: expected one of ${values.join(', ')}; using ${values[0] as string}`);
    }
    settings[key] = given !== undefined && values.includes(given) ? given : (values[0] as string);
  }
  return settings;
}
