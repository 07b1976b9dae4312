import { useEffect, useRef, useState } from 'react';
import { useT } from '../../i18n/i18n';
import { Icon } from '../../ui/icons';

/** A voice message: play/pause, a progress bar and the length in seconds. */
export function VoicePlayer({ src, durationMs }: { src: string; durationMs: number }) {
  const t = useT();
  const audio = useRef<HTMLAudioElement | null>(null);
  const [playing, setPlaying] = useState(false);
  const [progress, setProgress] = useState(0);
  useEffect(() => () => audio.current?.pause(), []);
  const seconds = Math.max(1, Math.round(durationMs / 1000));
  const toggle = () => {
    if (!audio.current) {
      const element = new Audio(src);
      element.ontimeupdate = () => setProgress(element.duration ? element.currentTime / element.duration : element.currentTime / (durationMs / 1000 || 1));
      element.onended = () => {
        setPlaying(false);
        setProgress(0);
      };
      element.onpause = () => setPlaying(false);
      element.onplay = () => setPlaying(true);
      audio.current = element;
    }
    if (playing) audio.current.pause();
    else void audio.current.play().catch(() => setPlaying(false));
  };
  return (
    <button type="button" className="voice" style={{ minWidth: Math.min(220, 80 + seconds * 4) }} onClick={toggle} aria-label={`${t('message.voice')} ${seconds}″`}>
      <Icon name={playing ? 'pause' : 'play'} size={18} />
      <span className="voice-track" aria-hidden="true">
        <span className="voice-progress" style={{ width: `${Math.min(100, progress * 100)}%` }} />
      </span>
      <span className="voice-length">{seconds}″</span>
    </button>
  );
}
