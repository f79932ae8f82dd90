import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { Db } from '../db/index.js';
import { nowIso } from '../db/index.js';
import * as repo from './job.repository.js';

/** A job handler: thin, idempotent, calls a service (DESIGN convention 11). */
export interface JobDefinition<P = unknown> {
  name: string;
  maxAttempts?: number;
  run(payload: P, ctx: { db: Db; log: Logger; jobId: number; attempt: number }): Promise<void>;
}

export interface ScheduleDefinition {
  /** Also the name of the job it enqueues. */
  job: string;
  intervalSeconds: number;
  payload?: unknown;
}

/** Exponential backoff with a cap: 10 s, 20 s, 40 s … up to 1 h. */
export function backoffSeconds(attempt: number): number {
  return Math.min(3600, 10 * 2 ** Math.max(0, attempt - 1));
}

/**
 * Database-backed job queue and scheduler. The same build runs it inside the web process (default)
 * or as a separate `gongkai worker`; all coordination goes through the database.
 */
export class JobQueue {
  readonly workerId = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  readonly #defs = new Map<string, JobDefinition>();
  readonly #schedules: ScheduleDefinition[] = [];
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
  ) {}

  define<P>(def: JobDefinition<P>): void {
    this.#defs.set(def.name, def as JobDefinition);
  }

  schedule(s: ScheduleDefinition): void {
    this.#schedules.push(s);
  }

  get names(): string[] {
    return [...this.#defs.keys()];
  }

  /** Enqueue a job; with an idempotency key, a second enqueue of the same key is a no-op (returns null). */
  async enqueue(
    name: string,
    payload: unknown = {},
    options: { runAt?: Date; idempotencyKey?: string; maxAttempts?: number } = {},
  ): Promise<number | null> {
    const def = this.#defs.get(name);
    if (!def) throw new Error(`unknown job ${name}`);
    return repo.insertJob(this.db, {
      name,
      payload: JSON.stringify(payload ?? {}),
      runAt: (options.runAt ?? new Date()).toISOString(),
      maxAttempts: options.maxAttempts ?? def.maxAttempts ?? 5,
      idempotencyKey: options.idempotencyKey ?? null,
      now: nowIso(),
    });
  }

  /** Enqueue scheduled jobs that are due; one node wins each slot. */
  async tickSchedules(now = new Date()): Promise<number> {
    let enqueued = 0;
    for (const s of this.#schedules) {
      await repo.ensureSchedule(this.db, s.job, s.intervalSeconds, now.toISOString());
      const slot = await repo.claimSchedule(this.db, s.job, now.toISOString(), (due) => {
        // Keep the cadence (due + interval); after downtime, resume from now instead of catching up.
        const next = Date.parse(due) + s.intervalSeconds * 1000;
        return new Date(next > now.getTime() ? next : now.getTime() + s.intervalSeconds * 1000).toISOString();
      });
      if (
        slot &&
        (await this.enqueue(s.job, s.payload ?? {}, { idempotencyKey: `schedule:${s.job}:${slot}` }))
      )
        enqueued += 1;
    }
    return enqueued;
  }

  /** Run due jobs until none is left or `max` ran. Returns how many ran. */
  async runDue(max = 50): Promise<number> {
    let ran = 0;
    await repo.requeueStale(this.db, new Date(Date.now() - 10 * 60_000).toISOString(), nowIso());
    while (ran < max) {
      const job = await repo.claimNext(this.db, this.workerId, nowIso());
      if (!job) break;
      ran += 1;
      const def = this.#defs.get(job.name);
      try {
        if (!def) throw new Error(`no handler for job ${job.name}`);
        await def.run(JSON.parse(job.payload), {
          db: this.db,
          log: this.log,
          jobId: job.id,
          attempt: job.attempts,
        });
        await repo.markDone(this.db, job.id, nowIso());
      } catch (e) {
        const dead = job.attempts >= job.max_attempts;
        this.log.warn({ job: job.name, id: job.id, attempt: job.attempts, dead, err: e }, 'job failed');
        await repo.markFailed(this.db, job.id, {
          status: dead ? 'dead' : 'queued',
          runAt: new Date(Date.now() + backoffSeconds(job.attempts) * 1000).toISOString(),
          error: e instanceof Error ? e.message : String(e),
          now: nowIso(),
        });
      }
    }
    return ran;
  }

  /**
   * Poll in the background. Inside the web process the timer does not keep Node alive; a dedicated
   * worker passes keepAlive, or it would exit at once.
   */
  start(pollMs = 1000, options: { keepAlive?: boolean } = {}): void {
    if (this.#timer) return;
    const loop = async () => {
      try {
        await this.tickSchedules();
        await this.runDue();
      } catch (e) {
        this.log.error({ err: e }, 'job loop error');
      }
    };
    this.#timer = setInterval(() => {
      if (!this.#running) this.#running = loop().finally(() => (this.#running = null));
    }, pollMs);
    if (!options.keepAlive) this.#timer.unref();
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#running;
  }
}

export const getJob = repo.getJob;
export const listJobs = repo.listJobs;
export const jobCounts = repo.countByStatus;
