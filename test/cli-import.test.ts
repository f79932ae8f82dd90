import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/platform/db/index.js';
import { dialects, freshDatabaseUrl } from './support/db.js';

const run = promisify(execFile);
const bin = path.resolve('bin/gongkai.js');
const example = path.resolve('examples/import.jsonl');

async function gongkai(args: string[], env: Record<string, string>) {
  try {
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

describe('gongkai import --help', () => {
  it('explains the line format', async () => {
    const r = await gongkai(['import', '--help'], {});
    expect(r.code).toBe(0);
    for (const w of ['externalId', 'publishedAt', 'indexNo', 'attachments', '--as'])
      expect(r.stdout).toContain(w);
    expect((await gongkai(['--help'], {})).stdout).toContain('import documents');
  });
});

describe.each(dialects)('gongkai import documents (CLI) on %s', (dialect) => {
  let env: Record<string, string>;
  let drop: () => Promise<void>;
  const dir = mkdtempSync(path.join(tmpdir(), 'gk-cli-import-'));
  beforeAll(async () => {
    const fresh = await freshDatabaseUrl(dialect);
    drop = fresh.drop;
    env = {
      DATA_DIR: dir,
      DATABASE_URL: fresh.url,
      SESSION_SECRET: 's'.repeat(40),
      DATA_KEY: '0123456789abcdef0123456789abcdef',
    };
    expect((await gongkai(['seed'], env)).code).toBe(0);
  }, 120_000);
  afterAll(async () => drop?.());

  it('imports the example file, reports the new column, and changes nothing the second time', async () => {
    const first = await gongkai(['import', 'documents', example], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('新建 4，更新 0，未变 0，失败 0，新建栏目 1');
    expect(first.stdout).toContain('已在“其他”下新建：信访工作');
    const second = await gongkai(['import', 'documents', example], env);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('新建 0，更新 0，未变 4，失败 0，新建栏目 0');
  });

  it('exits 1 naming the bad line when any line fails, after importing the good ones', async () => {
    const f = path.join(dir, 'bad.jsonl');
    writeFileSync(
      f,
      [
        JSON.stringify({
          externalId: 'cli-1',
          title: '好',
          column: 'gzdt',
          publishedAt: '2020-01-02',
          body: '正文',
        }),
        '{not json',
        JSON.stringify({
          externalId: 'cli-2',
          title: '坏',
          column: 'gzdt',
          publishedAt: '2020-13-01',
          body: '正文',
        }),
      ].join('\n'),
    );
    const r = await gongkai(['import', 'documents', f, '--as', 'publisher'], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('第 2 行：不是有效的 JSON');
    expect(r.stderr).toContain('第 3 行：发布日期 publishedAt');
    expect(r.stdout).toContain('新建 1，更新 0，未变 0，失败 2');
  });

  it('leaves nothing of a line that fails half-way, and keeps the lines around it', async () => {
    const f = path.join(dir, 'half.jsonl');
    const line = (externalId: string, extra: Record<string, string>) =>
      JSON.stringify({
        externalId,
        title: '文件',
        column: 'gzdt',
        publishedAt: '2020-03-02',
        body: '正文',
        ...extra,
      });
    writeFileSync(
      f,
      [
        line('cli-half-1', { indexNo: '123456788/2020-00077' }),
        // Creates its column, then fails on the 索引号 already used above: the column goes too.
        line('cli-half-2', { indexNo: '123456788/2020-00077', column: '回滚栏目' }),
        line('cli-half-3', {}),
      ].join('\n'),
    );
    const r = await gongkai(['import', 'documents', f], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('第 2 行：');
    expect(r.stdout).toContain('新建 2，更新 0，未变 0，失败 1，新建栏目 0');
    expect(r.stdout).not.toContain('回滚栏目');
    const handle = openDatabase(env.DATABASE_URL!);
    try {
      const named = await handle.db
        .selectFrom('doc_columns')
        .select('id')
        .where('name', '=', '回滚栏目')
        .execute();
      expect(named).toEqual([]);
      const docs = await handle.db
        .selectFrom('documents')
        .select('external_id')
        .where('external_id', 'like', 'cli-half-%')
        .orderBy('external_id')
        .execute();
      expect(docs.map((d) => d.external_id)).toEqual(['cli-half-1', 'cli-half-3']);
      // Both are in the search index, indexed with their batch.
      const indexed = await handle.db
        .selectFrom('search_entries')
        .select('external_id')
        .where('external_id', 'like', 'cli-half-%')
        .orderBy('external_id')
        .execute();
      expect(indexed.map((d) => d.external_id)).toEqual(['cli-half-1', 'cli-half-3']);
    } finally {
      await handle.destroy();
    }
    const again = await gongkai(['import', 'documents', f], env);
    expect(again.stdout).toContain('新建 0，更新 0，未变 2，失败 1，新建栏目 0');
  });

  it('exits 2 on a missing file, a wrong usage or an unknown --as user', async () => {
    expect((await gongkai(['import', 'documents', path.join(dir, 'nope.jsonl')], env)).code).toBe(2);
    expect((await gongkai(['import', 'things'], env)).code).toBe(2);
    const r = await gongkai(['import', 'documents', example, '--as', 'nobody'], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('用户不存在');
  });
});
