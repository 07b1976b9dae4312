import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// OWASP's scrypt parameters: N=2^17 costs 128 MiB per hash, r=8, p=1.
const params = { N: 2 ** 17, r: 8, p: 1, maxmem: 256 * 1024 * 1024 } satisfies ScryptOptions;
const keyLength = 32;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  // scrypt needs about 128 * N * r bytes; allow that (plus slack) so higher costs work too.
  const needed = 128 * (options.N ?? params.N) * (options.r ?? params.r) + 16 * 1024 * 1024;
  const withMemory = { ...options, maxmem: Math.max(params.maxmem, needed) };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, keyLength, withMemory, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** Hashes a password or payment PIN as `scrypt$N$r$p$salt$key` (base64url parts). */
export async function hashSecret(password: string, options: { N: number } = params): Promise<string> {
  const salt = randomBytes(16);
  const used = { ...params, N: options.N };
  const key = await derive(password, salt, used);
  return ['scrypt', used.N, used.r, used.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Checks a password against a stored hash in constant time. */
export async function verifySecret(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  try {
    const actual = await derive(password, Buffer.from(salt, 'base64url'), {
      N: Number(n),
      r: Number(r),
      p: Number(p),
      maxmem: params.maxmem,
    });
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  } catch {
    // Parameters scrypt refuses (a damaged hash) match no password.
    return false;
  }
}
