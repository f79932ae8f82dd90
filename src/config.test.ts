import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'gk-config-'));

describe('loadConfig', () => {
  it('defaults to port 3000 and a SQLite file in ./data', () => {
    const dir = tmp();
    const c = loadConfig({ DATA_DIR: dir });
    expect(c.port).toBe(3000);
    expect(c.dialect).toBe('sqlite');
    expect(c.databaseUrl).toBe(`sqlite:${path.join(dir, 'gongkai.db')}`);
    expect(c.baseUrl).toBe('http://localhost:3000');
    expect(c.secure).toBe(false);
    expect(c.idleTimeoutMinutes).toBe(30);
  });

  it('generates secrets once into DATA_DIR and reuses them', () => {
    const dir = tmp();
    const first = loadConfig({ DATA_DIR: dir });
    const second = loadConfig({ DATA_DIR: dir });
    expect(second.sessionSecret).toBe(first.sessionSecret);
    expect(second.dataKey).toBe(first.dataKey);
    expect(first.dataKey).toMatch(/^[0-9a-f]{32}$/);
    const file = path.join(dir, 'secrets.json');
    expect(JSON.parse(readFileSync(file, 'utf8')).sessionSecret).toBe(first.sessionSecret);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('selects PostgreSQL from a postgres:// URL and marks https sites secure', () => {
    const c = loadConfig({
      DATA_DIR: tmp(),
      DATABASE_URL: 'postgres://u:p@db:5432/gk',
      BASE_URL: 'https://gk.example.gov.cn/',
      SESSION_SECRET: 'x'.repeat(40),
      DATA_KEY: 'A'.repeat(32),
    });
    expect(c.dialect).toBe('postgres');
    expect(c.secure).toBe(true);
    expect(c.baseUrl).toBe('https://gk.example.gov.cn');
    expect(c.dataKey).toBe('a'.repeat(32));
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ BASE_URL: 'not a url' }, 'BASE_URL'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ SESSION_SECRET: 'short', DATA_KEY: '0'.repeat(32) }, 'SESSION_SECRET'],
    [{ DATA_KEY: 'xyz' }, 'DATA_KEY'],
    [{ GONGKAI_ROLE: 'boss' }, 'GONGKAI_ROLE'],
    [{ IDLE_TIMEOUT_MINUTES: '60' }, 'IDLE_TIMEOUT_MINUTES'],
    [{ SEED_DEMO: 'maybe' }, 'SEED_DEMO'],
  ])('rejects %o with a Chinese message naming %s', (env, name) => {
    let error: unknown;
    try {
      loadConfig({ DATA_DIR: tmp(), ...env });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain('配置错误');
    expect((error as Error).message).toContain(name);
  });
});
