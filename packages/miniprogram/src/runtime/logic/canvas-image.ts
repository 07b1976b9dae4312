import { encodePng, toBase64 } from './png-encode';

/**
 * Loads images for the logic layer: the Worker has no network, so the page's view loads them
 * (resolved against the page's path as `<image src>`; https URLs and the runtime's `data:` temp
 * files as they are) and hands over ImageBitmaps. Each entry is the bitmap, or why it failed.
 */
export type ImageLoader = (urls: string[]) => Promise<Array<ImageBitmap | string>>;

/** What the canvas node's additions need from the runtime. */
export interface CanvasNodeServices {
  loadImages: ImageLoader;
  report(error: unknown, where: string): void;
}

type Listener = (event: { type: string; target: CanvasImage; errMsg?: string }) => void;

/**
 * WeChat's Image for a `type="2d"` canvas (canvas.createImage()): setting `src` loads it through
 * the view, then `onload` (or `onerror`) runs; `width` and `height` are its size once loaded, and
 * the canvas's context draws it with drawImage and createPattern.
 */
export class CanvasImage {
  onload: Listener | null = null;
  onerror: Listener | null = null;
  /** True once the image has loaded. */
  complete = false;
  private source = '';
  private bitmap: ImageBitmap | undefined;
  private loads = 0;
  private size: { width?: number; height?: number } = {};
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(private readonly services: CanvasNodeServices) {}

  get src(): string {
    return this.source;
  }

  set src(value: string) {
    const url = value === undefined || value === null ? '' : String(value);
    this.source = url;
    this.complete = false;
    this.bitmap?.close();
    this.bitmap = undefined;
    const load = ++this.loads;
    if (!url) return;
    this.services.loadImages([url]).then(
      ([result]) => {
        if (load !== this.loads) {
          if (result && typeof result !== 'string') result.close();
          return;
        }
        if (result && typeof result !== 'string') {
          this.bitmap = result;
          this.complete = true;
          this.fire('load');
        } else {
          this.fire('error', result ?? `image ${url} could not be loaded`);
        }
      },
      (error: unknown) => {
        if (load === this.loads) this.fire('error', `image ${url} could not be loaded (${error instanceof Error ? error.message : String(error)})`);
      },
    );
  }

  get width(): number {
    return this.size.width ?? this.bitmap?.width ?? 0;
  }

  set width(value: number) {
    this.size.width = Number(value);
  }

  get height(): number {
    return this.size.height ?? this.bitmap?.height ?? 0;
  }

  set height(value: number) {
    this.size.height = Number(value);
  }

  get naturalWidth(): number {
    return this.bitmap?.width ?? 0;
  }

  get naturalHeight(): number {
    return this.bitmap?.height ?? 0;
  }

  addEventListener(type: string, listener: Listener): void {
    if (typeof listener !== 'function') return;
    const set = this.listeners.get(type) ?? new Set();
    set.add(listener);
    this.listeners.set(type, set);
  }

  removeEventListener(type: string, listener: Listener): void {
    this.listeners.get(type)?.delete(listener);
  }

  /** The loaded pixels, or undefined while the image is loading or has failed. */
  pixels(): ImageBitmap | undefined {
    return this.bitmap;
  }

  private fire(type: 'load' | 'error', errMsg?: string): void {
    const event = errMsg === undefined ? { type, target: this } : { type, target: this, errMsg };
    const handlers = [type === 'load' ? this.onload : this.onerror, ...(this.listeners.get(type) ?? [])].filter((handler): handler is Listener => typeof handler === 'function');
    // Nobody listens for the failure: say so in the console, as drawImage does for a legacy canvas.
    if (type === 'error' && !handlers.length) this.services.report(new Error(errMsg), 'Canvas.createImage');
    for (const handler of handlers) {
      try {
        handler.call(this, event);
      } catch (error) {
        this.services.report(error, `Image.on${type}`);
      }
    }
  }
}

/** A CanvasImage's pixels for the browser's canvas calls; other values pass unchanged. */
function unwrap(image: unknown): unknown {
  return image instanceof CanvasImage ? image.pixels() : image;
}

const extended = new WeakSet<object>();

