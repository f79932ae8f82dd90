import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, dialects, type TestDatabase } from '../../../test/support/db.js';
import { type DbHandle, openDatabase } from '../db/index.js';
import { backoffSeconds, getJob, JobQueue } from './queue.js';

const log = pino({ level: 'silent' });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('backoffSeconds', () => {
  it('doubles from 10 seconds and stops at one hour', () => {
    expect([1, 2, 3, 4].map(backoffSeconds)).toEqual([10, 20, 40, 80]);
    expect(backoffSeconds(30)).toBe(3600);
  });
});

describe.each(dialects)('JobQueue on %s', (dialect) => {
  let t: TestDatabase;
  let second: DbHandle | null;
  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    second = null;
  });
  afterEach(async () => {
    await second?.destroy();
    await t.dispose();
  });

  /** A second node: its own connection (pool) to the same database, as a separate worker would have. */
  const otherNode = () => {
    second = openDatabase(t.url, { poolSize: 4 });
    return new JobQueue(second.db, log);
  };

  const job = async (id: number | null) => {
    expect(id).not.toBeNull();
    const row = await getJob(t.db, id!);
    if (!row) throw new Error(`job ${id} missing`);
    return row;
  };

  /** Pretend the backoff has elapsed. */
  const makeDue = (id: number) =>
    t.db
      .updateTable('jobs')
      .set({ run_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', id)
      .execute();

  it('runs an enqueued job once and marks it done', async () => {
    const q = new JobQueue(t.db, log);
    const seen: { payload: unknown; attempt: number }[] = [];
    q.define<{ n: number }>({
      name: 'echo',
      run: async (payload, ctx) => {
        seen.push({ payload, attempt: ctx.attempt });
      },
    });
    const id = await q.enqueue('echo', { n: 7 });
    expect(await q.runDue()).toBe(1);
    expect(seen).toEqual([{ payload: { n: 7 }, attempt: 1 }]);
    const row = await job(id);
    expect(row.status).toBe('done');
    expect(row.attempts).toBe(1);
    expect(row.finished_at).not.toBeNull();
    expect(row.locked_by).toBeNull();
    expect(await q.runDue()).toBe(0);
  });

  it('does not run a job before its run_at', async () => {
    const q = new JobQueue(t.db, log);
    q.define({ name: 'later', run: async () => {} });
    const id = await q.enqueue('later', {}, { runAt: new Date(Date.now() + 60_000) });
    expect(await q.runDue()).toBe(0);
    expect((await job(id)).status).toBe('queued');
  });

  it('retries a failing job with growing backoff, then gives it up as dead', async () => {
    const q = new JobQueue(t.db, log);
    let calls = 0;
    q.define({
      name: 'flaky',
      maxAttempts: 3,
      run: async () => {
        calls += 1;
        throw new Error(`boom ${calls}`);
      },
    });
    const id = (await q.enqueue('flaky'))!;
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 2; attempt++) {
      expect(await q.runDue()).toBe(1);
      const row = await job(id);
      expect(row.status).toBe('queued');
      expect(row.attempts).toBe(attempt);
      expect(row.last_error).toBe(`boom ${attempt}`);
      delays.push(Date.parse(row.run_at) - Date.parse(row.updated_at));
      // Not due yet: the backoff holds it back.
      expect(await q.runDue()).toBe(0);
      await makeDue(id);
    }
    expect(delays[0]).toBeGreaterThanOrEqual(9_000);
    expect(delays[0]).toBeLessThanOrEqual(11_000);
    expect(delays[1]).toBeGreaterThanOrEqual(19_000);
    expect(delays[1]).toBeLessThanOrEqual(21_000);

    expect(await q.runDue()).toBe(1);
    const dead = await job(id);
    expect(dead.status).toBe('dead');
    expect(dead.attempts).toBe(3);
    expect(dead.last_error).toBe('boom 3');
    expect(dead.finished_at).not.toBeNull();
    await makeDue(id);
    expect(await q.runDue()).toBe(0);
    expect(calls).toBe(3);
  });

  it('dedupes enqueues that share an idempotency key', async () => {
    const q = new JobQueue(t.db, log);
    q.define({ name: 'once', run: async () => {} });
    const first = await q.enqueue('once', { a: 1 }, { idempotencyKey: 'k-1' });
    const again = await q.enqueue('once', { a: 2 }, { idempotencyKey: 'k-1' });
    const other = await q.enqueue('once', { a: 3 }, { idempotencyKey: 'k-2' });
    expect(first).toEqual(expect.any(Number));
    expect(again).toBeNull();
    expect(other).toEqual(expect.any(Number));
    const rows = await t.db.selectFrom('jobs').select('payload').orderBy('id').execute();
    expect(rows.map((r) => JSON.parse(r.payload))).toEqual([{ a: 1 }, { a: 3 }]);
  });

  it('refuses to enqueue an unknown job', async () => {
    await expect(new JobQueue(t.db, log).enqueue('nope')).rejects.toThrow(/unknown job/);
  });

  it('never runs the same job twice when two nodes drain the queue at once', async () => {
    const runs = new Map<number, number>();
    const nodes = [new JobQueue(t.db, log), otherNode()];
    for (const q of nodes)
      q.define<{ n: number }>({
        name: 'count',
        run: async (payload) => {
          runs.set(payload.n, (runs.get(payload.n) ?? 0) + 1);
          await sleep(2);
        },
      });
    for (let n = 0; n < 20; n++) await nodes[0]!.enqueue('count', { n });

    // Three drainers per node, six claimers racing for the same rows.
    const ran = await Promise.all(nodes.flatMap((q) => [q.runDue(100), q.runDue(100), q.runDue(100)]));
    expect(ran.reduce((a, b) => a + b, 0)).toBe(20);
    expect([...runs.keys()].sort((a, b) => a - b)).toEqual([...Array(20).keys()]);
    expect([...runs.values()].every((c) => c === 1)).toBe(true);
    const statuses = await t.db.selectFrom('jobs').select('status').execute();
    expect(statuses.every((s) => s.status === 'done')).toBe(true);
  });

  it('enqueues exactly one job per due schedule slot across nodes', async () => {
    const nodes = [new JobQueue(t.db, log), otherNode()];
    for (const q of nodes) {
      q.define({ name: 'tick', run: async () => {} });
      q.schedule({ job: 'tick', intervalSeconds: 60 });
    }
    const t0 = new Date();
    const first = await Promise.all(nodes.map((q) => q.tickSchedules(t0)));
    expect(first[0]! + first[1]!).toBe(1);
    // Same instant again: the slot is taken, the next one is not due yet.
    const repeat = await Promise.all(nodes.map((q) => q.tickSchedules(new Date(t0.getTime() + 1000))));
    expect(repeat).toEqual([0, 0]);
    const next = await Promise.all(nodes.map((q) => q.tickSchedules(new Date(t0.getTime() + 61_000))));
    expect(next[0]! + next[1]!).toBe(1);
    const jobs = await t.db.selectFrom('jobs').select(['name', 'idempotency_key']).execute();
    expect(jobs).toHaveLength(2);
    expect(new Set(jobs.map((j) => j.idempotency_key)).size).toBe(2);
  });

  it('requeues a job left running by a crashed worker, but not one still fresh', async () => {
    const q = new JobQueue(t.db, log);
    const ran: number[] = [];
    q.define<{ n: number }>({
      name: 'work',
      run: async (payload) => {
        ran.push(payload.n);
      },
    });
    const stale = (await q.enqueue('work', { n: 1 }))!;
    const fresh = (await q.enqueue('work', { n: 2 }))!;
    const lockedAt = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
    for (const [id, minutes] of [
      [stale, 11],
      [fresh, 1],
    ] as const) {
      await t.db
        .updateTable('jobs')
        .set({ status: 'running', attempts: 1, locked_by: 'crashed-node:1', locked_at: lockedAt(minutes) })
        .where('id', '=', id)
        .execute();
    }
    expect(await q.runDue()).toBe(1);
    expect(ran).toEqual([1]);
    const done = await job(stale);
    expect(done.status).toBe('done');
    expect(done.attempts).toBe(2);
    const running = await job(fresh);
    expect(running.status).toBe('running');
    expect(running.locked_by).toBe('crashed-node:1');
  });

  it('marks a stale job dead instead of requeueing it when its attempts are used up', async () => {
    const q = new JobQueue(t.db, log);
    q.define({ name: 'crasher', maxAttempts: 2, run: async () => {} });
    const id = (await q.enqueue('crasher'))!;
    await t.db
      .updateTable('jobs')
      .set({
        status: 'running',
        attempts: 2,
        locked_by: 'crashed-node:2',
        locked_at: new Date(Date.now() - 11 * 60_000).toISOString(),
      })
      .where('id', '=', id)
      .execute();
    expect(await q.runDue()).toBe(0);
    expect((await job(id)).status).toBe('dead');
  });

  it('keeps a schedule on its cadence instead of drifting by the polling delay', async () => {
    const q = new JobQueue(t.db, log);
    q.define({ name: 'tick', run: async () => {} });
    q.schedule({ job: 'tick', intervalSeconds: 60 });
    const t0 = new Date('2026-01-05T00:00:00.000Z');
    await q.tickSchedules(t0);
    await q.tickSchedules(new Date(t0.getTime() + 61_000)); // polled one second late
    const row = await t.db
      .selectFrom('job_schedules')
      .select('next_run_at')
      .where('name', '=', 'tick')
      .executeTakeFirstOrThrow();
    expect(row.next_run_at).toBe('2026-01-05T00:02:00.000Z');
    // After a long outage it resumes from now rather than firing every missed slot.
    await q.tickSchedules(new Date(t0.getTime() + 3_600_000));
    const later = await t.db
      .selectFrom('job_schedules')
      .select('next_run_at')
      .where('name', '=', 'tick')
      .executeTakeFirstOrThrow();
    expect(later.next_run_at).toBe('2026-01-05T01:01:00.000Z');
  });
});
