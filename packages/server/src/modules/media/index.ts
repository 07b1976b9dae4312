export { BlobStore, isBlobId } from './media.blob-store';
export { MediaService, type MediaInfo, type MediaSettings, type ReadableBlob } from './media.service';
export { registerMediaRoutes, type MediaRouteOptions } from './media.routes';
export { mediaErrors } from './media.errors';
export { type UploadKind } from './media.types';
