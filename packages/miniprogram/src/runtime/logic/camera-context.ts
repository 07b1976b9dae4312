import { ApiFailure, dualStyle, type CallbackOptions } from './api-style';
import { cameraApiName, MAX_RECORD_SECONDS, type CameraApi } from '../shared/camera-messages';

/**
 * `wx.createCameraContext()`: a handle on the `<camera>` of the page on top when it was made.
 * Its calls go to the host, which runs the camera; results and failures come back as for any
 * wx API (callbacks or a Promise). A recording stops by itself after `timeout` seconds (at most
 * 30), handing its result to `timeoutCallback`.
 */
export function createCameraContext(pageId: number, callHost: (name: string, args: unknown) => Promise<unknown>, report: (error: unknown, where: string) => void): Record<string, unknown> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const host = (name: CameraApi, options: CallbackOptions): Promise<unknown> => {
    const args: Record<string, unknown> = { pageId };
    for (const [key, value] of Object.entries(options)) if (typeof value !== 'function') args[key] = value;
    return callHost(cameraApiName(name), args);
  };
  const method = (name: CameraApi, before?: (options: CallbackOptions) => void, after?: (options: CallbackOptions) => void): unknown =>
    dualStyle(name, async (options) => {
      before?.(options);
      const result = await host(name, options);
      after?.(options);
      return result;
    }, report);
  const stopTimer = (): void => {
    clearTimeout(timer);
    timer = undefined;
  };
  const startTimer = (options: CallbackOptions): void => {
    const asked = Number(options.timeout);
    const seconds = Number.isFinite(asked) && asked > 0 ? Math.min(asked, MAX_RECORD_SECONDS) : MAX_RECORD_SECONDS;
    timer = setTimeout(() => {
      timer = undefined;
      host('stopRecord', {}).then(
        (result) => {
          if (typeof options.timeoutCallback !== 'function') return;
          try {
            (options.timeoutCallback as (value: unknown) => void)(result);
          } catch (error) {
            report(error, 'startRecord timeoutCallback');
          }
        },
        (error: unknown) => report(error, 'startRecord timeout'),
      );
    }, seconds * 1000);
  };
  const frameListener = (): Record<string, unknown> => {
    const unsupported = (name: string): unknown => dualStyle(name, async () => {
      throw new ApiFailure(`${name}:fail not supported`);
    }, report);
    return { start: unsupported('CameraFrameListener.start'), stop: unsupported('CameraFrameListener.stop') };
  };
  return {
    takePhoto: method('takePhoto'),
    setZoom: method('setZoom'),
    startRecord: method('startRecord', stopTimer, startTimer),
    stopRecord: method('stopRecord', stopTimer),
    onCameraFrame: frameListener,
  };
}
