import type { FastifyInstance } from 'fastify';
import { parseInput } from '../../platform/http/validation.js';
import type { AppDeps } from '../../platform/module.js';
import { addWorkdaysQuery, betweenQuery, CALENDAR_LABELS, workdayQuery } from './calendar.schema.js';
import { addWorkdaysAt, workdayAt, workdaysBetweenAt } from './calendar.service.js';

/** Public JSON API of the working-day calendar (a contract: paths and field names stay stable). */
export function calendarApi(app: FastifyInstance, deps: AppDeps): void {
  const { db, config } = deps;
  const pub = { config: { permission: 'public', kind: 'json' as const } };

  app.get('/api/v1/calendar/workday', pub, async (request) => {
    const q = parseInput(workdayQuery, request.query, CALENDAR_LABELS);
    return workdayAt(db, config, q.date);
  });

  app.get('/api/v1/calendar/add-workdays', pub, async (request) => {
    const q = parseInput(addWorkdaysQuery, request.query, CALENDAR_LABELS);
    const r = await addWorkdaysAt(db, config, q.from, q.days);
    return {
      date: r.date,
      explanation: r.explanation,
      from: q.from,
      days: q.days,
      startCounting: config.calendarStartCounting,
      skipped: r.skipped.map((d) => ({
        date: d.date,
        reason: d.reason,
        label: d.label,
        ...(d.holiday ? { holiday: d.holiday } : {}),
      })),
      adjustedWorkdays: r.adjustedWorkdaysCounted.map((d) => ({ date: d.date, label: d.label })),
      warnings: r.warnings,
    };
  });

  app.get('/api/v1/calendar/workdays-between', pub, async (request) => {
    const q = parseInput(betweenQuery, request.query, CALENDAR_LABELS);
    const r = await workdaysBetweenAt(db, config, q.from, q.to);
    return { from: q.from, to: q.to, count: r.count, explanation: r.explanation, warnings: r.warnings };
  });
}
