import type { ReactElement } from 'react';

const paths = {
  chats: 'M4 5.5A2.5 2.5 0 0 1 6.5 3h11A2.5 2.5 0 0 1 20 5.5v8a2.5 2.5 0 0 1-2.5 2.5H10l-4.2 3.6c-.5.4-1.3.1-1.3-.6V16A2.5 2.5 0 0 1 4 13.5z',
  contacts: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm-7.5 8c.6-3.6 3.7-6 7.5-6s6.9 2.4 7.5 6z',
  discover: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zm3.8 5.2-2.2 5.5-5.4 2.1 2.2-5.4z',
  me: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zm0 4a3 3 0 1 1 0 6 3 3 0 0 1 0-6zm-5.2 9.6c1.2-1.6 3-2.6 5.2-2.6s4 1 5.2 2.6A7 7 0 0 1 12 19a7 7 0 0 1-5.2-2.4z',
  plus: 'M12 5v14M5 12h14',
  search: 'M10.5 4a6.5 6.5 0 1 0 4 11.6l4.2 4.2 1.4-1.4-4.2-4.2A6.5 6.5 0 0 0 10.5 4zm0 2a4.5 4.5 0 1 1 0 9 4.5 4.5 0 0 1 0-9z',
  back: 'M15 5l-7 7 7 7',
  more: 'M6 12h.01M12 12h.01M18 12h.01',
  emoji: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM8.5 14.5c.9 1.2 2.1 1.8 3.5 1.8s2.6-.6 3.5-1.8M9 9.5h.01M15 9.5h.01',
  mic: 'M12 3a3 3 0 0 0-3 3v6a3 3 0 0 0 6 0V6a3 3 0 0 0-3-3zM6 11a6 6 0 0 0 12 0M12 17v4',
  keyboard: 'M3 7h18v10H3zM7 10h.01M11 10h.01M15 10h.01M8 14h8',
  image: 'M4 5h16v14H4zM8.5 10a1.5 1.5 0 1 0 0-3 1.5 1.5 0 0 0 0 3zM20 15l-5-5-9 9',
  file: 'M7 3h7l5 5v13H7zM14 3v5h5',
  add: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM12 8v8M8 12h8',
  alert: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM12 7v6M12 16.5h.01',
  muted: 'M11 5 6 9H3v6h3l5 4zM16 9l5 6M21 9l-5 6',
  close: 'M6 6l12 12M18 6 6 18',
  group: 'M9 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7zm-6.5 8c.5-3.2 3.2-5.5 6.5-5.5s6 2.3 6.5 5.5zM16 4.3a3.5 3.5 0 0 1 0 6.4M18 13.8c1.9.8 3.2 2.6 3.5 5.2',
  person: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm-7.5 8c.6-3.6 3.7-6 7.5-6s6.9 2.4 7.5 6z',
  chevron: 'M9 5l7 7-7 7',
  play: 'M8 5v14l11-7z',
  pause: 'M7 5h4v14H7zM13 5h4v14h-4z',
  download: 'M12 4v11M7 10l5 5 5-5M5 20h14',
  lock: 'M6 11h12v10H6zM8.5 11V8a3.5 3.5 0 0 1 7 0v3',
  settings: 'M4 7h9M17 7h3M4 17h3M11 17h9M15 5v4M9 15v4',
  scan: 'M4 9V4h5M15 4h5v5M20 15v5h-5M9 20H4v-5M4 12h16',
  check: 'M5 12.5l4.5 4.5L19 7.5',
  wallet: 'M4 7.5A2.5 2.5 0 0 1 6.5 5H19v3M4 7.5V17a2 2 0 0 0 2 2h14V8H6.5A2.5 2.5 0 0 1 4 7.5zM16 13.5h.01',
  transfer: 'M5 9h13l-4-4M19 15H6l4 4',
  redPacket: 'M6 3h12v18H6zM6 8.5c3.6 2.4 8.4 2.4 12 0M12 10.5v.01',
  qr: 'M4 4h6v6H4zM14 4h6v6h-6zM4 14h6v6H4zM14 14h2v2h-2zM18 18h2v2h-2zM14 18h2v2h-2zM18 14h2v2h-2z',
} as const;

export type IconName = keyof typeof paths;
const filled = new Set<IconName>(['chats', 'contacts', 'me', 'discover', 'play', 'pause']);

/** A line icon, hidden from assistive technology (its button carries the label). */
export function Icon({ name, size = 24, className }: { name: IconName; size?: number; className?: string }): ReactElement {
  const fill = filled.has(name);
  return (
    <svg
      className={className}
      width={size}
      height={size}
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
      fill={fill ? 'currentColor' : 'none'}
      stroke={fill ? 'none' : 'currentColor'}
      strokeWidth={fill ? 0 : 1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d={paths[name]} fillRule="evenodd" />
    </svg>
  );
}
