import type { LogicToView } from '../shared/runtime-messages';

/** What a VideoContext asks the view to do with one `<video>`. */
export type VideoAction = Extract<LogicToView, { type: 'video' }>['action'];

/**
 * `wx.createVideoContext(id, component)`: a handle on the `<video id>` in the current page (or
 * inside `component`), whose calls travel to that page's view. Like WeChat's, it fails silently
 * when no such video exists; the video's own `bindplay`/`bindpause`/`bindtimeupdate` report what
 * happened.
 */
export function createVideoContext(id: string, scope: number, send: (message: LogicToView) => void): Record<string, unknown> {
  const command = (action: VideoAction, value = 0): void => send({ type: 'video', id: String(id), scope, action, value });
  return {
    play: () => command('play'),
    pause: () => command('pause'),
    stop: () => command('stop'),
    seek: (position: number) => command('seek', Number(position)),
    playbackRate: (rate: number) => command('playbackRate', Number(rate)),
  };
}
