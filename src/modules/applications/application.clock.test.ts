import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../platform/calendar/dates.js';
import {
  addWorkdays,
  buildCalendarData,
  isWorkday,
  workdaysBetween,
} from '../../platform/calendar/engine.js';
import { OFFICIAL_YEARS } from '../../platform/calendar/official-data.js';
import {
  type ClockPause,
  computeClock,
  consultationWindowEnd,
  extensionProblem,
  feePaymentDeadline,
  supplementNoticeDeadline,
  workdaysBefore,
} from './application.clock.js';

const cal = buildCalendarData(OFFICIAL_YEARS);
const clock = (receivedOn: string, more: Partial<Parameters<typeof computeClock>[1]> = {}) =>
  computeClock(cal, { receivedOn, today: receivedOn, ...more });

// Worked examples, counted by hand from the State Council notices (国办发明电〔2023〕7号 for 2024:
// 国庆 10-01…10-07 off, Sun 09-29 and Sat 10-12 worked; 国办发明电〔2020〕1号: 春节 extended to 02-02,
// the Sat 02-01 make-up day cancelled).
describe('computeClock: worked examples', () => {
  it('counts 20 working days across 国庆 2024, with both 调休 days', () => {
    const c = clock('2024-09-27');
    expect(c.dueDate).toBe('2024-10-30');
    expect(c.holidays.map((h) => h.date)).toEqual([
      '2024-10-01',
      '2024-10-02',
      '2024-10-03',
      '2024-10-04',
      '2024-10-05',
      '2024-10-06',
      '2024-10-07',
    ]);
    expect(c.adjustedWorkdays.map((d) => d.date)).toEqual(['2024-09-29', '2024-10-12']);
    expect(c.explanation.join('\n')).toContain('第20个工作日：2024-10-30 星期三，即答复期限');
    expect(c.explanation.join('\n')).toContain('条例第三十一条');
    expect(c.explanation.join('\n')).toContain('跳过 2024-10-01 星期二：国庆节假期');
    expect(c.warnings).toEqual([]);
  });

  it('follows the 2020 Spring Festival extension (no make-up Saturday on 02-01)', () => {
    expect(clock('2020-01-20').dueDate).toBe('2020-02-25');
  });

  it('adds an extension of 20 working days (条例第三十三条第二款)', () => {
    const c = clock('2024-09-27', { extensionDays: 20 });
    expect(c.limitDays).toBe(40);
    expect(c.dueDate).toBe('2024-11-27');
    expect(c.explanation.join('\n')).toContain('经批准延长 20 个工作日');
  });

  it('does not count the working days of a consultation (sent, answered]', () => {
    const pauses: ClockPause[] = [
      { kind: 'consultation', from: '2024-10-10', to: '2024-10-17', label: '某公司' },
    ];
    const c = clock('2024-09-27', { pauses });
    // 10-11, Sat 10-12 (调休), 10-14, 10-15, 10-16, 10-17: six working days not counted.
    expect(c.pausedDays).toBe(6);
    expect(c.dueDate).toBe('2024-11-07');
    expect(c.explanation.join('\n')).toContain('某公司，2024-10-10 至 2024-10-17，其间 6 个工作日不计入');
  });

  it('restarts from the day the supplement is received (条例第三十条)', () => {
    const c = clock('2024-09-27', { restartedOn: '2024-10-09' });
    expect(c.start).toBe('2024-10-09');
    expect(c.dueDate).toBe('2024-11-05');
    expect(c.explanation.join('\n')).toContain('重新计算（条例第三十条）');
  });

  it('combines a restart, a consultation and an extension', () => {
    const c = clock('2024-09-27', {
      restartedOn: '2024-10-09',
      extensionDays: 10,
      pauses: [
        // Before the restart: belongs to the first run of the clock and is ignored.
        { kind: 'consultation', from: '2024-09-30', to: '2024-10-08' },
        { kind: 'consultation', from: '2024-10-15', to: '2024-10-22' },
      ],
    });
    expect(c.pausedDays).toBe(5);
    expect(c.dueDate).toBe('2024-11-26');
  });

  it('counts the receipt day itself with same-day counting', () => {
    expect(clock('2024-09-30', { startCounting: 'same-day' }).dueDate).toBe('2024-10-31');
    expect(clock('2024-09-30').dueDate).toBe('2024-11-01');
  });

  it('has no due date while a consultation is open, and projects one as if it ended today', () => {
    const c = clock('2024-09-27', {
      today: '2024-10-15',
      pauses: [{ kind: 'consultation', from: '2024-10-10', to: null }],
    });
    expect(c.state).toBe('paused');
    expect(c.dueDate).toBeNull();
    expect(c.projectedDueDate).toBe('2024-11-05');
    expect(c.overdue).toBe(false);
    expect(c.explanation.join('\n')).toContain('至今未结束');
  });

  it('reports days counted, days left and overdue as of today', () => {
    const c = clock('2024-09-27', { today: '2024-10-10' });
    expect([c.countedDays, c.remainingDays, c.overdue]).toEqual([5, 15, false]);
    const late = clock('2024-09-27', { today: '2024-10-31' });
    expect([late.countedDays, late.remainingDays, late.overdue]).toEqual([20, 0, true]);
    expect(clock('2024-09-27', { today: '2024-10-30' }).overdue).toBe(false);
  });

  it('warns when a year has no official data', () => {
    const c = clock('2099-12-01');
    expect(c.warnings[0]).toContain('2099年尚无官方节假日安排数据');
    expect(c.explanation.at(-1)).toContain('注意');
  });

  it('rejects impossible input with a Chinese message', () => {
    expect(() => clock('2024-02-30')).toThrow();
    expect(() => clock('2024-09-27', { extensionDays: 21 })).toThrow(/条例第三十三条第二款/);
    expect(() => clock('2024-09-27', { restartedOn: '2024-09-01' })).toThrow(/不能早于/);
    expect(() =>
      clock('2024-09-27', { pauses: [{ kind: 'fee', from: '2024-10-10', to: '2024-10-01' }] }),
    ).toThrow(/早于开始日/);
  });
});

