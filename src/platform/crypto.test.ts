import { describe, expect, it } from 'vitest';
import { FieldCipher, hashPassword, maskPhone, sm3, verifyPassword } from './crypto.js';

describe('SM3', () => {
  it('matches the GB/T 32905-2016 example A.1 ("abc")', () => {
    expect(sm3('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });
  it('matches example A.2 (512-bit message)', () => {
    expect(sm3('abcd'.repeat(16))).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
  });
});

describe('FieldCipher (SM4-CBC + HMAC-SM3)', () => {
  const cipher = new FieldCipher('00112233445566778899aabbccddeeff');
  it('round-trips and randomises the IV', () => {
    const a = cipher.encrypt('13812345678');
    const b = cipher.encrypt('13812345678');
    expect(a).not.toBe(b);
    expect(cipher.decrypt(a)).toBe('13812345678');
  });
  it('detects tampering', () => {
    const sealed = cipher.encrypt('秘密');
    const raw = Buffer.from(sealed.slice(4), 'base64url');
    raw[20] = (raw[20] ?? 0) ^ 1;
    expect(() => cipher.decrypt(`sm4:${raw.toString('base64url')}`)).toThrow(/altered/);
  });
  it('refuses another key', () => {
    const other = new FieldCipher('ffeeddccbbaa99887766554433221100');
    expect(() => other.decrypt(cipher.encrypt('x'))).toThrow();
  });
});

describe('passwords', () => {
  it('hash with scrypt and verify only the right password', async () => {
    const h = await hashPassword('Correct-Horse-9');
    expect(h).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(await verifyPassword('Correct-Horse-9', h)).toBe(true);
    expect(await verifyPassword('correct-horse-9', h)).toBe(false);
    expect(await verifyPassword('x', 'md5$abc')).toBe(false);
  });
  it('masks phone numbers', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
});

describe('FieldCipher key rotation', () => {
  const OLD = '00112233445566778899aabbccddeeff';
  const NEW = 'ffeeddccbbaa99887766554433221100';
  it('names the key that sealed a value and opens it with that key only', () => {
    const old = new FieldCipher(OLD);
    const sealed = old.encrypt('13812345678');
    expect(sealed).toMatch(/^sm4:[0-9a-f]{8}:/);
    const rotated = new FieldCipher(NEW, [OLD]);
    expect(rotated.decrypt(sealed)).toBe('13812345678');
    expect(rotated.needsRekey(sealed)).toBe(true);
    expect(rotated.needsRekey(rotated.encrypt('x'))).toBe(false);
    expect(() => new FieldCipher(NEW).decrypt(sealed)).toThrow(/not configured/);
  });
  it('still opens values sealed before key ids, by whichever key verifies', () => {
    const legacy = new FieldCipher(OLD).encrypt('张三').replace(/^sm4:[0-9a-f]{8}:/, 'sm4:');
    expect(new FieldCipher(NEW, [OLD]).decrypt(legacy)).toBe('张三');
    expect(new FieldCipher(NEW, [OLD]).needsRekey(legacy)).toBe(true);
    expect(() => new FieldCipher(NEW).decrypt(legacy)).toThrow(/altered/);
  });
  it('refuses a value whose MAC does not verify', () => {
    const c = new FieldCipher(NEW);
    const sealed = c.encrypt('abc');
    const tampered = `${sealed.slice(0, -2)}${sealed.endsWith('A') ? 'B' : 'A'}${sealed.at(-1)}`;
    expect(() => c.decrypt(tampered)).toThrow();
  });
});

describe('FieldCipher on files', () => {
  const oldKey = '0123456789abcdeffedcba9876543210';
  const newKey = 'ffeeddccbbaa99887766554433221100';
  const bytes = Buffer.from([0x25, 0x50, 0x44, 0x46, 0, 1, 2, 255, ...Buffer.from('身份证复印件')]);

  it('round-trips bytes, randomises the IV and hides the content', () => {
    const c = new FieldCipher(newKey);
    const a = c.encryptBytes(bytes);
    expect(a.subarray(0, 4).toString()).toBe('sm4:');
    expect(a.includes(Buffer.from('身份证'))).toBe(false);
    expect(c.encryptBytes(bytes).equals(a)).toBe(false);
    expect(c.decryptBytes(a).equals(bytes)).toBe(true);
    expect(c.decryptBytes(c.encryptBytes(Buffer.alloc(0))).length).toBe(0);
  });

  it('refuses altered bytes and an unknown key, and opens old files with DATA_KEYS_OLD', () => {
    const old = new FieldCipher(oldKey).encryptBytes(bytes);
    const altered = Buffer.from(old);
    altered[20] = altered[20]! ^ 1;
    expect(() => new FieldCipher(oldKey).decryptBytes(altered)).toThrow(/altered/);
    expect(() => new FieldCipher(newKey).decryptBytes(old)).toThrow(/not configured/);
    const rotated = new FieldCipher(newKey, [oldKey]);
    expect(rotated.decryptBytes(old).equals(bytes)).toBe(true);
    expect(rotated.fileNeedsRekey(old)).toBe(true);
    expect(rotated.fileNeedsRekey(rotated.encryptBytes(bytes))).toBe(false);
    expect(() => rotated.decryptBytes(Buffer.from('not sealed at all'))).toThrow(/not an SM4/);
  });
});
