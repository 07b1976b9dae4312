/**
 * Loads the images a legacy canvas context draws, as ImageBitmaps the logic layer can take: the
 * Worker has no network, so the view (whose CSP admits the package's origin and https images)
 * fetches them. A bitmap may only leave the view when its pixels are readable, so images from
 * other origins are asked for with CORS; `data:` and `blob:` paths (the runtime's temp files) need none.
 * Each entry is the bitmap, or a message saying why the image could not be had.
 */
export function loadBitmaps(urls: string[]): Promise<Array<ImageBitmap | string>> {
  return Promise.all(urls.map((url) => loadBitmap(url).catch((error: unknown) => `image ${url} could not be loaded${error instanceof Error && error.message ? ` (${error.message})` : ''}`)));
}

async function loadBitmap(url: string): Promise<ImageBitmap> {
  const image = new Image();
  if (!/^(data|blob):/.test(url)) image.crossOrigin = 'anonymous';
  image.src = url;
  await image.decode();
  return createImageBitmap(image);
}