describe('deadlines around the clock', () => {
  it('gives the supplementation notice 7 working days (条例第三十条)', () => {
    // 09-29 (调休), 09-30, 10-08 … 10-11, Sat 10-12 (调休): the 7th working day.
    expect(supplementNoticeDeadline(cal, '2024-09-27').date).toBe('2024-10-12');
  });
  it('gives a consulted party 15 working days (条例第三十二条)', () => {
    expect(consultationWindowEnd(cal, '2024-09-27').date).toBe('2024-10-23');
  });
  it('gives 20 working days to pay from the day after the notice (109号)', () => {
    expect(feePaymentDeadline(cal, '2024-09-27').date).toBe('2024-10-30');
  });
  it('finds the working day n working days before the due date, over 调休', () => {
    expect(workdaysBefore(cal, '2024-10-14', 2)).toBe('2024-10-11');
    expect(workdaysBefore(cal, '2024-10-30', 5)).toBe('2024-10-23');
    expect(workdaysBefore(cal, '2024-10-30', 0)).toBe('2024-10-30');
  });
  it('allows an extension only within 20 working days and before the due date', () => {
    const c = clock('2024-09-27');
    expect(extensionProblem(c, 20, '2024-10-30')).toBeNull();
    expect(extensionProblem(c, 21, '2024-10-01')).toContain('最长不得超过 20 个工作日');
    expect(extensionProblem(c, 5, '2024-10-31')).toContain('已过');
    expect(extensionProblem(c, 0, '2024-10-01')).toContain('正整数');
    const extended = clock('2024-09-27', { extensionDays: 15 });
    expect(extensionProblem(extended, 6, '2024-10-01')).toContain('已延长 15 个工作日');
    expect(extensionProblem(extended, 5, '2024-10-01')).toBeNull();
  });
});

// Every holiday period of 2019–2026: receipts from 25 days before to its last day off, with extensions,
// restarts and consultations. Checked against the calendar engine's own counting, which the clock does
// not use: the due date is the limit-plus-paused-th working day after the start, is a working day, and
// the working days between start and due date that fall in a pause are exactly the paused days.
const periods = OFFICIAL_YEARS.flatMap((y) => y.periods);

describe('computeClock across every 2019–2026 holiday period', () => {
  it.each(periods.map((p) => [p.name, p.rest[0]!, p.rest.at(-1)!] as const))(
    '%s from %s',
    (_name, first, last) => {
      const days: string[] = [];
      for (let d = addDays(first, -25); d <= last; d = addDays(d, 1)) days.push(d);
      fc.assert(
        fc.property(
          fc.constantFrom(...days),
          fc.constantFrom(0, 1, 10, 20),
          fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
          fc.option(fc.tuple(fc.integer({ min: 0, max: 15 }), fc.integer({ min: 0, max: 20 })), {
            nil: undefined,
          }),
          fc.constantFrom<'next-day' | 'same-day'>('next-day', 'same-day'),
          (receivedOn, extensionDays, restartAfter, pause, startCounting) => {
            const restartedOn = restartAfter === undefined ? null : addDays(receivedOn, restartAfter);
            const start = restartedOn ?? receivedOn;
            const pauses: ClockPause[] = pause
              ? [
                  {
                    kind: 'consultation',
                    from: addDays(start, pause[0]),
                    to: addDays(start, pause[0] + pause[1]),
                  },
                ]
              : [];
            const c = computeClock(cal, {
              receivedOn,
              restartedOn,
              extensionDays,
              pauses,
              startCounting,
              today: start,
            });
            const due = c.dueDate!;
            expect(isWorkday(cal, due)).toBe(true);
            const from = startCounting === 'same-day' ? addDays(start, -1) : start;
            expect(workdaysBetween(cal, from, due).count).toBe(20 + extensionDays + c.pausedDays);
            expect(addWorkdays(cal, start, 20 + extensionDays + c.pausedDays, { startCounting }).date).toBe(
              due,
            );
            let paused = 0;
            for (let d = addDays(from, 1); d <= due; d = addDays(d, 1))
              if (isWorkday(cal, d) && pauses.some((p) => p.from < d && d <= p.to!)) paused++;
            expect(c.pausedDays).toBe(paused);
            expect(pauses.some((p) => p.from < due && due <= p.to!)).toBe(false);
          },
        ),
        { numRuns: 60 },
      );
    },
  );
});
