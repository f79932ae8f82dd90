import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/platform/db/index.js';
import { allowAuditTampering } from './support/audit.js';
import { dialects, freshDatabaseUrl } from './support/db.js';

const run = promisify(execFile);
const bin = path.resolve('bin/gongkai.js');

async function gongkai(args: string[], env: Record<string, string>) {
  try {
    // Vitest puts Vite's BASE_URL='/' into process.env: hand the CLI a clean environment.
    const { BASE_URL: _vite, ...inherited } = process.env;
    const r = await run(process.execPath, [bin, ...args], {
      env: { ...inherited, LOG_LEVEL: 'warn', ...env },
      timeout: 60_000,
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('gongkai --help', () => {
  it('lists every command', async () => {
    const r = await gongkai(['--help'], {});
    expect(r.code).toBe(0);
    for (const c of [
      'serve',
      'worker',
      'migrate',
      'seed',
      'user create',
      'reset-password',
      'audit verify',
      'backup',
      'calendar add-workdays',
      'reindex',
    ])
      expect(r.stdout).toContain(c);
  });

  it('explains a bad environment variable in Chinese and exits non-zero', async () => {
    const r = await gongkai(['migrate'], {
      PORT: 'abc',
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'gk-cli-')),
    });
    expect(r.code).toBe(78);
    expect(r.stderr).toContain('PORT');
    expect(r.stderr).toContain('配置错误');
  });
});

describe.each(dialects)('gongkai CLI on %s', (dialect) => {
  let env: Record<string, string>;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const fresh = await freshDatabaseUrl(dialect);
    drop = fresh.drop;
    env = {
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'gk-cli-')),
      DATABASE_URL: fresh.url,
      SESSION_SECRET: 's'.repeat(40),
      DATA_KEY: '0123456789abcdef0123456789abcdef',
    };
  }, 120_000);
  afterAll(async () => drop?.());

  it('migrates, seeds, computes a deadline and creates a user', async () => {
    expect((await gongkai(['migrate'], env)).stdout).toContain('0001_foundation');
    expect((await gongkai(['migrate'], env)).stdout).toContain('已是最新');
    expect((await gongkai(['seed'], env)).code).toBe(0);
    const cal = await gongkai(['calendar', 'add-workdays', '2021-09-28', '20'], env);
    expect(cal.code).toBe(0);
    expect(cal.stdout.split('\n')[0]).toBe('2021-11-01');
    expect(cal.stdout).toContain('国庆节');
    const bad = await gongkai(['calendar', 'add-workdays', '2021-02-30', '3'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('起始日期');
    const created = await gongkai(
      ['user', 'create', 'newclerk', '--name', '新办事员', '--org', '办公室', '--role', 'intake'],
      env,
    );
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/一次性初始密码：\S{16}/);
    const dup = await gongkai(['user', 'create', 'newclerk', '--name', '重复', '--org', '办公室'], env);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain('用户名：已被使用');
    const reset = await gongkai(['user', 'reset-password', 'newclerk'], env);
    expect(reset.stdout).toContain('已重置');
  }, 120_000);

  it('rebuilds the search index, restoring entries lost behind its back', async () => {
    const handle = openDatabase(env.DATABASE_URL!);
    try {
      const published = await handle.db
        .selectFrom('documents')
        .select('id')
        .where('status', '=', 'published')
        .execute();
      expect(published.length).toBeGreaterThan(0);
      await handle.db.deleteFrom('search_keys').execute();
      await handle.db.deleteFrom('search_entries').execute();
      const r = await gongkai(['reindex'], env);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`搜索索引已重建：${published.length} 条`);
      const entries = await handle.db.selectFrom('search_entries').select('ref_id').execute();
      expect(entries.map((e) => e.ref_id).sort((a, b) => a - b)).toEqual(
        published.map((p) => p.id).sort((a, b) => a - b),
      );
    } finally {
      await handle.destroy();
    }
  }, 120_000);

  it('verifies the audit chain and names the first altered record', async () => {
    const ok = await gongkai(['audit', 'verify'], env);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('校验通过');
    const h = openDatabase(env.DATABASE_URL!);
    try {
      await allowAuditTampering(h.db, dialect);
      await sql`UPDATE audit_log SET actor_name = 'someone else' WHERE seq = 7`.execute(h.db);
    } finally {
      await h.destroy();
    }
    const broken = await gongkai(['audit', 'verify'], env);
    expect(broken.code).not.toBe(0);
    expect(broken.stderr).toContain('第 7 条记录');
  }, 120_000);

  it('runs scheduled jobs in a separate worker process', async () => {
    const { BASE_URL: _vite, ...inherited } = process.env;
    const child = spawn(process.execPath, [bin, 'worker'], {
      env: { ...inherited, LOG_LEVEL: 'warn', ...env },
      stdio: 'pipe',
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    const h = openDatabase(env.DATABASE_URL!);
    try {
      let done: string[] = [];
      // Every schedule is due at start; wait for this one rather than for whichever finishes first.
      for (let i = 0; i < 60 && !done.includes('prune-sessions'); i++) {
        await new Promise((r) => setTimeout(r, 500));
        done = (await h.db.selectFrom('jobs').select('name').where('status', '=', 'done').execute()).map(
          (j) => j.name,
        );
      }
      expect(done).toContain('prune-sessions');
      expect(out).toContain('后台任务进程已启动');
    } finally {
      child.kill('SIGTERM');
      await h.destroy();
    }
  }, 60_000);

  it('backs up SQLite online, and explains pg_dump for PostgreSQL', async () => {
    const target = path.join(env.DATA_DIR!, 'copy.db');
    const r = await gongkai(['backup', target], env);
    expect(r.code).toBe(0);
    if (dialect === 'sqlite') {
      expect(existsSync(target)).toBe(true);
      expect(statSync(target).size).toBeGreaterThan(10_000);
    } else {
      expect(r.stdout).toContain('pg_dump');
    }
  }, 60_000);
});
