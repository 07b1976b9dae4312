import { useEffect, useRef, useState, type RefObject } from 'react';
import { decodeQr, prepareDecoder } from '../../lib/qr-code';

/** Where the camera is: what the scan screen tells the user. */
export type CameraState = 'starting' | 'scanning' | 'denied' | 'no-camera' | 'failed' | 'off';

/** Frames are decoded at most this often: enough to feel instant, light on a phone's CPU. */
const decodeEveryMs = 120;
/** Frames are scaled down to this width before decoding; a QR code fills much of the view. */
const frameWidth = 640;

function cameraError(error: unknown): CameraState {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'NotReadableError') return 'no-camera';
  return 'failed';
}

/**
 * Runs the camera (the rear one where there is a choice) into `video` while `active`, decoding QR
 * codes from its frames; the first code found stops the camera and goes to `onCode`.
 */
export function useCameraScanner(active: boolean, onCode: (text: string) => void): { video: RefObject<HTMLVideoElement | null>; state: CameraState } {
  const video = useRef<HTMLVideoElement | null>(null);
  const [state, setState] = useState<CameraState>('starting');
  const report = useRef(onCode);
  report.current = onCode;

  useEffect(() => {
    if (!active) {
      setState('off');
      return;
    }
    if (!navigator.mediaDevices?.getUserMedia) {
      setState('no-camera');
      return;
    }
    let stopped = false;
    let stream: MediaStream | null = null;
    let frame = 0;
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d', { willReadFrequently: true });
    setState('starting');
    prepareDecoder();

    const stop = () => {
      stopped = true;
      cancelAnimationFrame(frame);
      for (const track of stream?.getTracks() ?? []) track.stop();
    };

    let lastDecode = 0;
    let decoding = false;
    const tick = (now: number) => {
      if (stopped) return;
      frame = requestAnimationFrame(tick);
      const element = video.current;
      if (decoding || !context || !element || element.readyState < element.HAVE_CURRENT_DATA || now - lastDecode < decodeEveryMs) return;
      lastDecode = now;
      const scale = Math.min(1, frameWidth / element.videoWidth);
      canvas.width = Math.round(element.videoWidth * scale);
      canvas.height = Math.round(element.videoHeight * scale);
      if (canvas.width === 0 || canvas.height === 0) return;
      context.drawImage(element, 0, 0, canvas.width, canvas.height);
      decoding = true;
      decodeQr(context.getImageData(0, 0, canvas.width, canvas.height))
        .then((text) => {
          if (text === null || stopped) return;
          stop();
          report.current(text);
        })
        .catch(() => undefined)
        .finally(() => {
          decoding = false;
        });
    };

    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: { ideal: 'environment' } }, audio: false })
      .then(async (opened) => {
        stream = opened;
        if (stopped) return stop();
        const element = video.current;
        if (!element) return stop();
        element.srcObject = opened;
        await element.play();
        if (stopped) return;
        setState('scanning');
        frame = requestAnimationFrame(tick);
      })
      .catch((error: unknown) => {
        if (!stopped) setState(cameraError(error));
      });
    return stop;
  }, [active]);

  return { video, state };
}
