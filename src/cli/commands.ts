import cluster from 'node:cluster';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { SingleBar } from 'cli-progress';
import pino from 'pino';
import { buildApp, defineJobs } from '../app.js';
import { prepareDatabase } from '../bootstrap.js';
import type { Config } from '../config.js';
import {
  createUser,
  createUserSchema,
  findUserByUsername,
  ROLES,
  resetPassword,
} from '../modules/accounts/index.js';
import { addWorkdaysAt } from '../modules/calendar/index.js';
import { listOrgs } from '../modules/orgs/index.js';
import { cliActor } from '../platform/actor.js';
import { verifyAuditChain } from '../platform/audit/audit.js';
import { cipherOf } from '../platform/crypto.js';
import { type DbHandle, openDatabase, refreshPlannerStatistics } from '../platform/db/index.js';
import { isAppError } from '../platform/errors.js';
import { parseInput } from '../platform/http/validation.js';
import { JobQueue } from '../platform/jobs/queue.js';
import { rebuildSearchIndex } from '../platform/search/reindex.js';
import { DEMO_PASSWORD, DEMO_USERS } from '../seed/demo.js';
import { backupSqlite } from './backup.js';
import { IMPORT_HELP, importDocumentsFile, summaryText } from './import.js';
import { rekeyAll } from './rekey.js';
import { reportCommand } from './report-check.js';
import { importReportFile } from './report-import.js';

export interface CommandContext {
  config: Config;
  args: string[];
  options: { name?: string; org?: string; role?: string[]; as?: string; previous?: string; json?: boolean };
}

/** A command returns its exit code; -1 means "keep running" (servers). */
type Command = (ctx: CommandContext) => Promise<number>;

function bar(label: string) {
  return new SingleBar({
    format: `${label} [{bar}] {percentage}% | {value}/{total}`,
    hideCursor: true,
    stream: process.stderr,
  });
}

function startupLines(config: Config, ms: number, seeded: boolean): string[] {
  const web = config.webProcesses > 1 ? `；网站进程：${config.webProcesses} 个` : '';
  const lines = [
    `政务公开平台已启动（${ms} ms）：${config.baseUrl}`,
    `数据库：${config.dialect === 'sqlite' ? config.databaseUrl.replace(/^sqlite:/, '') : 'PostgreSQL'}；后台任务：${config.role === 'web' ? '由独立 worker 运行' : '本进程运行'}${web}`,
    `管理后台：${config.baseUrl}/console/login`,
  ];
  if (config.seedDemo) {
    lines.push(`示例账号（密码均为 ${DEMO_PASSWORD}，仅供演示，正式上线前请设置 SEED_DEMO=false 并停用）：`);
    const roleName = new Map(ROLES.map((r) => [r.code, r.name]));
    for (const u of DEMO_USERS)
      lines.push(
        `  ${u.username.padEnd(10)} ${u.roles.map((r) => roleName.get(r) ?? r).join('、')}（${u.display_name}）`,
      );
    if (seeded) lines.push('已载入示例数据。');
  }
  return lines;
}

function jobQueueFor(config: Config, handle: DbHandle): JobQueue {
  const queue = new JobQueue(handle.db, pino({ level: config.logLevel }));
  defineJobs({
    db: handle.db,
    dialect: handle.dialect,
    config,
    jobs: queue,
    alerts: async () => [],
    apiDocs: () => [],
  });
  return queue;
}

const serve: Command = async (ctx) => {
  if (cluster.isWorker) return serveWebProcess(ctx);
  if (ctx.config.webProcesses > 1) return serveCluster(ctx);
  const { config } = ctx;
  const started = performance.now();
  const { handle, seeded } = await prepareDatabase(config);
  const { app, deps } = await buildApp(config, handle);
  if (config.role !== 'web') deps.jobs.start();
  await app.listen({ port: config.port, host: config.host });
  console.log(startupLines(config, Math.round(performance.now() - started), seeded).join('\n'));
  const stop = async () => {
    await deps.jobs.stop();
    await app.close();
    await handle.destroy();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return -1;
};

/**
 * WEB_PROCESSES > 1: this process migrates and seeds once, runs the background jobs (unless
 * GONGKAI_ROLE=web) and keeps N web processes (node:cluster) serving one port; one that dies is
 * started again after a second. The page cache stays correct across them (content-version.ts).
 */
async function serveCluster({ config }: CommandContext): Promise<number> {
  const started = performance.now();
  const { handle, seeded } = await prepareDatabase(config);
  const queue = config.role !== 'web' ? jobQueueFor(config, handle) : null;
  queue?.start(1000, { keepAlive: true });
  let stopping = false;
  const fork = () => cluster.fork({ GONGKAI_ROLE: 'web' });
  const listening = new Promise<void>((resolve) => {
    let up = 0;
    cluster.on('listening', () => {
      if (++up === config.webProcesses) resolve();
    });
  });
  cluster.on('exit', (w, code, signal) => {
    if (stopping) return;
    console.error(`网站进程 ${w.process.pid} 已退出（${signal ?? code}），1 秒后重新启动`);
    setTimeout(() => {
      if (!stopping) fork();
    }, 1000).unref();
  });
  for (let i = 0; i < config.webProcesses; i++) fork();
  await listening;
  console.log(startupLines(config, Math.round(performance.now() - started), seeded).join('\n'));
  const stop = async () => {
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w) => w !== undefined);
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve) => {
            if (w.isDead()) return resolve();
            w.once('exit', () => resolve());
            w.process.kill('SIGTERM');
          }),
      ),
    );
    await queue?.stop();
    await handle.destroy();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return -1;
}

