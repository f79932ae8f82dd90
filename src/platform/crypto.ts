import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  randomBytes,
  scrypt,
  timingSafeEqual,
} from 'node:crypto';
import { promisify } from 'node:util';

/**
 * Cryptography of the platform. SM3 and SM4 (商用密码, GB/T 32905 / GB/T 32907) come from node:crypto's
 * OpenSSL; passwords use scrypt (memory-hard, built in). See docs/adr/0004-crypto.md.
 */

export function sm3(data: string | Buffer): string {
  return createHash('sm3').update(data).digest('hex');
}

export function hmacSm3(key: string | Buffer, data: string | Buffer): string {
  return createHmac('sm3', key).update(data).digest('hex');
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

/**
 * SM4-CBC with HMAC-SM3 (encrypt-then-MAC): node's OpenSSL has no SM4-GCM.
 * Output: "sm4:" + base64url(iv | ciphertext | mac).
 */
export class FieldCipher {
  readonly #encKey: Buffer;
  readonly #macKey: Buffer;

  constructor(dataKeyHex: string) {
    const master = Buffer.from(dataKeyHex, 'hex');
    if (master.length !== 16) throw new Error('DATA_KEY must be 16 bytes (32 hex characters)');
    this.#encKey = createHmac('sm3', master).update('gongkai/enc').digest().subarray(0, 16);
    this.#macKey = createHmac('sm3', master).update('gongkai/mac').digest();
  }

  encrypt(plain: string): string {
    const iv = randomBytes(16);
    const cipher = createCipheriv('sm4-cbc', this.#encKey, iv);
    const body = Buffer.concat([iv, cipher.update(plain, 'utf8'), cipher.final()]);
    const mac = createHmac('sm3', this.#macKey).update(body).digest();
    return `sm4:${Buffer.concat([body, mac]).toString('base64url')}`;
  }

  decrypt(sealed: string): string {
    if (!sealed.startsWith('sm4:')) throw new Error('not an SM4 sealed value');
    const raw = Buffer.from(sealed.slice(4), 'base64url');
    const body = raw.subarray(0, raw.length - 32);
    const mac = raw.subarray(raw.length - 32);
    const expected = createHmac('sm3', this.#macKey).update(body).digest();
    if (mac.length !== 32 || !timingSafeEqual(mac, expected)) throw new Error('SM4 sealed value was altered');
    const decipher = createDecipheriv('sm4-cbc', this.#encKey, body.subarray(0, 16));
    return Buffer.concat([decipher.update(body.subarray(16)), decipher.final()]).toString('utf8');
  }
}

const scryptAsync = promisify(scrypt) as (
  pw: string,
  salt: Buffer,
  len: number,
  opts: object,
) => Promise<Buffer>;
const SCRYPT = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

/** "scrypt$N$r$p$salt$hash", self-describing so the parameters can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(password.normalize('NFKC'), salt, 32, SCRYPT);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scryptAsync(
    password.normalize('NFKC'),
    Buffer.from(salt, 'base64url'),
    expected.length,
    {
      N: Number(n),
      r: Number(r),
      p: Number(p),
      maxmem: SCRYPT.maxmem,
    },
  );
  return timingSafeEqual(actual, expected);
}

/** Mask personal data for display: 13812345678 → 138****5678. */
export function maskPhone(phone: string): string {
  if (phone.length < 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}
