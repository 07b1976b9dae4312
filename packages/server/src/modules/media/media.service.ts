import type { Readable } from 'node:stream';
import type { MediaInfo } from '@tessera/protocol';
import { fileTypeFromFile } from 'file-type';
import type { Clock, Ids } from '../../platform/clock';
import type { Database } from '../../platform/db/database';
import type { Executor } from '../sync';
import { isBlobId, type BlobStore, type StagedBlob } from './media.blob-store';
import { mediaErrors } from './media.errors';
import { describeImage, type ImageFacts } from './media.images';
import { holders, mediaRepository, type MediaRow } from './media.repository';
import { categoryOf, fitsKind, servedInline, storedContentType, type UploadKind } from './media.types';


export type { MediaInfo };

/** A stored blob a reader is allowed to fetch. */
export interface ReadableBlob {
  /** The blob's SHA-256: its ETag. */
  id: string;
  contentType: string;
  size: number;
  /** Whether it may render in the browser (image, audio, video) or must download as a file. */
  inline: boolean;
  read(range?: { start: number; end: number }): Readable;
}

export interface MediaSettings {
  maxBytes: number;
}

function infoOf(row: MediaRow): MediaInfo {
  return {
    id: row.id,
    contentType: row.content_type,
    size: row.size,
    ...(row.width === null ? {} : { width: row.width }),
    ...(row.height === null ? {} : { height: row.height }),
    ...(row.thumbnail_id === null ? {} : { thumbnailId: row.thumbnail_id }),
  };
}

/**
 * Uploads, access and downloads. Bytes are content-addressed; who may read them is recorded as
 * holders: the uploader, conversations whose messages reference them, or everyone (avatars).
 * A reader who may not see a blob is told it does not exist.
 */
export class MediaService {
  constructor(
    private readonly db: Database,
    private readonly store: BlobStore,
    private readonly clock: Clock,
    private readonly ids: Ids,
    private readonly settings: MediaSettings,
  ) {}

  /**
   * Stores an upload and makes the uploader a holder. The type is sniffed from the bytes; `kind`
   * says what message the client means to send, and bytes that cannot be one are refused.
   */
  async upload(userId: string, source: Readable, kind: UploadKind = 'file', declaredSize?: number): Promise<MediaInfo> {
    if (declaredSize !== undefined && declaredSize > this.settings.maxBytes) throw mediaErrors.tooLarge(this.settings.maxBytes);
    const staged = await this.store.stage(source, this.settings.maxBytes, this.ids.next());
    let row: MediaRow;
    try {
      row = (await mediaRepository.find(this.db, staged.id)) ?? (await this.describe(staged, kind));
      if (!fitsKind(categoryOf(row.content_type), kind) || (kind === 'image' && row.thumbnail_id === null)) {
        throw mediaErrors.typeNotAllowed(kind);
      }
      await this.store.commit(staged);
    } catch (error) {
      await this.store.discard(staged);
      throw error;
    }
    // Rows last: a row never points at bytes that are not in place.
    await mediaRepository.insert(this.db, row);
    await mediaRepository.addHolder(this.db, row.id, holders.user(userId), this.clock.now());
    return infoOf(row);
  }

  /** Opens a blob, or its thumbnail, for a reader; `media_not_found` unless the reader may see it. */
  async open(userId: string, mediaId: string, variant: 'original' | 'thumbnail'): Promise<ReadableBlob> {
    if (!isBlobId(mediaId) || !(await mediaRepository.isReadable(this.db, mediaId, userId))) throw mediaErrors.notFound();
    const row = await mediaRepository.find(this.db, mediaId);
    const blobId = variant === 'original' ? row?.id : row?.thumbnail_id;
    if (!row || !blobId) throw mediaErrors.notFound();
    const size = await this.store.size(blobId);
    if (size === undefined) throw mediaErrors.notFound();
    const contentType = variant === 'original' ? row.content_type : 'image/webp';
    return {
      id: blobId,
      contentType,
      size,
      inline: servedInline(contentType),
      read: (range) => this.store.read(blobId, range),
    };
  }

  /**
   * The messaging policy for a media message: the sender must be able to read the media (else
   * `media_not_found`), and from then on the conversation's members can too. Runs inside the send.
   */
  async attach(db: Executor, senderId: string, conversationId: string, mediaId: string, kind: UploadKind): Promise<void> {
    if (!isBlobId(mediaId) || !(await mediaRepository.isReadable(db, mediaId, senderId))) throw mediaErrors.notFound();
    // An image message must name an image and a voice message a recording, or clients cannot show them.
    const row = await mediaRepository.find(db, mediaId);
    if (!row || !fitsKind(categoryOf(row.content_type), kind)) throw mediaErrors.wrongKind(kind);
    await mediaRepository.addHolder(db, mediaId, holders.conversation(conversationId), this.clock.now());
  }

  /**
   * Makes media readable by every signed-in user (a profile or group avatar), provided the user
   * publishing it may read it; returns whether it was published.
   */
  async publish(userId: string, mediaId: string, db: Executor = this.db): Promise<boolean> {
    if (!isBlobId(mediaId) || !(await mediaRepository.isReadable(db, mediaId, userId))) return false;
    await mediaRepository.addHolder(db, mediaId, holders.public, this.clock.now());
    return true;
  }

  /**
   * Removes partial uploads a crash left behind. Only files idle for an hour go, so uploads still
   * streaming (on this node or another sharing the directory) are untouched.
   */
  async sweepAbandonedUploads(): Promise<number> {
    return this.store.sweepTemp(this.clock.now() - 3_600_000);
  }

  /** Sniffs, measures and thumbnails new bytes, refusing early what cannot be sent as `kind`. */
  private async describe(staged: StagedBlob, kind: UploadKind): Promise<MediaRow> {
    const sniffed = await fileTypeFromFile(staged.tempPath);
    const contentType = storedContentType(sniffed?.mime);
    if (!fitsKind(categoryOf(contentType), kind)) throw mediaErrors.typeNotAllowed(kind);
    const image: ImageFacts | undefined = categoryOf(contentType) === 'image' ? await describeImage(staged.tempPath) : undefined;
    if (kind === 'image' && !image) throw mediaErrors.typeNotAllowed(kind);
    const thumbnailId = image ? await this.store.put(image.thumbnail, this.ids.next()) : null;
    return {
      id: staged.id,
      size: staged.size,
      content_type: contentType,
      width: image?.width ?? null,
      height: image?.height ?? null,
      thumbnail_id: thumbnailId,
      created_at: this.clock.now(),
    };
  }
}
