import { CAMERA_EVENT_MESSAGE, CAMERA_PLACE_MESSAGE, type CameraEventMessage, type CameraPlacement, type CameraRect, type CameraSettings } from '../shared/camera-messages';
import type { ApiArguments, ApiOutcome, HostBridge } from './host-bridge';
import { CameraRecorder } from './camera-recorder';
import { capturePhoto } from './camera-photo';

/** Digital zoom the host offers when the device has no zoom of its own. */
const DIGITAL_MAX_ZOOM = 4;

/** Track capabilities and constraints Chromium has but the DOM typings lack. */
interface TrackCapabilities {
  zoom?: { min: number; max: number };
  torch?: boolean;
}

/** One page's `<camera>` as the host runs it. */
interface Camera {
  frame: HTMLIFrameElement;
  id: number;
  settings: CameraSettings;
  rect: CameraRect | null;
  state: 'opening' | 'live' | 'failed' | 'stopped';
  /** Why calls fail while the camera is not live (the part after ":fail "). */
  failure: string;
  /** Settles when the current opening has finished, either way. */
  ready: Promise<void>;
  generation: number;
  stream?: MediaStream;
  clip?: HTMLElement;
  video?: HTMLVideoElement;
  zoom: number;
  maxZoom: number;
  hardwareZoom: boolean;
  recorder?: CameraRecorder;
}

/** What the camera host needs from the mini program host. */
export interface CameraHostOptions {
  /** The element the page frames sit in; previews are laid over them inside it. */
  pages: HTMLElement;
  bridge: HostBridge;
  /** This host's view frames, to check who posts. */
  views(): HTMLIFrameElement[];
  /** The view frame of a page. */
  frameOf(pageId: number): HTMLIFrameElement | undefined;
}

/**
 * The trusted half of `<camera>`: the page views and the logic Worker cannot reach devices, so
 * the host opens the camera (through the embedding's `openCamera` hook, only once the user has
 * granted scope.camera), shows its own `<video>` over the rectangle the view reports, clipped to
 * that view's frame, and carries out CameraContext calls. A camera whose page is hidden or gone,
 * or whose app went to the background, has its tracks stopped and its preview removed.
 */
export class CameraHost {
  private readonly cameras = new Map<HTMLIFrameElement, Camera>();
  private readonly observer: MutationObserver;
  private readonly resize: ResizeObserver;
  private appVisible = true;
  private asking: Promise<boolean> | undefined;

  constructor(private readonly options: CameraHostOptions) {
    const view = options.pages.ownerDocument.defaultView as Window & typeof globalThis;
    // Pages are hidden with data-hidden and unloaded by removing their frame.
    this.observer = new view.MutationObserver(() => this.sync());
    this.observer.observe(options.pages, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-hidden'] });
    this.resize = new view.ResizeObserver(() => {
      for (const camera of this.cameras.values()) this.layout(camera);
    });
    this.resize.observe(options.pages);
  }

  /** Handles a view's placement message; false when the message is not one. */
  receive(event: MessageEvent): boolean {
    const data = event.data as Partial<CameraPlacement> | null;
    if (data?.type !== CAMERA_PLACE_MESSAGE) return false;
    const frame = this.options.views().find((candidate) => candidate.contentWindow === event.source && event.source !== null);
    if (!frame || typeof data.id !== 'number' || !validSettings(data.settings)) return true;
    const rect = validRect(data.rect);
    const existing = this.cameras.get(frame);
    if (rect === null) {
      if (existing?.id === data.id) this.close(existing);
      return true;
    }
    if (!rect) return true;
    if (existing && existing.id !== data.id) this.close(existing);
    const camera = existing?.id === data.id ? existing : undefined;
    if (!camera) {
      const created: Camera = { frame, id: data.id, settings: data.settings, rect, state: 'stopped', failure: 'camera is not ready', ready: Promise.resolve(), generation: 0, zoom: 1, maxZoom: 1, hardwareZoom: false };
      this.cameras.set(frame, created);
      this.sync();
      return true;
    }
    const previous = camera.settings;
    camera.settings = data.settings;
    camera.rect = rect;
    if (previous.devicePosition !== data.settings.devicePosition || previous.resolution !== data.settings.resolution || previous.mode !== data.settings.mode) {
      this.halt(camera, false);
      this.sync();
    } else {
      if (previous.flash !== data.settings.flash) void this.applyFlash(camera);
      this.layout(camera);
    }
    return true;
  }

  /** The app went to the background (false) or came back (true). */
  setAppVisible(visible: boolean): void {
    this.appVisible = visible;
    this.sync();
  }

  /** Stops every camera (the host is going away). */
  destroy(): void {
    this.observer.disconnect();
    this.resize.disconnect();
    for (const camera of [...this.cameras.values()]) this.close(camera);
  }

  /** Answers a CameraContext call (`CameraContext.takePhoto` ...) for the page in `args.pageId`. */
  async call(name: string, args: ApiArguments): Promise<ApiOutcome> {
    const method = name.slice('CameraContext.'.length);
    try {
      const frame = this.options.frameOf(Number(args.pageId));
      const camera = frame && this.cameras.get(frame);
      if (!camera) throw new Error(`${method}:fail camera not found: this page has no <camera>`);
      await camera.ready;
      if (camera.state !== 'live' || !camera.video || !camera.stream) throw new Error(`${method}:fail ${camera.failure}`);
      return { ok: true, result: await this.operate(method, camera, args) };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, errMsg: message.startsWith(`${method}:fail`) ? message : `${method}:fail ${message}` };
    }
  }

