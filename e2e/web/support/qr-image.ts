import jsQR from 'jsqr';
import qrcode from 'qrcode-generator';
import sharp from 'sharp';

/**
 * A QR code drawn as 8-bit grayscale (0 dark, 255 light) centred on a light `width` x `height`
 * field, `scale` pixels a module.
 */
export function qrGray(text: string, width: number, height: number, scale: number): Buffer {
  const code = qrcode(0, 'M');
  code.addData(text, 'Byte');
  code.make();
  const modules = code.getModuleCount();
  const side = modules * scale;
  if (side > width || side > height) throw new Error(`a ${modules}-module code does not fit ${width}x${height} at ${scale}px`);
  const left = Math.floor((width - side) / 2);
  const top = Math.floor((height - side) / 2);
  const pixels = Buffer.alloc(width * height, 255);
  for (let row = 0; row < modules; row += 1) {
    for (let col = 0; col < modules; col += 1) {
      if (!code.isDark(row, col)) continue;
      for (let y = 0; y < scale; y += 1) pixels.fill(0, (top + row * scale + y) * width + left + col * scale, (top + row * scale + y) * width + left + (col + 1) * scale);
    }
  }
  return pixels;
}

/** A PNG of a QR code, as a photo of one in the album would be. */
export function qrPng(text: string): Promise<Buffer> {
  const size = 400;
  return sharp(qrGray(text, size, size, 8), { raw: { width: size, height: size, channels: 1 } }).png().toBuffer();
}

/**
 * A Y4M video (YUV 4:2:0) whose frames show a QR code, for Chromium's fake camera: the grayscale
 * picture is the luma plane and both chroma planes are neutral (128).
 */
export async function qrY4m(text: string, width = 640, height = 480, frames = 2): Promise<Buffer> {
  // Through sharp so the camera sees a slightly soft picture, as a lens would give.
  const luma = await sharp(qrGray(text, width, height, 8), { raw: { width, height, channels: 1 } }).blur(0.6).extractChannel(0).raw().toBuffer();
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F30:1 Ip A1:1 C420jpeg\n`);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  return Buffer.concat([header, ...Array.from({ length: frames }, () => frame)]);
}

/** The text of the QR code in a PNG (a screenshot), read in Node with the app's decoder library. */
export async function decodePng(png: Buffer): Promise<string | null> {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height)?.data ?? null;
}
