import type { FastifyInstance } from 'fastify';
import type { ApiDoc } from '../../platform/http/openapi.js';
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

export const calendarApiDocs: ApiDoc[] = [
  {
    method: 'get',
    path: '/api/v1/calendar/workday',
    summary: '某日是否为工作日及原因（含调休）',
    tag: '工作日历',
    query: workdayQuery,
    labels: CALENDAR_LABELS,
    example: {
      date: '2021-02-07',
      workday: true,
      reason: '2021-02-07 星期日：调休上班（春节）',
      kind: 'adjusted-workday',
      warnings: [],
    },
  },
  {
    method: 'get',
    path: '/api/v1/calendar/add-workdays',
    summary: '从起始日（第 0 日）起算 N 个工作日后的日期，并说明跳过了哪些日子',
    tag: '工作日历',
    query: addWorkdaysQuery,
    labels: CALENDAR_LABELS,
    example: {
      date: '2021-10-09',
      explanation: ['起算日：2021-09-28 星期二（起算日当天不计入，自次日起算），计算 4 个工作日', '…'],
      warnings: [],
    },
  },
  {
    method: 'get',
    path: '/api/v1/calendar/workdays-between',
    summary: '两日之间的工作日数（不含起始日，含截止日）',
    tag: '工作日历',
    query: betweenQuery,
    labels: CALENDAR_LABELS,
  },
];
