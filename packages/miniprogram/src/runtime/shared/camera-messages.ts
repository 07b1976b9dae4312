/**
 * Messages between a page's view frame and the host about that page's `<camera>`. The view has
 * no devices: it reports where its `<camera>` is and what it asks for, and the host (trusted)
 * opens the camera and lays its own preview over that rectangle, as WeChat does with native
 * components. Both sides post through `window.postMessage` and check the other's window.
 */

/** View -> host: where the page's camera is (rect in the frame's viewport, CSS px), or that it is gone. */
export const CAMERA_PLACE_MESSAGE = 'tessera.camera.place';
/** Host -> view: an event for the `<camera>` (initdone, error, stop). */
export const CAMERA_EVENT_MESSAGE = 'tessera.camera.event';

/** The attributes of `<camera>` the host acts on. */
export interface CameraSettings {
  mode: string;
  devicePosition: string;
  flash: string;
  resolution: string;
  frameSize: string;
}

/** A rectangle in the view frame's viewport. */
export interface CameraRect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** What the view posts: `rect` null means the element was removed. */
export interface CameraPlacement {
  type: typeof CAMERA_PLACE_MESSAGE;
  id: number;
  rect: CameraRect | null;
  settings: CameraSettings;
}

/** What the host posts back. */
export interface CameraEventMessage {
  type: typeof CAMERA_EVENT_MESSAGE;
  id: number;
  name: 'initdone' | 'error' | 'stop';
  detail: Record<string, unknown>;
}

/** CameraContext calls the logic layer forwards to the host, with the page they were made for. */
export const CAMERA_APIS = ['takePhoto', 'setZoom', 'startRecord', 'stopRecord'] as const;
export type CameraApi = (typeof CAMERA_APIS)[number];

/** The host-side name of a CameraContext call, kept apart from wx.* names. */
export const cameraApiName = (name: CameraApi): string => `CameraContext.${name}`;

/** Photo quality -> JPEG quality. */
export const PHOTO_QUALITY: Record<string, number> = { original: 1, high: 0.92, normal: 0.8, low: 0.5 };

/** The longest recording WeChat allows, in seconds; startRecord's timeout is capped at it. */
export const MAX_RECORD_SECONDS = 30;
