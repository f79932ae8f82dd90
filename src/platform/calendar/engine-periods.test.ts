import { describe, expect, it } from 'vitest';
import { addDays, isWeekend, weekdayName } from './dates.js';
import { addWorkdays, buildCalendarData, explainDay, isWorkday, workdaysBetween } from './engine.js';
import { OFFICIAL_YEARS } from './official-data.js';

const cal = buildCalendarData(OFFICIAL_YEARS);

/**
 * Every holiday period of tables E.1–E.8, with the last working day before it and the first working day
 * after it, worked out by hand from the tables (a 调休 weekend day counts; 2020's two 春节 rows share the
 * 2020-01-23 / 2020-02-03 edges because they are back to back).
 * [first day off, last day off, name, last working day before, first working day after]
 */
const PERIODS: [string, string, string, string, string][] = [
  ['2018-12-30', '2019-01-01', '元旦', '2018-12-29', '2019-01-02'], // before: 调休 Sat
  ['2019-02-04', '2019-02-10', '春节', '2019-02-03', '2019-02-11'], // before: 调休 Sun
  ['2019-04-05', '2019-04-05', '清明节', '2019-04-04', '2019-04-08'],
  ['2019-05-01', '2019-05-04', '劳动节', '2019-04-30', '2019-05-05'], // after: 调休 Sun (〔2019〕3号)
  ['2019-06-07', '2019-06-07', '端午节', '2019-06-06', '2019-06-10'],
  ['2019-09-13', '2019-09-13', '中秋节', '2019-09-12', '2019-09-16'],
  ['2019-10-01', '2019-10-07', '国庆节', '2019-09-30', '2019-10-08'],
  ['2020-01-01', '2020-01-01', '元旦', '2019-12-31', '2020-01-02'],
  ['2020-01-24', '2020-01-30', '春节', '2020-01-23', '2020-02-03'],
  ['2020-01-31', '2020-02-02', '春节', '2020-01-23', '2020-02-03'], // extension, 〔2020〕1号
  ['2020-04-04', '2020-04-06', '清明节', '2020-04-03', '2020-04-07'],
  ['2020-05-01', '2020-05-05', '劳动节', '2020-04-30', '2020-05-06'],
  ['2020-06-25', '2020-06-27', '端午节', '2020-06-24', '2020-06-28'], // after: 调休 Sun
  ['2020-10-01', '2020-10-08', '国庆节、中秋节', '2020-09-30', '2020-10-09'],
  ['2021-01-01', '2021-01-03', '元旦', '2020-12-31', '2021-01-04'],
  ['2021-02-11', '2021-02-17', '春节', '2021-02-10', '2021-02-18'],
  ['2021-04-03', '2021-04-05', '清明节', '2021-04-02', '2021-04-06'],
  ['2021-05-01', '2021-05-05', '劳动节', '2021-04-30', '2021-05-06'],
  ['2021-06-12', '2021-06-14', '端午节', '2021-06-11', '2021-06-15'],
  ['2021-09-19', '2021-09-21', '中秋节', '2021-09-18', '2021-09-22'], // before: 调休 Sat
  ['2021-10-01', '2021-10-07', '国庆节', '2021-09-30', '2021-10-08'],
  ['2022-01-01', '2022-01-03', '元旦', '2021-12-31', '2022-01-04'],
  ['2022-01-31', '2022-02-06', '春节', '2022-01-30', '2022-02-07'], // before: 调休 Sun
  ['2022-04-03', '2022-04-05', '清明节', '2022-04-02', '2022-04-06'], // before: 调休 Sat
  ['2022-04-30', '2022-05-04', '劳动节', '2022-04-29', '2022-05-05'],
  ['2022-06-03', '2022-06-05', '端午节', '2022-06-02', '2022-06-06'],
  ['2022-09-10', '2022-09-12', '中秋节', '2022-09-09', '2022-09-13'],
  ['2022-10-01', '2022-10-07', '国庆节', '2022-09-30', '2022-10-08'], // after: 调休 Sat
  ['2022-12-31', '2023-01-02', '元旦', '2022-12-30', '2023-01-03'],
  ['2023-01-21', '2023-01-27', '春节', '2023-01-20', '2023-01-28'], // after: 调休 Sat
  ['2023-04-05', '2023-04-05', '清明节', '2023-04-04', '2023-04-06'],
  ['2023-04-29', '2023-05-03', '劳动节', '2023-04-28', '2023-05-04'],
  ['2023-06-22', '2023-06-24', '端午节', '2023-06-21', '2023-06-25'], // after: 调休 Sun
  ['2023-09-29', '2023-10-06', '中秋节、国庆节', '2023-09-28', '2023-10-07'], // after: 调休 Sat
  ['2024-01-01', '2024-01-01', '元旦', '2023-12-29', '2024-01-02'],
  ['2024-02-10', '2024-02-17', '春节', '2024-02-09', '2024-02-18'], // before: 除夕, a working day
  ['2024-04-04', '2024-04-06', '清明节', '2024-04-03', '2024-04-07'], // after: 调休 Sun
  ['2024-05-01', '2024-05-05', '劳动节', '2024-04-30', '2024-05-06'],
  ['2024-06-10', '2024-06-10', '端午节', '2024-06-07', '2024-06-11'],
  ['2024-09-15', '2024-09-17', '中秋节', '2024-09-14', '2024-09-18'], // before: 调休 Sat
  ['2024-10-01', '2024-10-07', '国庆节', '2024-09-30', '2024-10-08'],
  ['2025-01-01', '2025-01-01', '元旦', '2024-12-31', '2025-01-02'],
  ['2025-01-28', '2025-02-04', '春节', '2025-01-27', '2025-02-05'],
  ['2025-04-04', '2025-04-06', '清明节', '2025-04-03', '2025-04-07'],
  ['2025-05-01', '2025-05-05', '劳动节', '2025-04-30', '2025-05-06'],
  ['2025-05-31', '2025-06-02', '端午节', '2025-05-30', '2025-06-03'],
  ['2025-10-01', '2025-10-08', '国庆节、中秋节', '2025-09-30', '2025-10-09'],
  ['2026-01-01', '2026-01-03', '元旦', '2025-12-31', '2026-01-04'], // after: 调休 Sun
  ['2026-02-15', '2026-02-23', '春节', '2026-02-14', '2026-02-24'], // before: 调休 Sat
  ['2026-04-04', '2026-04-06', '清明节', '2026-04-03', '2026-04-07'],
  ['2026-05-01', '2026-05-05', '劳动节', '2026-04-30', '2026-05-06'],
  ['2026-06-19', '2026-06-21', '端午节', '2026-06-18', '2026-06-22'],
  ['2026-09-25', '2026-09-27', '中秋节', '2026-09-24', '2026-09-28'],
  ['2026-10-01', '2026-10-07', '国庆节', '2026-09-30', '2026-10-08'],
];

