import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevServer, type DevServer } from './dev-server';

describe('dev server package files', () => {
  let server: DevServer;
  beforeAll(async () => {
    server = await startDevServer({ dir: fileURLToPath(new URL('../../test/fixtures/legacy-canvas/', import.meta.url)), watch: false });
  });
  afterAll(() => server.close());

  it('lets other origins read images (a canvas draws them as bitmaps), but not the code', async () => {
    const image = await fetch(new URL('app/images/halves.png', server.url));
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(image.headers.get('access-control-allow-origin')).toBe('*');
    const code = await fetch(new URL('app/pages/index/index.js', server.url));
    expect(code.status).toBe(200);
    expect(code.headers.get('access-control-allow-origin')).toBeNull();
  });
});