  private async operate(method: string, camera: Camera, args: ApiArguments): Promise<unknown> {
    const video = camera.video as HTMLVideoElement;
    const mirror = camera.settings.devicePosition === 'front' && args.selfieMirror !== false;
    const digitalZoom = camera.hardwareZoom ? 1 : camera.zoom;
    switch (method) {
      case 'takePhoto':
        return capturePhoto(video, args.quality, digitalZoom, mirror);
      case 'setZoom':
        return this.setZoom(camera, args.zoom);
      case 'startRecord':
        if (camera.recorder) throw new Error('startRecord:fail is recording');
        camera.recorder = new CameraRecorder(camera.stream as MediaStream);
        return {};
      case 'stopRecord': {
        const recorder = camera.recorder;
        if (!recorder) throw new Error('stopRecord:fail is not recording');
        camera.recorder = undefined;
        const thumb = capturePhoto(video, 'normal', digitalZoom, mirror);
        return { tempThumbPath: thumb.tempImagePath, tempVideoPath: await recorder.finish() };
      }
      default:
        throw new Error(`${method}:fail not supported`);
    }
  }

  private async setZoom(camera: Camera, value: unknown): Promise<{ zoom: number }> {
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error('setZoom:fail parameter error: zoom should be a Number');
    const zoom = Math.min(camera.maxZoom, Math.max(1, value));
    if (camera.hardwareZoom) {
      const track = camera.stream?.getVideoTracks()[0];
      await track?.applyConstraints({ advanced: [{ zoom } as MediaTrackConstraintSet] });
    }
    camera.zoom = zoom;
    this.layout(camera);
    return { zoom };
  }

  /** Opens, stops or closes each camera to match whether its page can be seen. */
  private sync(): void {
    for (const camera of [...this.cameras.values()]) {
      if (!camera.frame.isConnected) {
        this.close(camera);
        continue;
      }
      const visible = this.appVisible && !camera.frame.hasAttribute('data-hidden');
      if (!visible && (camera.state === 'live' || camera.state === 'opening')) this.halt(camera, camera.state === 'live');
      else if (visible && camera.state === 'stopped') this.open(camera);
    }
  }

  private open(camera: Camera): void {
    const generation = ++camera.generation;
    camera.state = 'opening';
    camera.ready = this.start(camera, generation).catch((error: unknown) => {
      if (generation !== camera.generation) return;
      const errMsg = error instanceof Error ? error.message : String(error);
      camera.state = 'failed';
      camera.failure = errMsg.replace(/^insertCamera:fail:? ?/, '');
      this.tell(camera, 'error', { errMsg: errMsg.startsWith('insertCamera:fail') ? errMsg : `insertCamera:fail ${errMsg}` });
    });
  }

  private async start(camera: Camera, generation: number): Promise<void> {
    const hooks = this.options.bridge.options.hooks;
    if (camera.settings.mode !== 'normal') throw new Error(`insertCamera:fail mode "${camera.settings.mode}" is not supported`);
    if (typeof hooks.openCamera !== 'function') throw new Error('insertCamera:fail not supported');
    if (!(await this.authorised())) throw new Error('insertCamera:fail auth deny');
    if (generation !== camera.generation) return;
    let stream: MediaStream;
    try {
      stream = await hooks.openCamera({ devicePosition: camera.settings.devicePosition, resolution: camera.settings.resolution });
    } catch (error) {
      throw new Error(`insertCamera:fail ${error instanceof Error ? error.message : String(error)}`);
    }
    if (generation !== camera.generation) {
      for (const track of stream.getTracks()) track.stop();
      return;
    }
    camera.stream = stream;
    const track = stream.getVideoTracks()[0];
    const capabilities = ((track?.getCapabilities?.() ?? {}) as TrackCapabilities);
    camera.hardwareZoom = !!capabilities.zoom && capabilities.zoom.max > 1;
    camera.maxZoom = camera.hardwareZoom ? (capabilities.zoom?.max as number) : DIGITAL_MAX_ZOOM;
    camera.zoom = 1;
    this.showPreview(camera, stream);
    await (camera.video as HTMLVideoElement).play();
    if (generation !== camera.generation) return;
    await this.applyFlash(camera);
    camera.state = 'live';
    this.tell(camera, 'initdone', { maxZoom: camera.maxZoom });
  }

