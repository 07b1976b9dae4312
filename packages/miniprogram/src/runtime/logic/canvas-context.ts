import { DEFAULT_FONT, queueDraw, type CanvasTarget, type Context2D, type DrawServices, type Step, type Surface } from './canvas-draw';

/** A gradient from createLinearGradient / createCircularGradient; the real one is made when drawn. */
export class CanvasGradientRecord {
  private readonly stops: Array<[number, string]> = [];

  constructor(private readonly shape: number[], private readonly circular: boolean) {}

  addColorStop(offset: number, color: string): void {
    this.stops.push([Number(offset), String(color)]);
  }

  /** The gradient on `context`, in the same CSS px units as the calls that use it. */
  create(context: Context2D): CanvasGradient {
    const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = this.shape;
    const gradient = this.circular ? context.createRadialGradient(x0, y0, 0, x0, y0, x1) : context.createLinearGradient(x0, y0, x1, y1);
    for (const [offset, color] of this.stops) gradient.addColorStop(offset, color);
    return gradient;
  }
}

/** A pattern from createPattern(imagePath, repetition); the image loads with the draw that uses it. */
export class CanvasPatternRecord {
  constructor(readonly path: string, readonly repetition: string) {}
}

/** Properties programs may also assign, as on WeChat's CanvasContext. */
const PROPERTIES = [
  'fillStyle', 'strokeStyle', 'lineWidth', 'lineCap', 'lineJoin', 'miterLimit', 'globalAlpha', 'globalCompositeOperation',
  'textAlign', 'textBaseline', 'shadowOffsetX', 'shadowOffsetY', 'shadowBlur', 'shadowColor', 'lineDashOffset', 'font',
] as const;
type PropertyName = (typeof PROPERTIES)[number];

/** Drawing calls recorded as they are made; all but text and images take numbers only. */
const PATH_CALLS = [
  'rect', 'fillRect', 'strokeRect', 'clearRect', 'beginPath', 'closePath', 'moveTo', 'lineTo', 'arc', 'arcTo',
  'bezierCurveTo', 'quadraticCurveTo', 'fill', 'stroke', 'clip', 'scale', 'rotate', 'translate', 'transform',
] as const;

/** WeChat's one-value setters (setFillStyle…) and the property each one assigns. */
const SETTERS = {
  setFillStyle: 'fillStyle', setStrokeStyle: 'strokeStyle', setLineWidth: 'lineWidth', setLineCap: 'lineCap', setLineJoin: 'lineJoin',
  setMiterLimit: 'miterLimit', setGlobalAlpha: 'globalAlpha', setTextAlign: 'textAlign', setTextBaseline: 'textBaseline',
} as const satisfies Record<string, PropertyName>;

// Shadows ignore the transform, so their lengths are scaled to pixels by hand.
const SHADOW_LENGTHS = new Set<PropertyName>(['shadowOffsetX', 'shadowOffsetY', 'shadowBlur']);

let measurer: OffscreenCanvasRenderingContext2D | undefined;

/**
 * WeChat's legacy CanvasContext (wx.createCanvasContext): calls are recorded, and draw() paints
 * them on the `<canvas canvas-id>` in CSS px at the device's pixel ratio, after clearing it
 * unless `reserve` is set. Images are loaded by the view and reach the Worker as bitmaps.
 */
export class LegacyCanvasContext {
  private steps: Step[] = [];
  private images = new Set<string>();
  private values: Partial<Record<PropertyName, unknown>> = {};
  private fonts: string[] = [];
  private currentFont = DEFAULT_FONT;
  private readonly bitmaps = new Map<string, ImageBitmap>();

  constructor(private readonly target: CanvasTarget, private readonly services: DrawServices) {
    for (const name of PROPERTIES) {
      Object.defineProperty(this, name, {
        get: () => this.values[name],
        set: (value: unknown) => this.assign(name, value),
        enumerable: true,
      });
    }
    for (const [setter, name] of Object.entries(SETTERS)) {
      Object.defineProperty(this, setter, { value: (value: unknown) => this.assign(name, value) });
    }
    for (const name of PATH_CALLS) {
      Object.defineProperty(this, name, {
        value: (...args: unknown[]) => {
          const numbers = args.map(Number);
          this.record(({ context }) => (context[name] as unknown as (...values: number[]) => void).apply(context, numbers));
        },
      });
    }
  }

  setFontSize(size: number): void {
    this.assign('font', `${Number(size)}px sans-serif`);
  }

  setShadow(offsetX = 0, offsetY = 0, blur = 0, color = 'black'): void {
    this.assign('shadowOffsetX', offsetX);
    this.assign('shadowOffsetY', offsetY);
    this.assign('shadowBlur', blur);
    this.assign('shadowColor', color);
  }

  setLineDash(pattern: number[] = [], offset = 0): void {
    const lengths = Array.isArray(pattern) ? pattern.map(Number) : [];
    this.record(({ context }) => {
      context.setLineDash(lengths);
      context.lineDashOffset = Number(offset);
    });
  }

