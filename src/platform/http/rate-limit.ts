import type { Executor } from '../db/index.js';
import { AppError } from '../errors.js';
import * as repo from './rate-limit.repository.js';

export interface RateRule {
  /** Name of the limit, e.g. 'login-ip'. */
  name: string;
  limit: number;
  windowSeconds: number;
}

/**
 * Fixed-window limit kept in the database, so every node behind a load balancer counts the same
 * hits. Throws RATE_LIMITED when the window is full.
 */
export async function enforceRateLimit(
  db: Executor,
  rule: RateRule,
  key: string,
  now = Date.now(),
): Promise<void> {
  const windowMs = rule.windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now / windowMs) * windowMs).toISOString();
  const hits = await repo.hit(db, `${rule.name}:${key}`, windowStart);
  if (hits > rule.limit) {
    const retry = Math.ceil((Math.floor(now / windowMs) * windowMs + windowMs - now) / 1000);
    throw new AppError('RATE_LIMITED', {
      message: `操作过于频繁，请 ${retry} 秒后再试`,
      details: { rule: rule.name, key, hits },
    });
  }
}

/** Whether a key has already used up its window (checked before work that only failures count). */
export async function isRateLimited(db: Executor, rule: RateRule, key: string, now = Date.now()) {
  const windowMs = rule.windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now / windowMs) * windowMs).toISOString();
  return (await repo.peek(db, `${rule.name}:${key}`, windowStart)) >= rule.limit;
}

export const pruneRateLimits = repo.deleteOlderThan;

export const RATE_RULES = {
  loginPerIp: { name: 'login-ip', limit: 30, windowSeconds: 15 * 60 },
  /** Failed bearer-token authentications, per client address (the same budget as logins). */
  bearerFailuresPerIp: { name: 'bearer-ip', limit: 30, windowSeconds: 15 * 60 },
} satisfies Record<string, RateRule>;
