import { PHOTO_QUALITY } from '../shared/camera-messages';

/** A photo as CameraContext.takePhoto returns it: a data: URL, like the files chooseImage hands out. */
export interface Photo {
  tempImagePath: string;
  width: number;
  height: number;
}

/**
 * Draws the preview's current frame to a canvas at the camera's own resolution and encodes it
 * as JPEG. `zoom` above 1 crops the middle (digital zoom); `mirror` flips a selfie as it was seen.
 */
export function capturePhoto(video: HTMLVideoElement, quality: unknown, zoom: number, mirror: boolean): Photo {
  const name = quality === undefined ? 'normal' : quality;
  if (typeof name !== 'string' || !(name in PHOTO_QUALITY)) {
    throw new Error(`takePhoto:fail parameter error: quality should be one of ${Object.keys(PHOTO_QUALITY).join(', ')}`);
  }
  const width = video.videoWidth;
  const height = video.videoHeight;
  if (!width || !height) throw new Error('takePhoto:fail camera is not ready');
  const canvas = video.ownerDocument.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('takePhoto:fail no 2d canvas in this browser');
  if (mirror) {
    context.translate(width, 0);
    context.scale(-1, 1);
  }
  const cropWidth = width / zoom;
  const cropHeight = height / zoom;
  context.drawImage(video, (width - cropWidth) / 2, (height - cropHeight) / 2, cropWidth, cropHeight, 0, 0, width, height);
  return { tempImagePath: canvas.toDataURL('image/jpeg', PHOTO_QUALITY[name]), width, height };
}
