import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, freshDatabaseUrl } from './support/db.js';

/** `gongkai serve` with WEB_PROCESSES=2: one primary (migrations, jobs) and two web processes on one port. */

const bin = path.resolve('bin/gongkai.js');

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

/** Child processes of a pid, from /proc (no procps needed). */
const children = (pid: number): number[] =>
  readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        // pid (comm) state ppid …: comm may hold spaces, so split after its closing parenthesis.
        const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);

async function until<T>(
  check: () => Promise<T | undefined> | T | undefined,
  what: string | (() => string),
): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const v = await check();
    if (v !== undefined && v !== false) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`never happened: ${typeof what === 'function' ? what() : what}`);
}

describe.each(dialects)('gongkai serve with WEB_PROCESSES=2 on %s', (dialect) => {
  let server: ChildProcess;
  let base: string;
  let drop: () => Promise<void>;
  let output = '';
  beforeAll(async () => {
    const fresh = await freshDatabaseUrl(dialect);
    drop = fresh.drop;
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const { BASE_URL: _vite, ...inherited } = process.env;
    server = spawn(process.execPath, [bin, 'serve'], {
      env: {
        ...inherited,
        PORT: String(port),
        HOST: '127.0.0.1',
        BASE_URL: base,
        DATA_DIR: mkdtempSync(path.join(tmpdir(), 'gk-cluster-')),
        DATABASE_URL: fresh.url,
        SESSION_SECRET: 's'.repeat(40),
        DATA_KEY: '0123456789abcdef0123456789abcdef',
        SEED_DEMO: 'false',
        LOG_LEVEL: 'warn',
        WEB_PROCESSES: '2',
      },
    });
    server.stdout?.on('data', (d) => {
      output += String(d);
    });
    server.stderr?.on('data', (d) => {
      output += String(d);
    });
    await until(
      () => (output.includes('网站进程：2 个') ? true : undefined),
      `startup message in: ${output}`,
    );
  }, 120_000);
  afterAll(async () => {
    if (server && server.exitCode === null) server.kill('SIGKILL');
    await drop?.();
  });

  it('serves from two web processes, replaces one that dies, and stops cleanly on SIGTERM', async () => {
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    const pid = server.pid!;
    const web = await until(
      () => (children(pid).length === 2 ? children(pid) : undefined),
      () =>
        `two web processes (children now: ${JSON.stringify(children(pid))}; output: ${output.slice(-1500)})`,
    );
    const pages = await Promise.all(Array.from({ length: 20 }, () => fetch(`${base}/xxgk`)));
    expect(pages.map((r) => r.status)).toEqual(Array(20).fill(200));
    process.kill(web[0]!, 'SIGKILL');
    const again = await until(() => {
      const now = children(pid);
      return now.length === 2 && !now.includes(web[0]!) ? now : undefined;
    }, 'a replacement web process');
    expect(again).toContain(web[1]);
    await until(
      async () => ((await fetch(`${base}/readyz`)).status === 200 ? true : undefined),
      'ready again',
    );
    const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(children(pid)).toEqual([]);
    expect(output).toContain('已退出');
  }, 120_000);
});
