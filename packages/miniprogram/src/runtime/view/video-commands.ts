import type { LogicToView } from '../shared/runtime-messages';

/** Carries out a VideoContext call on the `<video id>` inside `root` (the page or a component). */
export function runVideoCommand(root: ParentNode, message: Extract<LogicToView, { type: 'video' }>, report: (text: string) => void): void {
  const host = root.querySelector(`wx-video#${CSS.escape(message.id)}`);
  const video = host?.querySelector('video');
  if (!video) return;
  switch (message.action) {
    case 'play':
      video.play().catch((error: unknown) => report(`VideoContext.play: ${(error as Error).message}`));
      break;
    case 'pause':
      video.pause();
      break;
    case 'stop':
      video.pause();
      video.currentTime = 0;
      break;
    case 'seek':
      if (Number.isFinite(message.value)) video.currentTime = Math.max(0, message.value);
      break;
    case 'playbackRate':
      if (message.value > 0) video.playbackRate = message.value;
      break;
  }
}
