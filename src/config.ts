import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * Configuration comes from environment variables only, parsed and validated once at start-up.
 * The names are a public contract (outside checks rely on them): PORT, HOST, DATA_DIR, DATABASE_URL,
 * BASE_URL, SESSION_SECRET, DATA_KEY, plus the optional ones documented in README.md.
 */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string;
  dialect: 'sqlite' | 'postgres';
  baseUrl: string;
  /** Cookies get the Secure flag and HSTS is sent when the public URL is https. */
  secure: boolean;
  sessionSecret: string;
  /** 128-bit SM4 key (hex) for personal data encrypted at rest. */
  dataKey: string;
  /** Rotated-out data keys (DATA_KEYS_OLD, comma-separated hex): they open old values, never seal. */
  oldDataKeys: string[];
  role: 'web' | 'worker' | 'all';
  logLevel: string;
  seedDemo: boolean;
  trustProxy: boolean;
  idleTimeoutMinutes: number;
  /** Staff must choose a new password after this many days (等保: 定期更换). */
  passwordMaxAgeDays: number;
  /** Convention for counting working days: day 0 is the start day (see docs/adr/0005). */
  calendarStartCounting: 'next-day' | 'same-day';
  calendarRegion: string;
  /**
   * Whether a fee notice's payment window stops the reply clock (APPLICATION_FEE_CLOCK): no source
   * settles it (regulations.md B11), so `count` (default: it keeps running) or `exclude`.
   */
  applicationFeeClock: 'count' | 'exclude';
  /** SMTP server for notifications (SMTP_URL, e.g. smtps://user:pass@mail.example.gov.cn:465); none: the outbox keeps them. */
  smtpUrl: string | null;
  /** Sender address of notifications (MAIL_FROM). */
  mailFrom: string;
  /** Anonymous public pages kept in memory per process (0 turns the page cache off). */
  pageCacheEntries: number;
  /** `serve`: web processes sharing the port (node:cluster); 1 serves from the main process. */
  webProcesses: number;
  /** Longest a cached page is served even when nothing was changed (for date-dependent pages). */
  pageCacheTtlSeconds: number;
  /** Largest accepted document attachment, in bytes (ATTACHMENT_MAX_MB, default 20). */
  attachmentMaxBytes: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const boolish = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'], { message: '应为 true 或 false' })
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const envSchema = z.object({
  PORT: z.coerce
    .number({ message: '应为 1–65535 之间的整数' })
    .int('应为 1–65535 之间的整数')
    .min(1, '应为 1–65535 之间的整数')
    .max(65535, '应为 1–65535 之间的整数')
    .default(3000),
  HOST: z.string().min(1, '不能为空').default('0.0.0.0'),
  DATA_DIR: z.string().min(1, '不能为空').default('./data'),
  DATABASE_URL: z
    .string()
    .refine(
      (v) =>
        /^(postgres|postgresql):\/\/.+/.test(v) ||
        /^(sqlite:|file:)?[^:]+$/.test(v) ||
        v.startsWith('sqlite:'),
      '应为 postgres://… 或 SQLite 文件路径（sqlite:路径）',
    )
    .optional(),
  BASE_URL: z.url({ message: '应为完整网址，例如 https://gk.example.gov.cn' }).optional(),
  SESSION_SECRET: z.string().min(32, '长度至少 32 个字符').optional(),
  DATA_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{32}$/, '应为 32 位十六进制（SM4 128 位密钥）')
    .optional(),
  DATA_KEYS_OLD: z
    .string()
    .regex(/^\s*[0-9a-fA-F]{32}\s*(,\s*[0-9a-fA-F]{32}\s*)*$/, '应为逗号分隔的 32 位十六进制密钥')
    .optional(),
  GONGKAI_ROLE: z.enum(['web', 'worker', 'all'], { message: '应为 web、worker 或 all' }).default('all'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      message: '应为 fatal/error/warn/info/debug/trace/silent 之一',
    })
    .default('info'),
  SEED_DEMO: boolish.default(true),
  TRUST_PROXY: boolish.default(false),
  IDLE_TIMEOUT_MINUTES: z.coerce
    .number({ message: '应为正整数' })
    .int('应为正整数')
    .min(1, '应为正整数')
    .max(30, '等保要求不超过 30 分钟')
    .default(30),
  PASSWORD_MAX_AGE_DAYS: z.coerce
    .number({ message: '应为 1–365 之间的整数' })
    .int('应为 1–365 之间的整数')
    .min(1, '应为 1–365 之间的整数')
    .max(365, '应为 1–365 之间的整数')
    .default(90),
  CALENDAR_START_COUNTING: z
    .enum(['next-day', 'same-day'], { message: '应为 next-day 或 same-day' })
    .default('next-day'),
  CALENDAR_REGION: z.string().min(1).default('national'),
  APPLICATION_FEE_CLOCK: z.enum(['count', 'exclude'], { message: '应为 count 或 exclude' }).default('count'),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, { message: '应为 smtp://… 或 smtps://… 形式的地址' })
    .optional(),
  MAIL_FROM: z
    .string()
    .regex(/^[^\s@]+@[^\s@]+$/, { message: '应为电子邮件地址' })
    .default('noreply@localhost'),
  PAGE_CACHE_ENTRIES: z.coerce
    .number({ message: '应为 0–1000000 之间的整数' })
    .int('应为 0–1000000 之间的整数')
    .min(0, '应为 0–1000000 之间的整数')
    .max(1_000_000, '应为 0–1000000 之间的整数')
    .default(5000),
  WEB_PROCESSES: z.coerce
    .number({ message: '应为 1–64 之间的整数' })
    .int('应为 1–64 之间的整数')
    .min(1, '应为 1–64 之间的整数')
    .max(64, '应为 1–64 之间的整数')
    .default(1),
  PAGE_CACHE_TTL_SECONDS: z.coerce
    .number({ message: '应为 1–86400 之间的整数' })
    .int('应为 1–86400 之间的整数')
    .min(1, '应为 1–86400 之间的整数')
    .max(86_400, '应为 1–86400 之间的整数')
    .default(60),
  ATTACHMENT_MAX_MB: z.coerce
    .number({ message: '应为 1–200 之间的整数' })
    .int('应为 1–200 之间的整数')
    .min(1, '应为 1–200 之间的整数')
    .max(200, '应为 1–200 之间的整数')
    .default(20),
});

