import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { type BuiltApp, buildApp } from '../../src/app.js';
import { prepareDatabase } from '../../src/bootstrap.js';
import { type Config, loadConfig } from '../../src/config.js';
import type { DialectName } from '../../src/platform/db/index.js';
import { DEMO_PASSWORD, DEMO_USERS } from '../../src/seed/demo.js';
import { freshDatabaseUrl } from './db.js';

export { DEMO_PASSWORD, DEMO_USERS };

export interface TestApp extends BuiltApp {
  config: Config;
  close(): Promise<void>;
}

/** Test configuration: fixed secrets, nothing written outside a temp folder. */
export function testConfig(databaseUrl: string, overrides: Record<string, string> = {}): Config {
  return loadConfig(
    {
      DATABASE_URL: databaseUrl,
      DATA_DIR: '/tmp/gongkai-test-data',
      SESSION_SECRET: 'test-session-secret-test-session-secret-0123456789',
      DATA_KEY: '00112233445566778899aabbccddeeff',
      LOG_LEVEL: 'silent',
      BASE_URL: 'http://localhost:3000',
      ...overrides,
    },
    { persistSecrets: false },
  );
}

/**
 * A whole platform on a fresh database of the given dialect, seeded with the demo data
 * (bureau, divisions, branches, one account per role, notices). Use app.inject().
 */
export async function buildTestApp(
  dialect: DialectName,
  options: {
    seed?: boolean;
    demoDocuments?: boolean;
    env?: Record<string, string>;
    databaseUrl?: string;
  } = {},
): Promise<TestApp> {
  const fresh = options.databaseUrl ? null : await freshDatabaseUrl(dialect);
  const config = testConfig(options.databaseUrl ?? fresh!.url, options.env);
  // Demo documents take a while to publish and would shift counts: opt in where a test wants them.
  const { handle } = await prepareDatabase(config, {
    seed: options.seed ?? true,
    demoDocuments: options.demoDocuments ?? false,
  });
  const built = await buildApp(config, handle, { logger: false });
  return {
    ...built,
    config,
    close: async () => {
      await built.app.close();
      await handle.destroy();
      await fresh?.drop();
    },
  };
}

type UploadFile = { filename: string; type: string; data: Buffer };

/** Cookie jar for one simulated browser. */
export class Browser {
  cookies = new Map<string, string>();
  constructor(private readonly app: FastifyInstance) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(res: LightMyRequestResponse) {
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }

  async get(url: string, headers: Record<string, string> = {}) {
    return this.remember(
      await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader, ...headers } }),
    );
  }

  /** CSRF token as a page would embed it (fetches a page first if needed). */
  async csrf(page = '/console/login'): Promise<string> {
    const res = await this.get(page);
    const m = res.body.match(/name="_csrf" value="([^"]+)"/);
    if (!m?.[1]) throw new Error(`no CSRF token on ${page}`);
    return m[1];
  }

  /** Submit a form the way a browser does (urlencoded, with the page's CSRF token unless given). */
  async post(
    url: string,
    form: Record<string, string | string[]> = {},
    options: { csrf?: string | null; page?: string } = {},
  ) {
    const token =
      options.csrf === undefined
        ? await this.csrf(
            options.page ?? (this.cookies.has('gk_sid') ? '/console/password' : '/console/login'),
          )
        : options.csrf;
    const params = new URLSearchParams();
    if (token !== null) params.append('_csrf', token);
    for (const [k, v] of Object.entries(form))
      for (const item of Array.isArray(v) ? v : [v]) params.append(k, item);
    return this.remember(
      await this.app.inject({
        method: 'POST',
        url,
        headers: { cookie: this.cookieHeader, 'content-type': 'application/x-www-form-urlencoded' },
        payload: params.toString(),
      }),
    );
  }

  /** Submit a multipart form (file uploads), with the CSRF token as a form field. */
  async postMultipart(
    url: string,
    fields: Record<string, string>,
    files: Record<string, UploadFile | UploadFile[]>,
    options: { page: string },
  ) {
    const boundary = `----gongkai${Date.now().toString(16)}`;
    const parts: Buffer[] = [];
    const all = { _csrf: await this.csrf(options.page), ...fields };
    for (const [k, v] of Object.entries(all))
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
    for (const [k, f] of Object.entries(files).flatMap(([k, v]) =>
      (Array.isArray(v) ? v : [v]).map((f) => [k, f] as const),
    )) {
      parts.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${k}"; filename="${f.filename}"\r\nContent-Type: ${f.type}\r\n\r\n`,
        ),
        f.data,
        Buffer.from('\r\n'),
      );
    }
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    return this.remember(
      await this.app.inject({
        method: 'POST',
        url,
        headers: { cookie: this.cookieHeader, 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: Buffer.concat(parts),
      }),
    );
  }

  async login(username: string, password = DEMO_PASSWORD) {
    const res = await this.post('/console/login', { username, password });
    if (res.statusCode !== 303)
      throw new Error(`login as ${username} failed: ${res.statusCode} ${res.body.slice(0, 200)}`);
    return res;
  }
}
