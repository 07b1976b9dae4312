/**
 * Which content types Tessera stores under their own name, and how each is served. The type
 * always comes from sniffing the bytes; anything not listed is stored as application/octet-stream.
 */
export type MediaCategory = 'image' | 'audio' | 'video' | 'document' | 'other';

/** What an upload is meant for: the message kind it will be sent as. `file` takes anything. */
export type UploadKind = 'image' | 'voice' | 'file';

export const fallbackContentType = 'application/octet-stream';

const categories: Record<string, MediaCategory> = {
  'image/jpeg': 'image',
  'image/png': 'image',
  'image/gif': 'image',
  'image/webp': 'image',
  'audio/ogg': 'audio',
  'audio/ogg; codecs=opus': 'audio',
  'audio/mp4': 'audio',
  'audio/x-m4a': 'audio',
  'audio/mpeg': 'audio',
  'audio/wav': 'audio',
  'audio/aac': 'audio',
  // Browsers record voice as WebM or MP4; the sniffer names both containers video/*.
  'video/webm': 'video',
  'video/mp4': 'video',
  'application/pdf': 'document',
  'application/zip': 'document',
  'application/gzip': 'document',
  'application/x-7z-compressed': 'document',
  'application/rtf': 'document',
  'application/epub+zip': 'document',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'document',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'document',
  'application/vnd.oasis.opendocument.text': 'document',
  'application/vnd.oasis.opendocument.spreadsheet': 'document',
  'application/vnd.oasis.opendocument.presentation': 'document',
};

/** The content type to store for a sniffed type (undefined when the sniffer did not recognise the bytes). */
export function storedContentType(sniffed: string | undefined): string {
  return sniffed !== undefined && sniffed in categories ? sniffed : fallbackContentType;
}

export function categoryOf(contentType: string): MediaCategory {
  return categories[contentType] ?? 'other';
}

/** Whether bytes of this category may be sent as a message of this kind. */
export function fitsKind(category: MediaCategory, kind: UploadKind): boolean {
  if (kind === 'image') return category === 'image';
  if (kind === 'voice') return category === 'audio' || category === 'video';
  return true;
}

/**
 * Images, audio and video render inline (img and audio/video tags need that); everything else is
 * a download, so no uploaded bytes are ever rendered as a document in our origin.
 */
export function servedInline(contentType: string): boolean {
  const category = categoryOf(contentType);
  return category === 'image' || category === 'audio' || category === 'video';
}