type Env = Record<string, string | undefined>;

/** Parse and validate the environment. Throws ConfigError naming every bad variable in Chinese. */
export function loadConfig(env: Env = process.env, options: { persistSecrets?: boolean } = {}): Config {
  const cleaned: Env = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== '') cleaned[k] = v;
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${String(i.path[0])}: ${i.message}`);
    throw new ConfigError(`配置错误，请检查以下环境变量：\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  const databaseUrl = e.DATABASE_URL ?? `sqlite:${path.join(dataDir, 'gongkai.db')}`;
  const dialect = /^postgres(ql)?:\/\//.test(databaseUrl) ? 'postgres' : 'sqlite';
  const baseUrl = (e.BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  const secrets =
    e.SESSION_SECRET && e.DATA_KEY
      ? { sessionSecret: e.SESSION_SECRET, dataKey: e.DATA_KEY }
      : loadOrCreateSecrets(dataDir, options.persistSecrets ?? true);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl,
    dialect,
    baseUrl,
    secure: baseUrl.startsWith('https://'),
    sessionSecret: e.SESSION_SECRET ?? secrets.sessionSecret,
    dataKey: (e.DATA_KEY ?? secrets.dataKey).toLowerCase(),
    oldDataKeys: (e.DATA_KEYS_OLD ?? '')
      .split(',')
      .map((k) => k.trim().toLowerCase())
      .filter(Boolean),
    role: e.GONGKAI_ROLE,
    logLevel: e.LOG_LEVEL,
    seedDemo: e.SEED_DEMO,
    trustProxy: e.TRUST_PROXY,
    idleTimeoutMinutes: e.IDLE_TIMEOUT_MINUTES,
    passwordMaxAgeDays: e.PASSWORD_MAX_AGE_DAYS,
    calendarStartCounting: e.CALENDAR_START_COUNTING,
    calendarRegion: e.CALENDAR_REGION,
    applicationFeeClock: e.APPLICATION_FEE_CLOCK,
    smtpUrl: e.SMTP_URL ?? null,
    mailFrom: e.MAIL_FROM,
    pageCacheEntries: e.PAGE_CACHE_ENTRIES,
    webProcesses: e.WEB_PROCESSES,
    pageCacheTtlSeconds: e.PAGE_CACHE_TTL_SECONDS,
    attachmentMaxBytes: e.ATTACHMENT_MAX_MB * 1024 * 1024,
  };
}

/**
 * Secrets not given in the environment are generated once into DATA_DIR/secrets.json (mode 0600).
 * Several nodes must share them: give SESSION_SECRET and DATA_KEY explicitly in that case.
 */
function loadOrCreateSecrets(dataDir: string, persist: boolean): { sessionSecret: string; dataKey: string } {
  const file = path.join(dataDir, 'secrets.json');
  if (existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { sessionSecret?: string; dataKey?: string };
    if (stored.sessionSecret && stored.dataKey)
      return { sessionSecret: stored.sessionSecret, dataKey: stored.dataKey };
  }
  const fresh = {
    sessionSecret: randomBytes(32).toString('base64url'),
    dataKey: randomBytes(16).toString('hex'),
  };
  if (persist) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, `${JSON.stringify(fresh, null, 2)}\n`, { mode: 0o600 });
  }
  return fresh;
}
