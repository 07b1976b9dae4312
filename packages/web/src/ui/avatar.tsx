import { useClient } from '../app-context';

const palette = ['#5b8def', '#f0a020', '#e6564e', '#07c160', '#9b6bdf', '#20a8c0', '#d0679d', '#7a8a99'];

function colorOf(seed: string): string {
  let hash = 0;
  for (const char of seed) hash = (hash * 31 + char.charCodeAt(0)) | 0;
  return palette[Math.abs(hash) % palette.length]!;
}

/** A rounded-square avatar: the photo when there is one, else the name's first letter on a colour. */
export function Avatar({ name, seed, mediaId, size = 44, group = false }: { name: string; seed: string; mediaId?: string | null; size?: number; group?: boolean }) {
  const client = useClient();
  const style = { width: size, height: size, fontSize: Math.round(size * 0.42) };
  if (mediaId) {
    return <img className="avatar" style={style} src={client.rest.mediaUrl(mediaId, 'thumbnail')} alt="" loading="lazy" />;
  }
  const letter = [...(name.trim() || '?')][0]!.toUpperCase();
  return (
    <span className={group ? 'avatar avatar-group' : 'avatar'} style={{ ...style, background: colorOf(seed) }} aria-hidden="true">
      {letter}
    </span>
  );
}
