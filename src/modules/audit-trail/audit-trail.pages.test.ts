import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp, type TestApp } from '../../../test/support/app.js';
import { allowAuditTampering } from '../../../test/support/audit.js';
import { dialects } from '../../../test/support/db.js';
import { SYSTEM } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { todayCst } from '../../platform/time.js';
import { auditCsv } from './audit-trail.service.js';

/** Minimal RFC 4180 reader, so the tests check what a spreadsheet would actually see. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (quoted && c === '"') {
      quoted = false;
    } else if (quoted) {
      cell += c;
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else {
      cell += c;
    }
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

/** Data rows of the viewer's table (header row excluded). */
const bodyRows = (html: string) =>
  html.split('<tbody>')[1]?.split('</tbody>')[0]?.match(/<tr>/g)?.length ?? 0;

describe.each(dialects)('audit trail console on %s', (dialect) => {
  let t: TestApp;
  let auditor: Browser;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
    auditor = new Browser(t.app);
    await auditor.login('auditor');
  });
  afterAll(async () => t?.close());

  const exportCsv = async (query: string) => {
    const res = await auditor.get(`/console/audit/export.csv${query}`);
    expect(res.statusCode).toBe(200);
    return { res, rows: parseCsv(res.rawPayload.subarray(3).toString('utf8')) };
  };

  it('shows the auditor the log with Chinese labels, the retention note and the export link', async () => {
    const res = await auditor.get('/console/audit');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<caption>');
    expect(res.body).toContain('<th scope="col">变更摘要</th>');
    expect(res.body).toContain('登录');
    expect(res.body).toMatch(/现存 \d+ 条记录，最早一条为 \d{4}-\d{2}-\d{2}/);
    expect(res.body).toContain('网络安全法');
    expect(res.body).toContain('href="/console/audit/export.csv"');
  });

  it('filters by action prefix', async () => {
    await new Browser(t.app).login('publisher');
    const res = await auditor.get('/console/audit?action=auth.login');
    expect(res.statusCode).toBe(200);
    const expected = await t.deps.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', 'like', 'auth.login%')
      .executeTakeFirstOrThrow();
    expect(Number(expected.n)).toBeGreaterThanOrEqual(2);
    expect(bodyRows(res.body)).toBe(Number(expected.n));
    expect(res.body).toContain('(publisher)</td>');
    expect(res.body).not.toContain('<code class="hint">auth.logout</code>');
    // The export link carries the same filter.
    expect(res.body).toContain('href="/console/audit/export.csv?action=auth.login"');
  });

  it('filters by Beijing calendar days, both ends inclusive', async () => {
    const today = todayCst();
    const inRange = await auditor.get(`/console/audit?from=${today}&to=${today}&action=auth.login`);
    expect(bodyRows(inRange.body)).toBeGreaterThan(0);
    expect(inRange.body).not.toContain('没有符合条件的记录');
    const past = await auditor.get('/console/audit?from=2001-01-01&to=2001-12-31');
    expect(past.statusCode).toBe(200);
    expect(past.body).toContain('没有符合条件的记录');
  });

  it('rejects a bad date with a 400 page naming the field', async () => {
    const bad = await auditor.get('/console/audit?from=2024-02-30&actor=x');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('起始日期：应为有效日期');
    expect(bad.body).toContain('value="x"');
    const reversed = await auditor.get('/console/audit?from=2024-05-02&to=2024-05-01');
    expect(reversed.statusCode).toBe(400);
    expect(reversed.body).toContain('截止日期：不能早于起始日期');
  });

  it('pages 50 records at a time', async () => {
    for (let i = 1; i <= 120; i++)
      await recordAudit(t.deps.db, SYSTEM, { action: 'test.bulk', targetType: 'thing', targetId: i });
    const first = await auditor.get('/console/audit?action=test.bulk');
    expect(bodyRows(first.body)).toBe(50);
    expect(first.body).toContain('第 1 / 3 页，共 120 条');
    const last = await auditor.get('/console/audit?action=test.bulk&page=3');
    expect(bodyRows(last.body)).toBe(20);
  });

  it('exports every matching row as CSV with a BOM, quoting and formula neutralisation', async () => {
    const attacker = new Browser(t.app);
    expect((await attacker.post('/console/login', { username: '=cmd|x', password: 'x' })).statusCode).toBe(
      401,
    );
    expect((await attacker.post('/console/login', { username: 'q,"r\ns', password: 'x' })).statusCode).toBe(
      401,
    );

    const { res, rows } = await exportCsv('?action=auth.login_failed');
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="audit-log-\d{8}-\d{4}\.csv"$/);
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(res.body.includes('\r\n')).toBe(true);
    expect(rows[0]?.[0]).toBe('序号');
    expect(rows[0]).toContain('变更前摘要（SM3）');
    const targetIds = rows.slice(1).map((r) => r[9]);
    expect(targetIds).toContain("'=cmd|x");
    expect(targetIds).toContain('q,"r\ns');
    expect(res.body).not.toMatch(/(^|,)=cmd/m);
    expect(rows.slice(1).every((r) => r[6] === 'auth.login_failed' && r[7] === '登录失败')).toBe(true);

    // Not only the first page: all 120 bulk rows, newest first, each once.
    const bulk = await exportCsv('?action=test.bulk');
    const seqs = bulk.rows.slice(1).map((r) => Number(r[0]));
    expect(seqs).toHaveLength(120);
    expect(new Set(seqs).size).toBe(120);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
  });

  it('reads the export in batches without repeating or skipping rows', async () => {
    const filter = { action: 'test.bulk' };
    const whole = async (batch: number) => {
      let text = '';
      for await (const chunk of auditCsv(t.deps.db, filter, batch)) text += chunk;
      return text;
    };
    const small = await whole(7);
    expect(small).toBe(await whole(500));
    expect(parseCsv(small.slice(1))).toHaveLength(121);
  });

  it('records each export in the audit trail with its filter', async () => {
    await exportCsv('?target_type=user&actor=cmd');
    const row = await t.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'audit.exported')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(row.actor_name).toContain('auditor');
    expect(JSON.parse(row.detail ?? '{}')).toEqual({
      filter: { actor: 'cmd', target_type: 'user' },
      format: 'csv',
    });
    const view = await auditor.get('/console/audit?action=audit.exported');
    expect(view.body).toContain('导出审计日志');
  });

  it('shows the job queue read-only', async () => {
    await t.deps.jobs.enqueue('prune-sessions');
    const res = await auditor.get('/console/jobs');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('按状态统计');
    expect(res.body).toContain('<code>prune-sessions</code>');
    expect(res.body).toContain('0/5');
    expect(res.body).not.toContain('<form method="post" action="/console/jobs');
  });

  it('refuses the administrator (三员分立: no audit.read)', async () => {
    const admin = new Browser(t.app);
    await admin.login('admin');
    expect((await admin.get('/console/audit')).statusCode).toBe(403);
    expect((await admin.get('/console/audit/export.csv')).statusCode).toBe(403);
    expect((await admin.get('/console/jobs')).statusCode).toBe(200);
    expect((await new Browser(t.app).get('/console/audit')).statusCode).toBe(303);
  });

  it('verifies the hash chain on request and names the first broken record', async () => {
    const before = await auditor.get('/console/audit');
    expect(before.body).toContain('href="/console/audit?verify=1"');
    const ok = await auditor.get('/console/audit?verify=1');
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toMatch(/<strong>完整<\/strong>：已逐条校验 \d+ 条记录/);

    // Tampering last: it breaks the chain for anything that follows.
    await allowAuditTampering(t.deps.db, dialect);
    await sql`UPDATE audit_log SET target_id = 'forged' WHERE seq = 2`.execute(t.deps.db);
    const broken = await auditor.get('/console/audit?verify=1');
    expect(broken.body).toContain('<strong>被篡改</strong>：自第 2 条记录起哈希链断裂');
  });
});