/** Lets the 2D context draw CanvasImages: drawImage and createPattern take them as they take images. */
function extendContext(context: OffscreenCanvasRenderingContext2D): void {
  if (extended.has(context)) return;
  extended.add(context);
  const drawImage = context.drawImage as (...args: unknown[]) => void;
  const createPattern = context.createPattern as (...args: unknown[]) => CanvasPattern | null;
  Object.defineProperty(context, 'drawImage', {
    configurable: true,
    writable: true,
    // An image still loading (or failed) draws nothing, as an unloaded <img> does in a browser.
    value: (image: unknown, ...rest: unknown[]) => {
      const source = unwrap(image);
      if (source === undefined) return;
      drawImage.call(context, source, ...rest);
    },
  });
  Object.defineProperty(context, 'createPattern', {
    configurable: true,
    writable: true,
    value: (image: unknown, repetition: unknown) => {
      const source = unwrap(image);
      return source === undefined ? null : createPattern.call(context, source, repetition);
    },
  });
}

type FrameCallback = (time: number) => void;

/** The Worker's animation frames (the view shows the canvas's frames), or a timer where there are none. */
function requestFrame(callback: FrameCallback): number {
  if (typeof requestAnimationFrame === 'function') return requestAnimationFrame(callback);
  return setTimeout(() => callback(performance.now()), 16) as unknown as number;
}

function cancelFrame(id: number): void {
  if (typeof cancelAnimationFrame === 'function') cancelAnimationFrame(id);
  else clearTimeout(id);
}

/**
 * Gives a canvas node (an OffscreenCanvas from a selector query) the rest of WeChat's Canvas:
 * createImage, requestAnimationFrame/cancelAnimationFrame, createImageData, createPath2D and
 * toDataURL, and a 2D context that draws the images createImage makes.
 */
export function extendCanvas(canvas: OffscreenCanvas, services: CanvasNodeServices): void {
  if (extended.has(canvas)) return;
  extended.add(canvas);
  const getContext = canvas.getContext.bind(canvas) as (type: string, options?: unknown) => unknown;
  const methods: Record<string, unknown> = {
    getContext: (type: string, options?: unknown) => {
      const context = getContext(type, options);
      if (String(type) === '2d' && context) extendContext(context as OffscreenCanvasRenderingContext2D);
      return context;
    },
    createImage: () => new CanvasImage(services),
    requestAnimationFrame: (callback: FrameCallback) =>
      requestFrame((time) => {
        try {
          callback(time);
        } catch (error) {
          services.report(error, 'Canvas.requestAnimationFrame callback');
        }
      }),
    cancelAnimationFrame: (id: number) => cancelFrame(Number(id)),
    createImageData: (...args: unknown[]) => createImageData(args),
    createPath2D: (path?: unknown) => (path instanceof Path2D || typeof path === 'string' ? new Path2D(path) : new Path2D()),
    // Any type gives PNG (see toDataUrl).
    toDataURL: () => toDataUrl(canvas),
  };
  for (const [name, value] of Object.entries(methods)) Object.defineProperty(canvas, name, { value, configurable: true, writable: true });
}

/** createImageData(width, height), (imageData) for one of its size, or (data, width, height?) for those pixels. */
function createImageData(args: unknown[]): ImageData {
  const [first, second, third] = args;
  if (first instanceof ImageData) return new ImageData(first.width, first.height);
  if (first && typeof first === 'object' && typeof (first as ArrayLike<number>).length === 'number') {
    const data = Uint8ClampedArray.from(first as ArrayLike<number>);
    return third === undefined ? new ImageData(data, Number(second)) : new ImageData(data, Number(second), Number(third));
  }
  return new ImageData(Math.abs(Math.round(Number(first))), Math.abs(Math.round(Number(second))));
}

/**
 * canvas.toDataURL(type?, quality?): answered at once, as WeChat's is. A Worker's canvas encodes
 * only asynchronously, so the runtime encodes the pixels itself, as PNG; any other type gives PNG
 * too, as a browser does for types it cannot encode. A canvas with no pixels gives "data:,".
 */
function toDataUrl(canvas: OffscreenCanvas): string {
  const { width, height } = canvas;
  if (width === 0 || height === 0) return 'data:,';
  // Read through a copy, so that asking for the pixels never gives the canvas a context of its own.
  const copy = new OffscreenCanvas(width, height);
  const context = copy.getContext('2d') as OffscreenCanvasRenderingContext2D;
  context.drawImage(canvas, 0, 0);
  const pixels = context.getImageData(0, 0, width, height).data;
  return `data:image/png;base64,${toBase64(encodePng(width, height, pixels))}`;
}