  fillText(text: unknown, x: number, y: number, maxWidth?: number): void {
    this.text('fillText', text, x, y, maxWidth);
  }

  strokeText(text: unknown, x: number, y: number, maxWidth?: number): void {
    this.text('strokeText', text, x, y, maxWidth);
  }

  /** The width of `text` in the font set so far, at once, as WeChat answers it. */
  measureText(text: unknown): { width: number } {
    measurer ??= new OffscreenCanvas(1, 1).getContext('2d') as OffscreenCanvasRenderingContext2D;
    measurer.font = this.currentFont;
    return { width: measurer.measureText(String(text)).width };
  }

  save(): void {
    this.fonts.push(this.currentFont);
    this.record((surface) => {
      surface.context.save();
      surface.saved += 1;
    });
  }

  restore(): void {
    this.currentFont = this.fonts.pop() ?? this.currentFont;
    this.record((surface) => {
      if (surface.saved === 0) return;
      surface.context.restore();
      surface.saved -= 1;
    });
  }

  setTransform(a: number, b: number, c: number, d: number, e: number, f: number): void {
    const matrix = [a, b, c, d, e, f].map(Number);
    this.record(({ context, ratio }) => context.setTransform(...(matrix.map((value) => value * ratio) as [number, number, number, number, number, number])));
  }

  createLinearGradient(x0: number, y0: number, x1: number, y1: number): CanvasGradientRecord {
    return new CanvasGradientRecord([x0, y0, x1, y1].map(Number), false);
  }

  createCircularGradient(x: number, y: number, radius: number): CanvasGradientRecord {
    return new CanvasGradientRecord([x, y, radius].map(Number), true);
  }

  createPattern(imagePath: string, repetition: string = 'repeat'): CanvasPatternRecord {
    return new CanvasPatternRecord(String(imagePath), repetition);
  }

  /** drawImage(path, dx, dy), (path, dx, dy, dWidth, dHeight) or (path, sx, sy, sWidth, sHeight, dx, dy, dWidth, dHeight). */
  drawImage(imagePath: string, ...numbers: number[]): void {
    const path = String(imagePath);
    const box = numbers.map(Number);
    this.images.add(path);
    this.record(({ context, images }) => {
      const image = images.get(path);
      if (!image) return;
      if (box.length >= 8) context.drawImage(image, ...(box.slice(0, 8) as [number, number, number, number, number, number, number, number]));
      else if (box.length >= 4) context.drawImage(image, ...(box.slice(0, 4) as [number, number, number, number]));
      else context.drawImage(image, box[0] ?? 0, box[1] ?? 0);
    });
  }

  /** Paints what was recorded since the last draw; `callback` runs once it is on the canvas. */
  draw(reserve?: boolean | (() => void), callback?: () => void): void {
    const done = typeof reserve === 'function' ? reserve : callback;
    const batch = { steps: this.steps, images: this.images, reserve: typeof reserve === 'function' ? false : Boolean(reserve) };
    this.steps = [];
    this.images = new Set();
    // Each draw starts from the canvas's default state, so what measureText and the property
    // getters answer starts again too.
    this.values = {};
    this.fonts = [];
    this.currentFont = DEFAULT_FONT;
    queueDraw(this.target, batch, this.bitmaps, this.services, () => {
      if (typeof done !== 'function') return;
      try {
        done();
      } catch (error) {
        this.services.report(error, 'CanvasContext.draw callback');
      }
    });
  }

  private text(name: 'fillText' | 'strokeText', text: unknown, x: number, y: number, maxWidth?: number): void {
    const content = String(text);
    const limit = maxWidth === undefined || maxWidth === null ? undefined : Number(maxWidth);
    this.record(({ context }) => {
      if (limit === undefined) context[name](content, Number(x), Number(y));
      else context[name](content, Number(x), Number(y), limit);
    });
  }

  private assign(name: PropertyName, value: unknown): void {
    this.values[name] = value;
    if (name === 'font') this.currentFont = String(value);
    if (value instanceof CanvasPatternRecord) this.images.add(value.path);
    this.record((surface) => applyProperty(surface, name, value));
  }

  private record(step: Step): void {
    this.steps.push(step);
  }
}

function applyProperty(surface: Surface, name: PropertyName, value: unknown): void {
  const { context, ratio } = surface;
  if (name === 'fillStyle' || name === 'strokeStyle') {
    const style = resolveStyle(surface, value);
    if (style !== undefined) context[name] = style;
    return;
  }
  if (SHADOW_LENGTHS.has(name)) {
    (context as unknown as Record<string, number>)[name] = Number(value) * ratio;
    return;
  }
  (context as unknown as Record<string, unknown>)[name] = value;
}

function resolveStyle(surface: Surface, value: unknown): string | CanvasGradient | CanvasPattern | undefined {
  if (value instanceof CanvasGradientRecord) return value.create(surface.context);
  if (value instanceof CanvasPatternRecord) {
    const image = surface.images.get(value.path);
    return image ? surface.context.createPattern(image, value.repetition) ?? undefined : undefined;
  }
  return typeof value === 'string' ? value : undefined;
}
