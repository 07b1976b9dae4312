import sharp from 'sharp';

/** Longest side of a thumbnail, in pixels. */
export const thumbnailEdge = 320;

// Refuses decompression bombs: a small file that decodes to more pixels than this is not thumbnailed.
const maxPixels = 100_000_000;

export interface ImageFacts {
  /** Size of the original as displayed, after its EXIF orientation. */
  width: number;
  height: number;
  /** A WebP no larger than thumbnailEdge on its long side (first frame of an animation). */
  thumbnail: Buffer;
}

/** Measures an image and renders its thumbnail; undefined when the bytes do not decode as an image. */
export async function describeImage(file: string): Promise<ImageFacts | undefined> {
  try {
    const metadata = await sharp(file, { limitInputPixels: maxPixels }).metadata();
    const { width, height } = metadata.autoOrient;
    const thumbnail = await sharp(file, { limitInputPixels: maxPixels })
      .autoOrient()
      .resize(thumbnailEdge, thumbnailEdge, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer();
    return { width, height, thumbnail };
  } catch {
    // Sniffed as an image but not decodable (truncated, corrupt, too large): stored without a preview.
    return undefined;
  }
}