/** One web process of a cluster: the primary has migrated; this one only serves. */
async function serveWebProcess({ config }: CommandContext): Promise<number> {
  const handle = openDatabase(config.databaseUrl);
  const { app } = await buildApp(config, handle);
  await app.listen({ port: config.port, host: config.host });
  const stop = async () => {
    await app.close();
    await handle.destroy();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  // Ctrl-C reaches the whole process group: the primary decides when to stop.
  process.on('SIGINT', () => {});
  return -1;
}

const worker: Command = async ({ config }) => {
  const { handle } = await prepareDatabase(config, { seed: false });
  const queue = jobQueueFor(config, handle);
  queue.start(1000, { keepAlive: true });
  console.log(`后台任务进程已启动（${queue.workerId}），任务：${queue.names.join('、')}`);
  const stop = async () => {
    await queue.stop();
    await handle.destroy();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return -1;
};

const migrate: Command = async ({ config }) => {
  const { handle, migrated } = await prepareDatabase(config, { seed: false });
  await handle.destroy();
  console.log(migrated.length ? `已执行迁移：${migrated.join('、')}` : '数据库已是最新结构。');
  return 0;
};

const seed: Command = async ({ config }) => {
  const { handle } = await prepareDatabase(config, { seed: true });
  await handle.destroy();
  console.log('示例数据已载入（已存在的不会重复）。');
  return 0;
};

const user: Command = async ({ config, args, options }) => {
  const [sub, username] = args;
  if ((sub !== 'create' && sub !== 'reset-password') || !username) {
    console.error(
      '用法：gongkai user create <用户名> --name <姓名> --org <单位名称> [--role <角色>]... | gongkai user reset-password <用户名>',
    );
    return 2;
  }
  const { handle } = await prepareDatabase(config, { seed: false });
  const deps = { db: handle.db, cipher: cipherOf(config) };
  try {
    if (sub === 'reset-password') {
      const u = await findUserByUsername(handle.db, username.toLowerCase());
      if (!u) {
        console.error(`用户不存在：${username}`);
        return 1;
      }
      const pw = await resetPassword(deps, cliActor(), u.id);
      console.log(`已重置 ${u.username} 的密码。一次性初始密码：${pw}\n首次登录时必须修改。`);
      return 0;
    }
    const org = (await listOrgs(handle.db)).find(
      (o) => o.name === options.org || o.short_name === options.org,
    );
    if (!org) {
      console.error(`单位不存在：${options.org ?? '（未指定 --org）'}`);
      return 1;
    }
    const input = parseInput(
      createUserSchema,
      { username, display_name: options.name, org_id: String(org.id), roles: options.role ?? [], phone: '' },
      {
        username: '用户名',
        display_name: '姓名（--name）',
        org_id: '单位（--org）',
        roles: '角色（--role）',
      },
    );
    const created = await createUser(deps, cliActor(), input);
    console.log(
      `已创建用户 ${input.username}。一次性初始密码：${created.initialPassword}\n首次登录时必须修改。`,
    );
    return 0;
  } catch (e) {
    if (isAppError(e)) {
      console.error(e.fields ? Object.values(e.fields).join('\n') : e.message);
      return 1;
    }
    throw e;
  } finally {
    await handle.destroy();
  }
};

const audit: Command = async ({ config, args }) => {
  if (args[0] !== 'verify') {
    console.error('用法：gongkai audit verify');
    return 2;
  }
  const { handle } = await prepareDatabase(config, { seed: false });
  const progress = bar('校验审计日志');
  let started = false;
  try {
    const result = await verifyAuditChain(handle.db, (checked, total) => {
      if (!started) {
        progress.start(total, 0);
        started = true;
      }
      progress.update(checked);
    });
    if (started) progress.stop();
    if (result.ok) {
      console.log(`审计日志完整：共 ${result.checked} 条记录，SM3 哈希链校验通过。`);
      return 0;
    }
    const b = result.broken!;
    console.error(
      `审计日志被篡改：第 ${b.seq} 条记录${b.id ? `（id ${b.id}）` : ''}：${b.reason}。此前 ${result.checked} 条记录校验通过。`,
    );
    return 3;
  } finally {
    await handle.destroy();
  }
};

const backup: Command = async ({ config, args }) => {
  if (config.dialect === 'postgres') {
    console.log(
      'PostgreSQL 数据库请使用 pg_dump 备份，例如：\n  pg_dump --format=custom --file=gongkai-$(date +%F).dump "$DATABASE_URL"\n恢复：pg_restore --clean --dbname="$DATABASE_URL" gongkai-YYYY-MM-DD.dump',
    );
    return 0;
  }
  const source = config.databaseUrl.replace(/^(sqlite:|file:)/, '');
  const target = path.resolve(
    args[0] ??
      path.join(config.dataDir, 'backups', `gongkai-${new Date().toISOString().replace(/[:.]/g, '-')}.db`),
  );
  const progress = bar('备份');
  progress.start(100, 0);
  await backupSqlite(source, target, (done, total) =>
    progress.update(Math.round((done / Math.max(total, 1)) * 100)),
  );
  progress.update(100);
  progress.stop();
  console.log(`已备份到 ${target}（${(await stat(target)).size} 字节）`);
  return 0;
};

const calendar: Command = async ({ config, args }) => {
  const [sub, from, days] = args;
  if (sub !== 'add-workdays' || !from || days === undefined) {
    console.error('用法：gongkai calendar add-workdays <YYYY-MM-DD> <工作日数>');
    return 2;
  }
  const { handle } = await prepareDatabase(config, { seed: false });
  try {
    const r = await addWorkdaysAt(handle.db, config, from, days);
    console.log(r.date);
    for (const line of r.explanation) console.log(`  ${line}`);
    for (const w of r.warnings) console.error(`警告：${w}`);
    return 0;
  } catch (e) {
    if (isAppError(e)) {
      console.error(e.message);
      return 2;
    }
    throw e;
  } finally {
    await handle.destroy();
  }
};

const importCommand: Command = async ({ config, args, options }) => {
  const [kind, file] = args;
  if (kind !== 'documents' || !file) {
    console.error(`用法：${IMPORT_HELP}`);
    return 2;
  }
  try {
    await stat(file);
  } catch {
    console.error(`文件不存在或不可读：${file}`);
    return 2;
  }
  const { handle } = await prepareDatabase(config, { seed: false });
  try {
    const { summary } = await importDocumentsFile(handle.db, file, {
      as: options.as,
      tty: process.stderr.isTTY === true,
    });
    // Many new rows: let the planner see them (refreshPlannerStatistics).
    if (summary.created + summary.updated > 0) await refreshPlannerStatistics(handle.db);
    console.log(summaryText(summary));
    return summary.failed > 0 ? 1 : 0;
  } catch (e) {
    if (isAppError(e)) {
      console.error(e.message);
      return 2;
    }
    throw e;
  } finally {
    await handle.destroy();
  }
};

const reindex: Command = async ({ config }) => {
  const { handle } = await prepareDatabase(config, { seed: false });
  const progress = bar('重建搜索索引');
  const tty = process.stderr.isTTY === true;
  let started = false;
  let lastLine = 0;
  try {
    const r = await rebuildSearchIndex(handle.db, cliActor(), (done, total) => {
      if (tty) {
        if (!started) progress.start(total, 0);
        started = true;
        progress.update(done);
      } else if (done === total || done - lastLine >= 10_000) {
        lastLine = done;
        console.error(`重建搜索索引：${done}/${total}`);
      }
    });
    if (started) progress.stop();
    const rate = r.ms > 0 ? Math.round((r.indexed / r.ms) * 1000) : r.indexed;
    console.log(
      `搜索索引已重建：${r.indexed} 条（${rate} 条/秒，用时 ${(r.ms / 1000).toFixed(1)} 秒）${r.removed ? `，移除失效条目 ${r.removed} 条` : ''}。`,
    );
    return 0;
  } finally {
    await handle.destroy();
  }
};

const rekey: Command = async ({ config }) => {
  const { handle } = await prepareDatabase(config, { seed: false });
  try {
    const n = await rekeyAll(handle.db, config);
    console.log(
      `已用当前 DATA_KEY 重新加密：用户手机号 ${n.users} 条，依申请公开申请人信息 ${n.applications} 条，发件箱地址 ${n.outbox} 条，申请附件 ${n.files} 个。`,
    );
    return 0;
  } catch (e) {
    console.error(`重新加密失败（请确认旧密钥已写入 DATA_KEYS_OLD）：${(e as Error).message}`);
    return 1;
  } finally {
    await handle.destroy();
  }
};

/** `report import FILE.json` (the database command; `report check` is a file command). */
const report: Command = async ({ config, args }) => {
  const [sub, file, extra] = args;
  if (sub !== 'import' || !file || extra !== undefined) {
    console.error('用法：gongkai report import <报告.json>\n详见 gongkai report --help');
    return 2;
  }
  const { handle } = await prepareDatabase(config, { seed: false });
  try {
    const r = await importReportFile(handle.db, file);
    (r.code === 0 ? console.log : console.error)(r.lines.join('\n'));
    return r.code;
  } finally {
    await handle.destroy();
  }
};

/** Commands that only read files: they run without configuration and never open the database. */
export const fileCommands: Record<string, (ctx: Omit<CommandContext, 'config'>) => Promise<number>> = {
  report: ({ args, options }) => reportCommand(args, options),
};

export const commands: Record<string, Command> = {
  report,
  reindex,
  rekey,
  serve,
  worker,
  migrate,
  seed,
  user,
  audit,
  backup,
  calendar,
  import: importCommand,
};
