import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { prepareDatabase } from '../src/bootstrap.js';
import { Browser, buildTestApp, DEMO_PASSWORD, type TestApp, testConfig } from './support/app.js';
import { dialects } from './support/db.js';

/**
 * Two web processes against one database must behave as one site behind a load balancer:
 * sessions, CSRF tokens, lockouts, rate limits and settings live in the database, not in memory.
 */
describe.each(dialects)('two app instances sharing one %s database', (dialect) => {
  let a: TestApp;
  let b: Awaited<ReturnType<typeof buildApp>>;
  let closeB: () => Promise<void>;
  beforeAll(async () => {
    a = await buildTestApp(dialect);
    // Node B: its own pool and Fastify instance, same DATABASE_URL and secrets.
    const config = testConfig(a.config.databaseUrl);
    const { handle } = await prepareDatabase(config, { seed: false });
    b = await buildApp(config, handle, { logger: false });
    closeB = async () => {
      await b.app.close();
      await handle.destroy();
    };
  });
  afterAll(async () => {
    await closeB?.();
    await a?.close();
  });

  /** A browser whose requests alternate between the two nodes. */
  function roundRobin() {
    const onA = new Browser(a.app);
    const onB = new Browser(b.app);
    onB.cookies = onA.cookies; // one cookie jar: the same visitor
    return { onA, onB };
  }

  it('accepts on node B a session started on node A', async () => {
    const { onA, onB } = roundRobin();
    await onA.login('admin');
    const me = await onB.get('/api/v1/me');
    expect(me.statusCode).toBe(200);
    expect(JSON.parse(me.body).username).toBe('admin');
  });

  it('accepts on node B a form whose CSRF token came from node A', async () => {
    const { onA, onB } = roundRobin();
    await onA.login('admin');
    const token = await onA.csrf('/console/settings');
    const res = await onB.post(
      '/console/settings',
      {
        siteName: '双节点测试站',
        siteDomain: 'gk.example.gov.cn',
        sponsor: '市规划和自然资源局',
        siteIdCode: '',
        address: '',
        phone: '',
        icp: '',
        psb: '',
      },
      { csrf: token },
    );
    expect(res.statusCode).toBe(303);
  });

  it('ends the session everywhere on logout at one node', async () => {
    const { onA, onB } = roundRobin();
    await onA.login('publisher');
    expect((await onB.get('/console')).statusCode).toBe(200);
    await onB.post('/console/logout', {}, { page: '/console' });
    expect((await onA.get('/api/v1/me')).statusCode).toBe(401);
  });

  it('counts login failures across nodes for the lockout', async () => {
    const { onA, onB } = roundRobin();
    for (let i = 0; i < 5; i++) {
      const node = i % 2 === 0 ? onA : onB;
      await node.post('/console/login', { username: 'legal', password: `bad-${i}` });
    }
    const res = await onB.post('/console/login', { username: 'legal', password: DEMO_PASSWORD });
    expect(res.statusCode).toBe(423);
  });

  it('shows a settings change made on one node at the other within the cache window', async () => {
    const { onA } = roundRobin();
    await onA.login('admin');
    await onA.post(
      '/console/settings',
      {
        siteName: '同步测试站',
        siteDomain: 'gk.example.gov.cn',
        sponsor: '主办单位乙',
        siteIdCode: '1201000001',
        address: '',
        phone: '',
        icp: '',
        psb: '',
      },
      { page: '/console/settings' },
    );
    // The footer cache lives 5 s; wait it out rather than reach into the cache.
    await new Promise((r) => setTimeout(r, 5200));
    const home = await new Browser(b.app).get('/');
    expect(home.body).toContain('主办单位乙');
    expect(home.body).toContain('content="1201000001"');
  });
});
