import type { MediaInfo } from '@tessera/protocol';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from './databases';
import { makeContacts, makeUser, type TestUser } from './factories';
import { startTestServer, type TestServer } from './harness';

const maxBytes = 256 * 1024;

type Uploaded = MediaInfo;

/** A real PNG, drawn by sharp: a gradient so it compresses to a few kilobytes. */
async function png(width: number, height: number): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  for (let index = 0; index < width * height; index++) {
    pixels[index * 3] = index % width % 256;
    pixels[index * 3 + 1] = Math.floor(index / width) % 256;
    pixels[index * 3 + 2] = 128;
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } }).png().toBuffer();
}

/** A mono 8-bit PCM WAV file of exactly `size` bytes: a voice recording as far as anyone can tell. */
function wav(size: number): Buffer {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(size - 8, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(8000, 24);
  header.writeUInt32LE(8000, 28);
  header.writeUInt16LE(1, 32);
  header.writeUInt16LE(8, 34);
  header.write('data', 36);
  header.writeUInt32LE(size - 44, 40);
  const samples = Buffer.from(Array.from({ length: size - 44 }, (_, index) => 128 + Math.round(100 * Math.sin(index / 5))));
  return Buffer.concat([header, samples]);
}

/** Every file (not directory) under a directory, recursively. */
function filesUnder(directory: string): string[] {
  if (!fs.existsSync(directory)) return [];
  return fs
    .readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

describe.each(engines)('media on %s', (engine) => {
  let server: TestServer;
  let mediaDir: string;
  beforeAll(async () => {
    server = await startTestServer(engine, { TESSERA_MEDIA_MAX_BYTES: String(maxBytes) });
    mediaDir = path.join(server.database.dataDir, 'media');
  });
  afterAll(async () => {
    // A streamed download can finish on the client a moment before the server marks its
    // keep-alive socket idle; closing sockets here keeps shutdown from waiting out the keep-alive.
    server?.app.http.server.closeAllConnections();
    await server?.close();
  });

  async function upload(
    user: TestUser,
    body: RequestInit['body'],
    options: { contentType?: string; kind?: string } = {},
  ): Promise<{ status: number; body: Uploaded & { error?: { code: string } } }> {
    const headers: Record<string, string> = { authorization: `Bearer ${user.token}` };
    if (options.contentType) headers['content-type'] = options.contentType;
    const init: RequestInit & { duplex?: 'half' } = { method: 'POST', headers, body };
    if (body instanceof ReadableStream) init.duplex = 'half';
    const response = await fetch(`${server.url}/api/v1/media${options.kind ? `?kind=${options.kind}` : ''}`, init);
    return { status: response.status, body: (await response.json()) as Uploaded & { error?: { code: string } } };
  }

  async function uploadOk(user: TestUser, bytes: Buffer, options: { contentType?: string; kind?: string } = {}): Promise<Uploaded> {
    const result = await upload(user, new Uint8Array(bytes), { contentType: 'application/octet-stream', ...options });
    if (result.status !== 201) throw new Error(`upload -> ${result.status} ${JSON.stringify(result.body)}`);
    return result.body;
  }

  interface Downloaded {
    status: number;
    headers: Headers;
    bytes: Buffer;
  }

  /** Fetches a media route and reads the whole body, so no response is left open. */
  async function download(user: TestUser | undefined, route: string, headers: Record<string, string> = {}): Promise<Downloaded> {
    const response = await fetch(`${server.url}/api/v1/media/${route}`, {
      headers: user ? { authorization: `Bearer ${user.token}`, ...headers } : headers,
    });
    return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
  }

  async function sendImage(user: TestUser, conversationId: string, mediaId: string) {
    return user.api.call<{ error?: { code: string } }>('POST', `/api/v1/conversations/${conversationId}/messages`, {
      clientMsgId: `image-${mediaId.slice(0, 8)}-${user.id}`,
      content: { kind: 'image', body: { mediaId } },
    });
  }

  it('stores a PNG content-addressed, measures it and serves a 320px thumbnail', async () => {
    const alice = await makeUser(server.url);
    const bytes = await png(800, 400);
    const uploaded = await uploadOk(alice, bytes, { kind: 'image' });
    const hash = (await import('node:crypto')).createHash('sha256').update(bytes).digest('hex');
    expect(uploaded).toMatchObject({ id: hash, contentType: 'image/png', size: bytes.length, width: 800, height: 400 });
    expect(fs.readFileSync(path.join(mediaDir, hash.slice(0, 2), hash.slice(2, 4), hash))).toEqual(bytes);

    const thumbnail = await download(alice, `${uploaded.id}/thumbnail`);
    expect(thumbnail.status).toBe(200);
    expect(thumbnail.headers.get('content-type')).toBe('image/webp');
    const facts = await sharp(thumbnail.bytes).metadata();
    expect({ format: facts.format, width: facts.width, height: facts.height }).toEqual({ format: 'webp', width: 320, height: 160 });

    const original = await download(alice, uploaded.id);
    expect(original.status).toBe(200);
    expect(original.headers.get('etag')).toBe(`"${hash}"`);
    expect(original.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    expect(original.headers.get('content-disposition')).toBe('inline');
    expect(original.bytes).toEqual(bytes);
    const unchanged = await download(alice, uploaded.id, { 'if-none-match': `"${hash}"` });
    expect(unchanged.status).toBe(304);

    // The same bytes again, by someone else: the same id, stored once.
    const before = filesUnder(mediaDir).length;
    const bob = await makeUser(server.url);
    expect((await uploadOk(bob, bytes)).id).toBe(hash);
    expect(filesUnder(mediaDir)).toHaveLength(before);
    expect((await download(bob, hash)).status).toBe(200);
  });

  it('sniffs the type from the bytes, whatever the client claims', async () => {
    const alice = await makeUser(server.url);
    const image = await png(40, 30);
    expect(await uploadOk(alice, image, { contentType: 'text/html' })).toMatchObject({ contentType: 'image/png', width: 40 });

    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await png(41, 30))], { type: 'application/pdf' }), 'notes.pdf');
    const multipart = await upload(alice, form, { kind: 'image' });
    expect(multipart.status).toBe(201);
    expect(multipart.body).toMatchObject({ contentType: 'image/png', width: 41, height: 30 });

    const html = Buffer.from('<!doctype html><script>alert(document.cookie)</script>');
    const stored = await uploadOk(alice, html, { contentType: 'image/png' });
    expect(stored.contentType).toBe('application/octet-stream');
    expect(stored.thumbnailId).toBeUndefined();
    const served = await download(alice, stored.id);
    expect(served.headers.get('content-type')).toBe('application/octet-stream');
    expect(served.headers.get('content-disposition')).toMatch(/^attachment/);
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');

    const refused = await upload(alice, new Uint8Array(html), { contentType: 'image/png', kind: 'image' });
    expect(refused.status).toBe(415);
    expect(refused.body.error?.code).toBe('media_type_not_allowed');
  });

  it('refuses an oversize upload while streaming it, leaving nothing on disk', async () => {
    const alice = await makeUser(server.url);
    const before = filesUnder(mediaDir);
    const chunk = new Uint8Array(16 * 1024).fill(7);
    let sent = 0;
    // No Content-Length: the limit can only be enforced on the bytes as they arrive.
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= maxBytes * 2) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const streamed = await upload(alice, stream, { contentType: 'application/octet-stream' });
    expect(streamed.status).toBe(413);
    expect(streamed.body.error?.code).toBe('media_too_large');

    const declared = await upload(alice, new Uint8Array(maxBytes + 1), { contentType: 'application/octet-stream' });
    expect(declared.status).toBe(413);
    expect(declared.body.error?.code).toBe('media_too_large');

    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(maxBytes + 1).fill(3)]), 'big.bin');
    const multipart = await upload(alice, form);
    expect(multipart.status).toBe(413);
    expect(multipart.body.error?.code).toBe('media_too_large');

    expect(filesUnder(mediaDir)).toEqual(before);
    // Exactly at the limit is fine.
    expect((await upload(alice, new Uint8Array(maxBytes).fill(9), { contentType: 'application/octet-stream' })).status).toBe(201);
  });

  it('lets the uploader and members of a conversation that references the media read it, and nobody else', async () => {
    const alice = await makeUser(server.url);
    const bob = await makeUser(server.url);
    const carol = await makeUser(server.url);
    const conversationId = await makeContacts(alice, bob);
    const uploaded = await uploadOk(alice, await png(64, 64), { kind: 'image' });
    const missing = 'f'.repeat(64);

    expect((await download(alice, uploaded.id)).status).toBe(200);
    for (const route of [uploaded.id, `${uploaded.id}/thumbnail`]) {
      const refused = await download(bob, route);
      expect(refused.status).toBe(404);
      expect(refused.bytes.toString()).toEqual((await download(bob, missing)).bytes.toString());
    }
    expect((await download(undefined, uploaded.id)).status).toBe(401);

    expect((await sendImage(alice, conversationId, uploaded.id)).status).toBeLessThan(300);
    // Img tags cannot send headers: the token may come in the query.
    const viaQuery = await download(undefined, `${uploaded.id}/thumbnail?token=${encodeURIComponent(bob.token)}`);
    expect(viaQuery.status).toBe(200);
    expect(viaQuery.headers.get('referrer-policy')).toBe('no-referrer');
    expect((await download(bob, uploaded.id)).status).toBe(200);
    expect((await download(carol, uploaded.id)).status).toBe(404);
    const carolViaQuery = await download(undefined, `${uploaded.id}?token=${encodeURIComponent(carol.token)}`);
    expect(carolViaQuery.status).toBe(404);
  });

  it("refuses an image message carrying someone else's unreferenced media, but lets a reader forward it", async () => {
    const alice = await makeUser(server.url);
    const bob = await makeUser(server.url);
    const carol = await makeUser(server.url);
    const aliceBob = await makeContacts(alice, bob);
    const bobCarol = await makeContacts(bob, carol);
    const carolsMedia = await uploadOk(carol, await png(20, 20));

    const refused = await sendImage(alice, aliceBob, carolsMedia.id);
    expect(refused.status).toBe(404);
    expect(refused.body.error?.code).toBe('media_not_found');
    expect((await download(bob, carolsMedia.id)).status).toBe(404);
    const { messages } = await bob.api.ok<{ messages: { kind: string }[] }>('GET', `/api/v1/conversations/${aliceBob}/messages`);
    expect(messages.filter((message) => message.kind === 'image')).toHaveLength(0);

    // Carol shares it with Bob; Bob may pass it on to Alice.
    expect((await sendImage(carol, bobCarol, carolsMedia.id)).status).toBeLessThan(300);
    expect((await sendImage(bob, aliceBob, carolsMedia.id)).status).toBeLessThan(300);
    expect((await download(alice, carolsMedia.id)).status).toBe(200);
  });

  it('refuses an image message whose media is not an image', async () => {
    const alice = await makeUser(server.url);
    const bob = await makeUser(server.url);
    const conversationId = await makeContacts(alice, bob);
    const document = await uploadOk(alice, Buffer.from('plain notes, not a picture'), { kind: 'file' });
    const refused = await sendImage(alice, conversationId, document.id);
    expect(refused).toMatchObject({ status: 415, body: { error: { code: 'media_type_not_allowed' } } });
    const asFile = await alice.api.call('POST', `/api/v1/conversations/${conversationId}/messages`, {
      clientMsgId: 'notes-as-file',
      content: { kind: 'file', body: { mediaId: document.id, name: 'notes.txt' } },
    });
    expect(asFile.status).toBe(200);
  });

  it('makes a profile avatar readable by every signed-in user, but only media the user may read', async () => {
    const alice = await makeUser(server.url);
    const bob = await makeUser(server.url);
    const stranger = await makeUser(server.url);
    const avatar = await uploadOk(alice, await png(96, 96), { kind: 'image' });
    expect((await download(stranger, avatar.id)).status).toBe(404);
    await alice.api.ok('PATCH', '/api/v1/me', { avatarMediaId: avatar.id });
    expect((await download(stranger, avatar.id)).status).toBe(200);
    expect((await download(stranger, `${avatar.id}/thumbnail`)).status).toBe(200);

    const bobsPrivate = await uploadOk(bob, await png(97, 96));
    const refused = await alice.api.call('PATCH', '/api/v1/me', { avatarMediaId: bobsPrivate.id });
    expect(refused).toMatchObject({ status: 404, body: { error: { code: 'media_not_found' } } });
    expect((await download(stranger, bobsPrivate.id)).status).toBe(404);
    expect((await download(alice, bobsPrivate.id)).status).toBe(404);
    expect((await alice.api.ok<{ avatarMediaId: string }>('GET', '/api/v1/me')).avatarMediaId).toBe(avatar.id);
  });

  it('makes a group avatar readable by everyone, but only media the actor may read', async () => {
    const owner = await makeUser(server.url);
    const member = await makeUser(server.url);
    const stranger = await makeUser(server.url);
    await makeContacts(owner, member);
    const group = await owner.api.ok<{ conversation: { id: string } }>('POST', '/api/v1/groups', { name: 'Walks', memberIds: [member.id] });
    const picture = await uploadOk(owner, await png(120, 120), { kind: 'image' });
    expect((await download(stranger, picture.id)).status).toBe(404);
    await owner.api.ok('PATCH', `/api/v1/groups/${group.conversation.id}`, { avatarMediaId: picture.id });
    expect((await download(stranger, picture.id)).status).toBe(200);
    const strangers = await uploadOk(stranger, await png(121, 120), { kind: 'image' });
    const refused = await owner.api.call('PATCH', `/api/v1/groups/${group.conversation.id}`, { avatarMediaId: strangers.id });
    expect(refused).toMatchObject({ status: 404, body: { error: { code: 'media_not_found' } } });
  });

  it('sweeps partial uploads abandoned for an hour and keeps recent ones', async () => {
    const tempDir = path.join(mediaDir, 'tmp');
    fs.mkdirSync(tempDir, { recursive: true });
    const abandoned = path.join(tempDir, 'abandoned-upload');
    const recent = path.join(tempDir, 'recent-upload');
    fs.writeFileSync(abandoned, 'partial');
    fs.writeFileSync(recent, 'partial');
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
    fs.utimesSync(abandoned, twoHoursAgo, twoHoursAgo);
    expect(await server.app.services.media.sweepAbandonedUploads()).toBe(1);
    expect(fs.existsSync(abandoned)).toBe(false);
    expect(fs.existsSync(recent)).toBe(true);
    fs.rmSync(recent);
  });

  it('answers single byte ranges with 206 and the right bytes', async () => {
    const alice = await makeUser(server.url);
    const bytes = wav(10_000);
    const uploaded = await uploadOk(alice, bytes, { kind: 'voice' });
    expect(uploaded.contentType).toBe('audio/wav');

    const middle = await download(alice, uploaded.id, { range: 'bytes=100-1099' });
    expect(middle.status).toBe(206);
    expect(middle.headers.get('content-range')).toBe('bytes 100-1099/10000');
    expect(middle.headers.get('content-length')).toBe('1000');
    expect(middle.bytes).toEqual(bytes.subarray(100, 1100));

    const open = await download(alice, uploaded.id, { range: 'bytes=9990-' });
    expect(open.status).toBe(206);
    expect(open.bytes).toEqual(bytes.subarray(9990));

    const suffix = await download(alice, uploaded.id, { range: 'bytes=-16' });
    expect(suffix.headers.get('content-range')).toBe('bytes 9984-9999/10000');
    expect(suffix.bytes).toEqual(bytes.subarray(9984));

    const beyond = await download(alice, uploaded.id, { range: 'bytes=10000-' });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe('bytes */10000');

    const several = await download(alice, uploaded.id, { range: 'bytes=0-1,5-6' });
    expect(several.status).toBe(200);
    expect(several.headers.get('content-disposition')).toBe('inline');
    expect(several.bytes).toEqual(bytes);

    const stale = await download(alice, uploaded.id, { range: 'bytes=0-9', 'if-range': '"other"' });
    expect(stale.status).toBe(200);
    expect(stale.bytes.length).toBe(10_000);
  });
});
