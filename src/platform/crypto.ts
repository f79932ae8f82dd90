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

/** The keys that open sealed values: DATA_KEY seals, DATA_KEYS_OLD (rotated-out keys) only open. */
export interface DataKeys {
  dataKey: string;
  oldDataKeys?: readonly string[];
}

class SealKey {
  readonly id: string;
  readonly enc: Buffer;
  readonly mac: Buffer;
  constructor(hex: string) {
    const master = Buffer.from(hex, 'hex');
    if (master.length !== 16) throw new Error('DATA_KEY must be 16 bytes (32 hex characters)');
    this.enc = createHmac('sm3', master).update('gongkai/enc').digest().subarray(0, 16);
    this.mac = createHmac('sm3', master).update('gongkai/mac').digest();
    // A public key id (not the key): which key sealed a value, so rotation can find and re-seal it.
    this.id = createHmac('sm3', master).update('gongkai/id').digest('hex').slice(0, 8);
  }
}

const KEYED = /^sm4:([0-9a-f]{8}):/;

/**
 * SM4-CBC with HMAC-SM3 (encrypt-then-MAC): node's OpenSSL has no SM4-GCM.
 * Output: "sm4:<key id>:" + base64url(iv | ciphertext | mac). Values sealed before key ids existed
 * ("sm4:" + base64url) are still opened, by whichever key's MAC verifies. Keys rotate (ADR 0004): a
 * new DATA_KEY seals, the old ones in DATA_KEYS_OLD still open, and `gongkai rekey` re-seals.
 */
export class FieldCipher {
  readonly #current: SealKey;
  readonly #all: SealKey[];

  constructor(dataKeyHex: string, oldKeysHex: readonly string[] = []) {
    this.#current = new SealKey(dataKeyHex);
    this.#all = [this.#current, ...oldKeysHex.map((k) => new SealKey(k))];
  }

  encrypt(plain: string): string {
    const k = this.#current;
    const iv = randomBytes(16);
    const cipher = createCipheriv('sm4-cbc', k.enc, iv);
    const body = Buffer.concat([iv, cipher.update(plain, 'utf8'), cipher.final()]);
    const mac = createHmac('sm3', k.mac).update(body).digest();
    return `sm4:${k.id}:${Buffer.concat([body, mac]).toString('base64url')}`;
  }

  decrypt(sealed: string): string {
    if (!sealed.startsWith('sm4:')) throw new Error('not an SM4 sealed value');
    const keyed = KEYED.exec(sealed);
    const raw = Buffer.from(sealed.slice(keyed ? keyed[0].length : 4), 'base64url');
    const body = raw.subarray(0, raw.length - 32);
    const mac = raw.subarray(raw.length - 32);
    const candidates = keyed ? this.#all.filter((k) => k.id === keyed[1]) : this.#all;
    if (keyed && candidates.length === 0)
      throw new Error(`SM4 sealed value needs key ${keyed[1]}, which is not configured`);
    for (const k of candidates) {
      const expected = createHmac('sm3', k.mac).update(body).digest();
      if (mac.length !== 32 || !timingSafeEqual(mac, expected)) continue;
      const decipher = createDecipheriv('sm4-cbc', k.enc, body.subarray(0, 16));
      return Buffer.concat([decipher.update(body.subarray(16)), decipher.final()]).toString('utf8');
    }
    throw new Error('SM4 sealed value was altered');
  }

  /** Sealed by an older key (or before key ids): `gongkai rekey` re-seals it with DATA_KEY. */
  needsRekey(sealed: string): boolean {
    return KEYED.exec(sealed)?.[1] !== this.#current.id;
  }

  /**
   * Files (e.g. the copy of an identity card an applicant attaches): the same construction on bytes.
   * Output: the ASCII header "sm4:<key id>:" then iv | ciphertext | mac, raw.
   */
  encryptBytes(plain: Buffer): Buffer {
    const k = this.#current;
    const iv = randomBytes(16);
    const cipher = createCipheriv('sm4-cbc', k.enc, iv);
    const body = Buffer.concat([iv, cipher.update(plain), cipher.final()]);
    const mac = createHmac('sm3', k.mac).update(body).digest();
    return Buffer.concat([Buffer.from(`sm4:${k.id}:`, 'latin1'), body, mac]);
  }

  decryptBytes(sealed: Buffer | Uint8Array): Buffer {
    const buf = Buffer.from(sealed);
    const keyed = KEYED.exec(buf.subarray(0, 13).toString('latin1'));
    if (!keyed) throw new Error('not an SM4 sealed file');
    const k = this.#all.find((x) => x.id === keyed[1]);
    if (!k) throw new Error(`SM4 sealed file needs key ${keyed[1]}, which is not configured`);
    const body = buf.subarray(13, buf.length - 32);
    const mac = buf.subarray(buf.length - 32);
    const expected = createHmac('sm3', k.mac).update(body).digest();
    if (body.length < 32 || !timingSafeEqual(mac, expected)) throw new Error('SM4 sealed file was altered');
    const decipher = createDecipheriv('sm4-cbc', k.enc, body.subarray(0, 16));
    return Buffer.concat([decipher.update(body.subarray(16)), decipher.final()]);
  }

  /** A sealed file written under an older key. */
  fileNeedsRekey(sealed: Buffer | Uint8Array): boolean {
    return this.needsRekey(Buffer.from(sealed.subarray(0, 13)).toString('latin1'));
  }
}

export function cipherOf(keys: DataKeys): FieldCipher {
  return new FieldCipher(keys.dataKey, keys.oldDataKeys ?? []);
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
