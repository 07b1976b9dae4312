import type { QueryTransport } from './selector-query';

/** The 2D context a legacy canvas is drawn with: its view's canvas, handed to the Worker. */
export type Context2D = OffscreenCanvasRenderingContext2D;

/** What recorded calls draw on: the context, the CSS-px-to-pixel ratio and the loaded images. */
export interface Surface {
  context: Context2D;
  ratio: number;
  images: Map<string, ImageBitmap>;
  /** save() calls the program made and has not restored, so a stray restore() cannot undo ours. */
  saved: number;
}

/** One recorded CanvasContext call. */
export type Step = (surface: Surface) => void;

/** Where a draw goes: the `canvas-id`, in the page (scope 0) or in a component's own nodes. */
export interface CanvasTarget {
  canvasId: string;
  scope: number;
}

/** What drawing needs from the runtime. */
export interface DrawServices {
  query: QueryTransport;
  pixelRatio(): number;
  report(error: unknown, where: string): void;
}

/** A batch of recorded calls and the images they draw. */
export interface DrawBatch {
  steps: Step[];
  images: Set<string>;
  reserve: boolean;
}

/** The font every draw starts with, a canvas's own default. */
export const DEFAULT_FONT = '10px sans-serif';

// Work on one canvas (draws, exports, pixel reads and writes) runs in the order it was asked for:
// an earlier draw waiting for images must not land last, and an export made right after draw()
// sees what that draw painted.
const queues = new Map<string, Promise<unknown>>();

/** Runs `work` on the target canvas once the work queued on it before is done. */
export function queueOnCanvas<T>(target: CanvasTarget, work: () => Promise<T>): Promise<T> {
  const key = `${target.scope}\n${target.canvasId}`;
  const previous = queues.get(key) ?? Promise.resolve();
  const next = previous.then(work, work);
  const settled = next.then(
    () => undefined,
    () => undefined,
  );
  queues.set(key, settled);
  void settled.then(() => {
    if (queues.get(key) === settled) queues.delete(key);
  });
  return next;
}

/** Draws `batch` on the target canvas once the work queued before it is done, then runs `done`. */
export function queueDraw(target: CanvasTarget, batch: DrawBatch, bitmaps: Map<string, ImageBitmap>, services: DrawServices, done: () => void): void {
  queueOnCanvas(target, () => drawBatch(target, batch, bitmaps, services)).then(
    (drawn) => {
      if (drawn) done();
    },
    (error: unknown) => services.report(error, 'CanvasContext.draw'),
  );
}

/** A legacy canvas as the logic layer holds it: the canvas the view handed over and its CSS size. */
export interface LegacyCanvas {
  canvas: OffscreenCanvas;
  /** CSS px (the units a legacy context draws in) to the canvas's pixels, per axis. */
  scaleX: number;
  scaleY: number;
  /** The canvas's size in CSS px. */
  width: number;
  height: number;
}

/** Finds the `<canvas canvas-id>` of `target` (no images loaded), or null when there is none. */
export async function findLegacyCanvas(target: CanvasTarget, query: QueryTransport, pixelRatio: number): Promise<LegacyCanvas | null> {
  const [found] = (await query([{ selector: canvasSelector(target.canvasId), scope: target.scope, all: false, fields: { node: true, size: true }, ownNodes: true }])) as Array<CanvasFound | null>;
  if (!found?.node) return null;
  const canvas = found.node;
  // A canvas out of the layout (display: none) measures 0: its pixels at the device ratio stand in.
  const width = found.width || canvas.width / pixelRatio;
  const height = found.height || canvas.height / pixelRatio;
  return { canvas, width, height, scaleX: canvas.width / width, scaleY: canvas.height / height };
}

/** Where a legacy canvas was looked for, for messages: "on this page" or "in this component". */
export function canvasPlace(target: CanvasTarget): string {
  return `no <canvas canvas-id="${target.canvasId}"> ${target.scope ? 'in this component' : 'on this page'}`;
}

interface CanvasFound {
  node?: OffscreenCanvas | null;
  width?: number;
  height?: number;
  images?: Array<ImageBitmap | string>;
}

async function drawBatch(target: CanvasTarget, batch: DrawBatch, bitmaps: Map<string, ImageBitmap>, services: DrawServices): Promise<boolean> {
  const missing = [...batch.images].filter((path) => !bitmaps.has(path));
  const [found] = (await services.query([{ selector: canvasSelector(target.canvasId), scope: target.scope, all: false, fields: { node: true, size: true }, images: missing, ownNodes: true }])) as Array<CanvasFound | null>;
  if (!found?.node) {
    services.report(new Error(canvasPlace(target)), 'CanvasContext.draw');
    return false;
  }
  (found.images ?? []).forEach((image, index) => {
    if (typeof image === 'string') services.report(new Error(image), 'CanvasContext.drawImage');
    else bitmaps.set(missing[index] as string, image);
  });
  const canvas = found.node;
  const ratio = services.pixelRatio();
  const width = Math.max(1, Math.round((found.width ?? 300) * ratio));
  const height = Math.max(1, Math.round((found.height ?? 150) * ratio));
  // Pixels at the device's ratio keep the drawing sharp; resizing clears, as a resized canvas does in WeChat.
  if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width;
    canvas.height = height;
  }
  const context = canvas.getContext('2d') as Context2D;
  context.save();
  context.setTransform(1, 0, 0, 1, 0, 0);
  if (!batch.reserve) context.clearRect(0, 0, width, height);
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.font = DEFAULT_FONT;
  const surface: Surface = { context, ratio, images: bitmaps, saved: 0 };
  for (const step of batch.steps) {
    try {
      step(surface);
    } catch (error) {
      services.report(error, 'CanvasContext.draw');
    }
  }
  for (; surface.saved > 0; surface.saved -= 1) context.restore();
  context.restore();
  // The view shows the drawing from the Worker's next frame; the callback waits for it.
  await nextFrame();
  return true;
}

// A Worker's animation frames stop while its canvases are out of sight, so a timer bounds the wait.
export function nextFrame(): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 100);
    if (typeof requestAnimationFrame === 'function') {
      requestAnimationFrame(() => {
        clearTimeout(timer);
        resolve();
      });
    }
  });
}

/** `<canvas canvas-id="…">` as the view renders it; the id is escaped so no character of it reads as selector syntax. */
function canvasSelector(canvasId: string): string {
  const escaped = Array.from(canvasId, (character) => (/[\w-]/.test(character) ? character : `\\${(character.codePointAt(0) as number).toString(16)} `)).join('');
  return `wx-canvas[canvas-id="${escaped}"]`;
}
