/** Containers to record in, best first; the first this browser's MediaRecorder supports is used. */
const TYPES = ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm', 'video/mp4'];

/**
 * One CameraContext recording: a MediaRecorder on the camera's stream whose result becomes a
 * data: URL, the form every file the host hands a mini program takes.
 */
export class CameraRecorder {
  private readonly recorder: MediaRecorder;
  private readonly chunks: Blob[] = [];

  constructor(stream: MediaStream) {
    if (typeof MediaRecorder !== 'function') throw new Error('startRecord:fail not supported');
    const mimeType = TYPES.find((type) => MediaRecorder.isTypeSupported(type));
    this.recorder = new MediaRecorder(stream, mimeType ? { mimeType } : {});
    this.recorder.addEventListener('dataavailable', (event) => {
      if (event.data.size) this.chunks.push(event.data);
    });
    this.recorder.start();
  }

  /** Ends the recording and returns the video as a data: URL. */
  finish(): Promise<string> {
    return new Promise((resolve, reject) => {
      this.recorder.addEventListener('stop', () => {
        const blob = new Blob(this.chunks, { type: (this.recorder.mimeType || 'video/webm').split(';')[0] });
        const reader = new FileReader();
        reader.onload = () => resolve(String(reader.result));
        reader.onerror = () => reject(new Error(`stopRecord:fail ${reader.error?.message ?? 'read error'}`));
        reader.readAsDataURL(blob);
      }, { once: true });
      this.recorder.stop();
    });
  }

  /** Ends the recording and drops it (the camera stopped). */
  discard(): void {
    if (this.recorder.state !== 'inactive') this.recorder.stop();
  }
}