  /** Asks for scope.camera through the embedding's getSetting/authorize, one prompt at a time. */
  private authorised(): Promise<boolean> {
    this.asking ??= (async () => {
      const bridge = this.options.bridge;
      const setting = await bridge.call('getSetting', {});
      const granted = setting.ok ? (setting.result as { authSetting?: Record<string, boolean> }).authSetting?.['scope.camera'] : undefined;
      if (granted !== undefined) return granted;
      return (await bridge.call('authorize', { scope: 'scope.camera' })).ok;
    })().finally(() => {
      this.asking = undefined;
    });
    return this.asking;
  }

  /** torch lights the lamp while the preview runs, where the track has one; the other values need no lamp now. */
  private async applyFlash(camera: Camera): Promise<void> {
    const track = camera.stream?.getVideoTracks()[0];
    if (!track || !(track.getCapabilities?.() as TrackCapabilities).torch) return;
    await track.applyConstraints({ advanced: [{ torch: camera.settings.flash === 'torch' } as MediaTrackConstraintSet] }).catch(() => undefined);
  }

  private showPreview(camera: Camera, stream: MediaStream): void {
    const doc = this.options.pages.ownerDocument;
    const clip = doc.createElement('div');
    clip.className = 'tsr-camera';
    clip.dataset.pageFrame = camera.frame.dataset.pageId ?? '';
    clip.style.cssText = 'position:absolute;overflow:hidden;pointer-events:none;z-index:1';
    const video = doc.createElement('video');
    video.muted = true;
    video.playsInline = true;
    video.autoplay = true;
    video.srcObject = stream;
    video.style.cssText = 'position:absolute;object-fit:cover;background:#000;pointer-events:none';
    clip.appendChild(video);
    this.options.pages.appendChild(clip);
    camera.clip = clip;
    camera.video = video;
    this.layout(camera);
  }

  /** Lays the preview over the element's rectangle, clipped to its page's frame. */
  private layout(camera: Camera): void {
    const { clip, video, rect, frame } = camera;
    if (!clip || !video || !rect) return;
    Object.assign(clip.style, { left: `${frame.offsetLeft + frame.clientLeft}px`, top: `${frame.offsetTop + frame.clientTop}px`, width: `${frame.clientWidth}px`, height: `${frame.clientHeight}px` });
    Object.assign(video.style, { left: `${rect.left}px`, top: `${rect.top}px`, width: `${rect.width}px`, height: `${rect.height}px` });
    const mirror = camera.settings.devicePosition === 'front' ? 'scaleX(-1)' : '';
    const zoom = camera.hardwareZoom || camera.zoom === 1 ? '' : `scale(${camera.zoom})`;
    video.style.transform = `${mirror} ${zoom}`.trim();
    clip.hidden = rect.width === 0 || rect.height === 0;
  }

  /** Stops the camera's tracks and removes its preview; `told` fires bindstop on the element. */
  private halt(camera: Camera, told: boolean): void {
    camera.generation++;
    camera.recorder?.discard();
    camera.recorder = undefined;
    for (const track of camera.stream?.getTracks() ?? []) track.stop();
    camera.stream = undefined;
    camera.clip?.remove();
    camera.clip = undefined;
    camera.video = undefined;
    camera.state = 'stopped';
    camera.failure = 'camera is not ready';
    camera.ready = Promise.resolve();
    if (told) this.tell(camera, 'stop', {});
  }

  private close(camera: Camera): void {
    this.halt(camera, false);
    this.cameras.delete(camera.frame);
  }

  private tell(camera: Camera, name: CameraEventMessage['name'], detail: Record<string, unknown>): void {
    const message: CameraEventMessage = { type: CAMERA_EVENT_MESSAGE, id: camera.id, name, detail };
    camera.frame.contentWindow?.postMessage(message, '*');
  }
}

function validSettings(value: unknown): value is CameraSettings {
  if (!value || typeof value !== 'object') return false;
  const settings = value as Record<string, unknown>;
  return ['mode', 'devicePosition', 'flash', 'resolution', 'frameSize'].every((key) => typeof settings[key] === 'string');
}

/** The posted rectangle: null (removed), a rectangle, or undefined when it is not one. */
function validRect(value: unknown): CameraRect | null | undefined {
  if (value === null) return null;
  if (!value || typeof value !== 'object') return undefined;
  const rect = value as Record<string, unknown>;
  const numbers = [rect.left, rect.top, rect.width, rect.height];
  if (!numbers.every((number) => typeof number === 'number' && Number.isFinite(number))) return undefined;
  return { left: rect.left as number, top: rect.top as number, width: Math.max(0, rect.width as number), height: Math.max(0, rect.height as number) };
}
