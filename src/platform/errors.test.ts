import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError, ERROR_CODES } from './errors.js';

describe('the error catalogue', () => {
  const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
  const rows = new Map(
    [...doc.matchAll(/^\|\s*`([A-Z_]+)`\s*\|\s*(\d{3})\s*\|\s*([^|]+?)\s*\|/gm)].map((m) => [
      m[1],
      { status: Number(m[2]), message: m[3]?.trim() },
    ]),
  );

  it('documents every code with its status and message in docs/errors.md', () => {
    for (const [code, def] of Object.entries(ERROR_CODES)) {
      expect(rows.get(code), `${code} missing from docs/errors.md`).toEqual({
        status: def.status,
        message: def.message,
      });
    }
  });

  it('documents no code that the platform does not have', () => {
    expect([...rows.keys()].sort()).toEqual(Object.keys(ERROR_CODES).sort());
  });

  it('gives JSON errors a stable shape without internals', () => {
    const e = new AppError('VALIDATION_FAILED', { fields: { name: '名称：必填' }, details: { secret: 'x' } });
    expect(e.toJSON('req-1')).toEqual({
      error: {
        code: 'VALIDATION_FAILED',
        message: ERROR_CODES.VALIDATION_FAILED.message,
        fields: { name: '名称：必填' },
        requestId: 'req-1',
      },
    });
    expect(JSON.stringify(e.toJSON())).not.toContain('secret');
  });
});