const periods = OFFICIAL_YEARS.flatMap((y) => y.periods);

describe('hand table of periods', () => {
  it('matches OFFICIAL_YEARS period for period', () => {
    expect(periods.map((p) => [p.rest[0], p.rest.at(-1), p.name])).toEqual(PERIODS.map((r) => r.slice(0, 3)));
  });
});

describe.each(PERIODS)('%s – %s %s', (first, last, name, before, after) => {
  const period = periods.find((p) => p.rest[0] === first)!;

  it('every day off is a non-working day named after the holiday, citing its notice', () => {
    for (const d of period.rest) {
      const r = explainDay(cal, d);
      expect(r).toMatchObject({
        date: d,
        workday: false,
        reason: 'holiday',
        holiday: name,
        source: period.source,
      });
      expect(r.label).toContain(`${name}假期（${period.source}）`);
      expect(isWorkday(cal, d)).toBe(false);
    }
  });

  it('every listed 调休 weekend day is a working day (adjusted-workday)', () => {
    for (const d of period.workdays) {
      expect(isWeekend(d)).toBe(true);
      const r = explainDay(cal, d);
      expect(r).toMatchObject({ date: d, workday: true, reason: 'adjusted-workday', holiday: name });
      expect(r.label).toBe(`${d} ${weekdayName(d)}：调休上班（${name}）`);
    }
  });

  it(`last working day before is ${before}, first after is ${after}`, () => {
    expect(isWorkday(cal, before)).toBe(true);
    expect(workdaysBetween(cal, before, first).count).toBe(0);
    expect(workdaysBetween(cal, before, addDays(first, -1)).count).toBe(0);
    expect(addWorkdays(cal, last, 1).date).toBe(after);
    expect(addWorkdays(cal, before, 1).date).toBe(after);
  });

  it('the Mon–Fri days next to the period that are not off are ordinary working days', () => {
    for (const d of [addDays(first, -1), addDays(last, 1)]) {
      const r = explainDay(cal, d);
      if (r.reason === 'holiday') continue; // the other half of 2020's 春节
      if (!isWeekend(d)) expect(r).toMatchObject({ workday: true, reason: 'weekday' });
      else expect(['weekend', 'adjusted-workday']).toContain(r.reason);
    }
  });
});
