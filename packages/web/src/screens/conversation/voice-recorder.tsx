import { useRef, useState } from 'react';
import { useT } from '../../i18n/i18n';
import { Icon } from '../../ui/icons';

const shortestMs = 700;
const longestMs = 60_000;

/** Hold to record a voice message with MediaRecorder; release to send, too short is discarded. */
export function VoiceRecorder({ disabled, onRecorded, onError }: { disabled: boolean; onRecorded: (blob: Blob, durationMs: number) => void; onError: (message: string) => void }) {
  const t = useT();
  const [recording, setRecording] = useState(false);
  const [elapsed, setElapsed] = useState(0);
  const ticker = useRef<ReturnType<typeof setInterval> | undefined>(undefined);
  const recorder = useRef<MediaRecorder | null>(null);
  const started = useRef(0);
  const stopTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  /** Released before the microphone opened: start nothing. */
  const released = useRef(false);

  async function start() {
    if (recording || disabled) return;
    released.current = false;
    if (!navigator.mediaDevices?.getUserMedia || typeof MediaRecorder === 'undefined') {
      onError(t('common.error'));
      return;
    }
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
      if (released.current) {
        for (const track of stream.getTracks()) track.stop();
        return;
      }
      const chunks: Blob[] = [];
      const media = new MediaRecorder(stream);
      media.ondataavailable = (event) => {
        if (event.data.size > 0) chunks.push(event.data);
      };
      media.onstop = () => {
        for (const track of stream.getTracks()) track.stop();
        const durationMs = Date.now() - started.current;
        if (durationMs >= shortestMs && chunks.length > 0) onRecorded(new Blob(chunks, { type: media.mimeType || 'audio/webm' }), Math.min(durationMs, longestMs));
      };
      recorder.current = media;
      started.current = Date.now();
      media.start();
      setRecording(true);
      setElapsed(0);
      // The seconds shown while holding, as WeChat shows them.
      ticker.current = setInterval(() => setElapsed(Math.floor((Date.now() - started.current) / 1000)), 250);
      stopTimer.current = setTimeout(stop, longestMs);
    } catch (caught) {
      onError(caught instanceof Error ? caught.message : t('common.error'));
    }
  }

  function stop() {
    released.current = true;
    clearTimeout(stopTimer.current);
    clearInterval(ticker.current);
    if (recorder.current?.state === 'recording') recorder.current.stop();
    recorder.current = null;
    setRecording(false);
  }

  return (
    <button
      type="button"
      className={recording ? 'attach-button attach-recording' : 'attach-button'}
      disabled={disabled}
      aria-pressed={recording}
      onPointerDown={() => void start()}
      onPointerUp={stop}
      onPointerLeave={() => recording && stop()}
      onKeyDown={(event) => {
        if ((event.key === ' ' || event.key === 'Enter') && !event.repeat) void start();
      }}
      onKeyUp={(event) => {
        if (event.key === ' ' || event.key === 'Enter') stop();
      }}
    >
      <span className="attach-icon">
        <Icon name="mic" size={28} />
      </span>
      {recording ? `${t('message.voiceRelease')} ${elapsed}″` : t('message.voiceHold')}
    </button>
  );
}
