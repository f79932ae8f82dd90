import { type ExpressionBuilder, sql } from 'kysely';
import { dialectOf, type Executor } from '../db/index.js';
import type { Database, Job } from '../db/schema.js';

export async function insertJob(
  db: Executor,
  job: {
    name: string;
    payload: string;
    runAt: string;
    maxAttempts: number;
    idempotencyKey: string | null;
    now: string;
  },
): Promise<number | null> {
  const row = await db
    .insertInto('jobs')
    .values({
      name: job.name,
      payload: job.payload,
      status: 'queued',
      attempts: 0,
      max_attempts: job.maxAttempts,
      run_at: job.runAt,
      idempotency_key: job.idempotencyKey,
      created_at: job.now,
      updated_at: job.now,
    })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * Claim the next due job. On PostgreSQL the inner SELECT uses FOR UPDATE SKIP LOCKED, so several
 * workers never take the same job and never wait on each other; SQLite has a single writer.
 */
export async function claimNext(db: Executor, workerId: string, now: string): Promise<Job | undefined> {
  const pick = db
    .selectFrom('jobs')
    .select('id')
    .where('status', '=', 'queued')
    .where('run_at', '<=', now)
    .orderBy('run_at')
    .orderBy('id')
    .limit(1);
  const next = dialectOf(db) === 'postgres' ? pick.forUpdate().skipLocked() : pick;
  return db
    .updateTable('jobs')
    .set({
      status: 'running',
      locked_by: workerId,
      locked_at: now,
      updated_at: now,
      attempts: sql`attempts + 1`,
    })
    .where('id', '=', (eb) => eb.selectFrom(next.as('n')).select('n.id'))
    .where('status', '=', 'queued')
    .returningAll()
    .executeTakeFirst();
}

export async function markDone(db: Executor, id: number, now: string): Promise<void> {
  await db
    .updateTable('jobs')
    .set({
      status: 'done',
      finished_at: now,
      updated_at: now,
      locked_by: null,
      locked_at: null,
      last_error: null,
    })
    .where('id', '=', id)
    .execute();
}

export async function markFailed(
  db: Executor,
  id: number,
  update: { status: 'queued' | 'dead'; runAt: string; error: string; now: string },
): Promise<void> {
  await db
    .updateTable('jobs')
    .set({
      status: update.status,
      run_at: update.runAt,
      last_error: update.error.slice(0, 2000),
      updated_at: update.now,
      locked_by: null,
      locked_at: null,
      finished_at: update.status === 'dead' ? update.now : null,
    })
    .where('id', '=', id)
    .execute();
}

/**
 * Jobs left "running" past their lease by a crashed process go back to the queue, or are marked dead
 * when they have used up their attempts (a job that kills its process every time must not loop).
 */
export async function requeueStale(db: Executor, lockedBefore: string, now: string): Promise<number> {
  const stale = (eb: ExpressionBuilder<Database, 'jobs'>) =>
    eb.and([eb('status', '=', 'running'), eb('locked_at', '<', lockedBefore)]);
  await db
    .updateTable('jobs')
    .set({
      status: 'dead',
      locked_by: null,
      locked_at: null,
      updated_at: now,
      finished_at: now,
      last_error: '进程中断且已达最大重试次数',
    })
    .where(stale)
    .where((eb) => eb('attempts', '>=', eb.ref('max_attempts')))
    .execute();
  const r = await db
    .updateTable('jobs')
    .set({ status: 'queued', locked_by: null, locked_at: null, updated_at: now })
    .where(stale)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function getJob(db: Executor, id: number): Promise<Job | undefined> {
  return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listJobs(db: Executor, limit: number): Promise<Job[]> {
  return db.selectFrom('jobs').selectAll().orderBy('id', 'desc').limit(limit).execute();
}

export async function countByStatus(db: Executor): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('jobs')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

export async function ensureSchedule(db: Executor, name: string, intervalSeconds: number, firstRun: string) {
  await db
    .insertInto('job_schedules')
    .values({ name, interval_seconds: intervalSeconds, next_run_at: firstRun, last_run_at: null })
    .onConflict((oc) => oc.column('name').doUpdateSet({ interval_seconds: intervalSeconds }))
    .execute();
}

/** Compare-and-set on next_run_at: exactly one node wins each due slot. */
export async function claimSchedule(
  db: Executor,
  name: string,
  dueBy: string,
  nextRunAfter: (due: string) => string,
): Promise<string | null> {
  const current = await db
    .selectFrom('job_schedules')
    .select('next_run_at')
    .where('name', '=', name)
    .executeTakeFirst();
  if (!current || current.next_run_at > dueBy) return null;
  const r = await db
    .updateTable('job_schedules')
    .set({ next_run_at: nextRunAfter(current.next_run_at), last_run_at: dueBy })
    .where('name', '=', name)
    .where('next_run_at', '=', current.next_run_at)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1 ? current.next_run_at : null;
}
