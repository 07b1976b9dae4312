import { describe, expect, it } from 'vitest';
import { hashSecret, verifySecret } from './passwords';

// A low cost keeps the suite fast; one test checks the production default.
const cheap = { N: 2 ** 10 };

describe('password hashing', () => {
  it('stores scrypt$N$r$p$salt$key and never the password', async () => {
    const hash = await hashSecret('correct horse battery', cheap);
    const parts = hash.split('$');
    expect(parts).toHaveLength(6);
    expect(parts.slice(0, 4)).toEqual(['scrypt', '1024', '8', '1']);
    expect(Buffer.from(parts[4]!, 'base64url')).toHaveLength(16);
    expect(Buffer.from(parts[5]!, 'base64url')).toHaveLength(32);
    expect(hash).not.toContain('correct horse battery');
  });

  it('uses N = 2^17 unless told otherwise', async () => {
    expect((await hashSecret('correct horse battery')).split('$')[1]).toBe(String(2 ** 17));
  });

  it('salts every hash, so equal passwords hash differently', async () => {
    const first = await hashSecret('same password', cheap);
    const second = await hashSecret('same password', cheap);
    expect(first).not.toBe(second);
    expect(await verifySecret('same password', first)).toBe(true);
    expect(await verifySecret('same password', second)).toBe(true);
  });

  it('accepts the right password and refuses others', async () => {
    const hash = await hashSecret('correct horse battery', cheap);
    expect(await verifySecret('correct horse battery', hash)).toBe(true);
    expect(await verifySecret('correct horse batterY', hash)).toBe(false);
    expect(await verifySecret('', hash)).toBe(false);
  });

  it('verifies with the parameters stored in the hash, so the cost can rise later', async () => {
    const old = await hashSecret('correct horse battery', { N: 2 ** 11 });
    expect(await verifySecret('correct horse battery', old)).toBe(true);
  });

  it('treats compatibility-equivalent Unicode spellings as the same password', async () => {
    // U+FB01 (the "fi" ligature) and "fi" are equal under NFKC; so are full-width and ASCII digits.
    const hash = await hashSecret('ﬁsh and １２３', cheap);
    expect(await verifySecret('fish and 123', hash)).toBe(true);
  });

  it('refuses hashes of another scheme or with parts missing', async () => {
    const hash = await hashSecret('correct horse battery', cheap);
    expect(await verifySecret('correct horse battery', hash.replace(/^scrypt/, 'bcrypt'))).toBe(false);
    expect(await verifySecret('correct horse battery', hash.split('$').slice(0, 5).join('$'))).toBe(false);
    expect(await verifySecret('correct horse battery', '')).toBe(false);
    expect(await verifySecret('correct horse battery', 'correct horse battery')).toBe(false);
  });

  it('refuses a hash whose key was tampered with', async () => {
    const hash = await hashSecret('correct horse battery', cheap);
    const parts = hash.split('$');
    const key = Buffer.from(parts[5]!, 'base64url');
    key[0] = key[0]! ^ 0xff;
    parts[5] = key.toString('base64url');
    expect(await verifySecret('correct horse battery', parts.join('$'))).toBe(false);
  });

  it('refuses a hash with parameters scrypt cannot use, without throwing', async () => {
    const parts = (await hashSecret('correct horse battery', cheap)).split('$');
    for (const n of ['abc', '3', '0']) {
      expect(await verifySecret('correct horse battery', [parts[0], n, ...parts.slice(2)].join('$'))).toBe(false);
    }
  });

  it('hashes and verifies at costs above the default, whose memory exceeds the base limit', async () => {
    const hash = await hashSecret('correct horse battery', { N: 2 ** 18 });
    expect(hash.split('$')[1]).toBe(String(2 ** 18));
    expect(await verifySecret('correct horse battery', hash)).toBe(true);
  }, 30_000);
});
