/**
 * QR codes: drawing one (qrcode-generator) and reading one from pixels (the browser's
 * BarcodeDetector where it reads QR codes, else jsQR). Both libraries load on first use, so the
 * app shell does not carry them.
 */

/** The SVG path of a code's dark modules, one unit per module, and the side in modules. */
export async function qrPath(text: string): Promise<{ path: string; size: number }> {
  const { default: qrcode } = await import('qrcode-generator');
  const code = qrcode(0, 'M');
  code.addData(text, 'Byte');
  code.make();
  const size = code.getModuleCount();
  const parts: string[] = [];
  for (let row = 0; row < size; row += 1) {
    for (let col = 0; col < size; col += 1) {
      if (code.isDark(row, col)) parts.push(`M${col} ${row}h1v1h-1z`);
    }
  }
  return { path: parts.join(''), size };
}

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: ImageBitmapSource): Promise<DetectedBarcode[]>;
}
interface BarcodeDetectorClass {
  new (options: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats(): Promise<string[]>;
}

type Decoder = (image: ImageData) => Promise<string | null>;
let decoder: Promise<Decoder> | null = null;

async function makeDecoder(): Promise<Decoder> {
  // BarcodeDetector is not in TypeScript's DOM library yet.
  const native = (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  if (native && (await native.getSupportedFormats().catch((): string[] => [])).includes('qr_code')) {
    const detector = new native({ formats: ['qr_code'] });
    return async (image) => (await detector.detect(image))[0]?.rawValue ?? null;
  }
  const { default: jsQR } = await import('jsqr');
  return async (image) => jsQR(image.data, image.width, image.height, { inversionAttempts: 'attemptBoth' })?.data ?? null;
}

/** The text of the first QR code in the pixels, or null. */
export async function decodeQr(image: ImageData): Promise<string | null> {
  decoder ??= makeDecoder();
  return (await decoder)(image);
}

/** Loads the decoder ahead of the first frame, so the first scan does not wait for it. */
export function prepareDecoder(): void {
  decoder ??= makeDecoder();
}

/** Pixels of an image file, scaled down so its longer side is at most `maxSide`. */
export async function imageFilePixels(file: Blob, maxSide = 1024): Promise<ImageData> {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('no 2d canvas');
  // A white ground, so a transparent PNG's dark modules stand out.
  context.fillStyle = '#fff';
  context.fillRect(0, 0, width, height);
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  return context.getImageData(0, 0, width, height);
}
