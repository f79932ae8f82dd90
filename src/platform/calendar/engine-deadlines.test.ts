import { describe, expect, it } from 'vitest';
import { addDays, dayOfWeek } from './dates.js';
import { addWorkdays, buildCalendarData, type DayEntry, isWorkday, workdaysBetween } from './engine.js';
import { OFFICIAL_YEARS } from './official-data.js';

const cal = buildCalendarData(OFFICIAL_YEARS);
const dates = (rs: { date: string }[]) => rs.map((r) => r.date);

/**
 * Worked examples. Each was counted by hand from tables E.1–E.8 before the engine ran, with the default
 * convention: the day of receipt is day 0 (条例 art. 33 "自收到申请之日起20个工作日内").
 */
describe('worked deadline examples', () => {
  it('20 WD reply (条例 art. 33) for an application received Thu 2021-09-30, just before 国庆', () => {
    // 10-01..10-07 国庆 off. 10-08 Fri = 1, 10-09 Sat 调休 = 2, 10-11..15 = 3–7, 10-18..22 = 8–12,
    // 10-25..29 = 13–17, 11-01 = 18, 11-02 = 19, 11-03 Wed = 20.
    const r = addWorkdays(cal, '2021-09-30', 20);
    expect(r.date).toBe('2021-11-03');
    expect(dates(r.adjustedWorkdaysCounted)).toEqual(['2021-10-09']);
    const holidays = r.skipped.filter((s) => s.reason === 'holiday');
    expect(dates(holidays)).toEqual([
      '2021-10-01',
      '2021-10-02',
      '2021-10-03',
      '2021-10-04',
      '2021-10-05',
      '2021-10-06',
      '2021-10-07',
    ]);
    expect(holidays.every((h) => h.holiday === '国庆节')).toBe(true);
    expect(r.skipped).toHaveLength(14); // 7 holiday + 10-10, 16, 17, 23, 24, 30, 31
    expect(r.explanation[0]).toContain('起算日：2021-09-30 星期四');
    expect(r.explanation).toContain('跳过 2021-10-01 星期五：国庆节假期（国办发明电〔2020〕27号）');
    expect(r.explanation).toContain('计入 2021-10-09 星期六：调休上班（国庆节），为第2个工作日');
    expect(r.explanation).toContain('跳过 2021-10-10 星期日：周末休息');
    expect(r.explanation).toContain('第20个工作日：2021-11-03 星期三，即为结果日期');
    expect(r.warnings).toEqual([]);
    expect(r.uncoveredYears).toEqual([]);
  });

  it('20 WD from Fri 2021-09-17: 中秋 and 国庆 with three 调休 days', () => {
    // 09-18 Sat 调休 = 1; 09-19..21 中秋 off; 09-22..24 = 2–4; 09-25 Sat off; 09-26 Sun 调休 = 5;
    // 09-27..30 = 6–9; 国庆 off; 10-08 = 10; 10-09 Sat 调休 = 11; 10-11..15 = 12–16; 10-18..21 = 17–20.
    const r = addWorkdays(cal, '2021-09-17', 20);
    expect(r.date).toBe('2021-10-21');
    expect(dates(r.adjustedWorkdaysCounted)).toEqual(['2021-09-18', '2021-09-26', '2021-10-09']);
    expect(r.adjustedWorkdaysCounted.map((a) => a.holiday)).toEqual(['中秋节', '国庆节', '国庆节']);
    expect(r.skipped.filter((s) => s.reason === 'holiday')).toHaveLength(10);
    expect(r.explanation).toContain('计入 2021-09-26 星期日：调休上班（国庆节），为第5个工作日');
  });

  it('20 WD across 春节 2020 with the 国办发明电〔2020〕1号 extension', () => {
    // 01-18 Sat off; 01-19 Sun 调休 = 1; 01-20..23 = 2–5; 01-24..02-02 off (10 days, the last three
    // by the extension, 02-01 Sat no longer a make-up day); 02-03..07 = 6–10; 02-10..14 = 11–15;
    // 02-17..21 = 16–20.
    const r = addWorkdays(cal, '2020-01-17', 20);
    expect(r.date).toBe('2020-02-21');
    expect(dates(r.adjustedWorkdaysCounted)).toEqual(['2020-01-19']);
    const holidays = r.skipped.filter((s) => s.reason === 'holiday');
    expect(dates(holidays)).toEqual([
      '2020-01-24',
      '2020-01-25',
      '2020-01-26',
      '2020-01-27',
      '2020-01-28',
      '2020-01-29',
      '2020-01-30',
      '2020-01-31',
      '2020-02-01',
      '2020-02-02',
    ]);
    expect(r.explanation).toContain('跳过 2020-01-24 星期五：春节假期（国办发明电〔2019〕16号）');
    expect(r.explanation).toContain('跳过 2020-02-01 星期六：春节假期（国办发明电〔2020〕1号）');
    expect(r.explanation).toContain('计入 2020-01-19 星期日：调休上班（春节），为第1个工作日');
  });

  it('the same deadline under the original 2020 notice would have been 2020-02-19', () => {
    // Undo the extension with overrides: 01-31 ordinary Friday, 02-01 make-up Saturday, 02-02 Sunday.
    // Then 01-31 = 6, 02-01 = 7, 02-03..07 = 8–12, 02-10..14 = 13–17, 02-17..19 = 18–20.
    const src = '国办发明电〔2019〕16号（延长前）';
    const undo: DayEntry[] = [
      { date: '2020-01-31', kind: 'normal', name: '恢复原安排', source: src },
      { date: '2020-02-01', kind: 'workday', name: '春节', source: src },
      { date: '2020-02-02', kind: 'normal', name: '恢复原安排', source: src },
    ];
    const original = buildCalendarData(OFFICIAL_YEARS, undo);
    const r = addWorkdays(original, '2020-01-17', 20);
    expect(r.date).toBe('2020-02-19');
    expect(dates(r.adjustedWorkdaysCounted)).toEqual(['2020-01-19', '2020-02-01']);
  });

  it('from a 调休 Saturday (2021-02-20, after 春节)', () => {
    // next-day: 02-21 Sun off; 02-22..26 = 1–5; 03-01..05 = 6–10.
    expect(addWorkdays(cal, '2021-02-20', 10).date).toBe('2021-03-05');
    // same-day: 02-20 itself = 1; 02-22..26 = 2–6; 03-01..04 = 7–10.
    const same = addWorkdays(cal, '2021-02-20', 10, { startCounting: 'same-day' });
    expect(same.date).toBe('2021-03-04');
    expect(dates(same.adjustedWorkdaysCounted)).toEqual(['2021-02-20']);
    expect(same.explanation).toContain('计入 2021-02-20 星期六：调休上班（春节），为第1个工作日');
    expect(addWorkdays(cal, '2021-02-20', 1, { startCounting: 'same-day' }).date).toBe('2021-02-20');
    expect(addWorkdays(cal, '2019-10-12', 1).date).toBe('2019-10-14');
  });

  it('7 WD 补正 notice (条例 art. 30) for an application received Fri 2025-04-25, across 劳动节', () => {
    // 04-26 Sat off; 04-27 Sun 调休 = 1; 04-28..30 = 2–4; 05-01..05 劳动节 off; 05-06..08 = 5–7.
    const r = addWorkdays(cal, '2025-04-25', 7);
    expect(r.date).toBe('2025-05-08');
    expect(dates(r.adjustedWorkdaysCounted)).toEqual(['2025-04-27']);
    expect(dates(r.skipped)).toEqual([
      '2025-04-26',
      '2025-05-01',
      '2025-05-02',
      '2025-05-03',
      '2025-05-04',
      '2025-05-05',
    ]);
    expect(r.skipped[1]).toMatchObject({
      reason: 'holiday',
      holiday: '劳动节',
      source: '国办发明电〔2024〕12号',
    });
  });

  it('across the year end 2025→2026, with Sunday 2026-01-04 a working day', () => {
    // 12-27/28 off; 12-29..31 = 1–3; 01-01..03 元旦 off; 01-04 Sun 调休 = 4; 01-05..09 = 5–9;
    // 01-12 Mon = 10; 01-13..16 = 11–14; 01-19..23 = 15–19; 01-26 Mon = 20.
    const r10 = addWorkdays(cal, '2025-12-26', 10);
    expect(r10.date).toBe('2026-01-12');
    expect(dates(r10.adjustedWorkdaysCounted)).toEqual(['2026-01-04']);
    expect(r10.explanation).toContain('计入 2026-01-04 星期日：调休上班（元旦），为第4个工作日');
    expect(r10.warnings).toEqual([]);
    expect(addWorkdays(cal, '2025-12-26', 20).date).toBe('2026-01-26');
  });

  it('2019 劳动节 as amended by 国办发明电〔2019〕3号', () => {
    // 04-27 Sat off; 04-28 Sun 调休 = 1; 04-29, 04-30 = 2, 3; 05-01..04 off; 05-05 Sun 调休 = 4; 05-06 = 5.
    expect(addWorkdays(cal, '2019-04-26', 1).date).toBe('2019-04-28');
    const r = addWorkdays(cal, '2019-04-26', 5);
    expect(r.date).toBe('2019-05-06');
    expect(dates(r.adjustedWorkdaysCounted)).toEqual(['2019-04-28', '2019-05-05']);
    expect(r.adjustedWorkdaysCounted.every((a) => a.source === '国办发明电〔2019〕3号')).toBe(true);
  });

  it('除夕 2024-02-09 counts; 2020 extension pushes Thu 2020-01-23 + 1 to 2020-02-03', () => {
    expect(addWorkdays(cal, '2024-02-08', 1).date).toBe('2024-02-09');
    expect(addWorkdays(cal, '2024-02-08', 2).date).toBe('2024-02-18');
    expect(addWorkdays(cal, '2024-02-08', 3).date).toBe('2024-02-19');
    expect(addWorkdays(cal, '2020-01-23', 1).date).toBe('2020-02-03');
  });

  it('plain week: Fri 2021-06-04 + 1 is Mon 2021-06-07', () => {
    const r = addWorkdays(cal, '2021-06-04', 1);
    expect(r.date).toBe('2021-06-07');
    expect(dates(r.skipped)).toEqual(['2021-06-05', '2021-06-06']);
    expect(r.skipped.every((s) => s.reason === 'weekend')).toBe(true);
  });
});

describe('counting conventions', () => {
  it('days = 0 returns the start date in both modes, even on a day off', () => {
    for (const mode of ['next-day', 'same-day'] as const) {
      for (const d of ['2021-10-01', '2021-10-08', '2027-03-06']) {
        const r = addWorkdays(cal, d, 0, { startCounting: mode });
        expect(r.date).toBe(d);
        expect(r.skipped).toEqual([]);
        expect(r.uncoveredYears).toEqual([]); // no day's status was used
      }
    }
  });

  it('same-day from a day off: the first working day after it is day 1', () => {
    expect(addWorkdays(cal, '2021-10-01', 1, { startCounting: 'same-day' }).date).toBe('2021-10-08');
    expect(addWorkdays(cal, '2021-06-05', 1, { startCounting: 'same-day' }).date).toBe('2021-06-07');
    expect(addWorkdays(cal, '2021-06-07', 1, { startCounting: 'same-day' }).date).toBe('2021-06-07');
  });

  it('same-day(from, n) equals next-day(from − 1, n) for every day of 2020–2021', () => {
    for (let d = '2020-01-01'; d <= '2021-12-31'; d = addDays(d, 1)) {
      for (const n of [1, 2, 7]) {
        const same = addWorkdays(cal, d, n, { startCounting: 'same-day' }).date;
        expect(same).toBe(addWorkdays(cal, addDays(d, -1), n).date);
      }
    }
  });

  it('workdaysBetween: (from, to], zero for the same day, signed when reversed', () => {
    expect(workdaysBetween(cal, '2021-09-30', '2021-11-03').count).toBe(20);
    expect(workdaysBetween(cal, '2021-06-04', '2021-06-04').count).toBe(0);
    expect(workdaysBetween(cal, '2021-06-04', '2021-06-07').count).toBe(1);
    expect(workdaysBetween(cal, '2021-06-07', '2021-06-04').count).toBe(-1);
    const rev = workdaysBetween(cal, '2021-11-03', '2021-09-30');
    expect(rev.count).toBe(-20);
    expect(rev.explanation[0]).toContain('早于开始日');
    expect(dates(rev.adjustedWorkdaysCounted)).toEqual(['2021-10-09']);
  });

  it('workdaysBetween adds up over adjacent spans in any order', () => {
    const pts = ['2019-03-07', '2020-02-01', '2021-10-09', '2018-12-29', '2026-01-04', '2024-02-09'];
    for (const a of pts) {
      for (const b of pts) {
        for (const c of pts) {
          const ab = workdaysBetween(cal, a, b).count;
          const bc = workdaysBetween(cal, b, c).count;
          expect(ab + bc).toBe(workdaysBetween(cal, a, c).count);
        }
      }
    }
  });
});

describe('properties over 2019–2026', () => {
  // Independent oracle built straight from the data, with Date#getUTCDay instead of the engine's helpers.
  const rest = new Set(OFFICIAL_YEARS.flatMap((y) => y.periods.flatMap((p) => p.rest)));
  const work = new Set(OFFICIAL_YEARS.flatMap((y) => y.periods.flatMap((p) => p.workdays)));
  const oracle = (d: string) => {
    const dow = new Date(`${d}T00:00:00Z`).getUTCDay();
    return work.has(d) || (dow >= 1 && dow <= 5 && !rest.has(d));
  };

  it('isWorkday agrees with the oracle on every day from 2018-12-01 to 2027-01-31', () => {
    const wrong: string[] = [];
    for (let d = '2018-12-01'; d <= '2027-01-31'; d = addDays(d, 1)) {
      if (isWorkday(cal, d) !== oracle(d)) wrong.push(d);
      expect(dayOfWeek(d)).toBe(new Date(`${d}T00:00:00Z`).getUTCDay());
    }
    expect(wrong).toEqual([]);
  });

  it('round trip: workdaysBetween(from, addWorkdays(from, n)) = n, and the result is a working day', () => {
    const failures: string[] = [];
    let checked = 0;
    for (let from = '2018-12-20'; from <= '2026-12-31'; from = addDays(from, 5)) {
      for (let n = 1; n <= 40; n++) {
        const r = addWorkdays(cal, from, n);
        const back = workdaysBetween(cal, from, r.date);
        // The day before the result must hold one fewer, so the result is the earliest such date.
        const before = workdaysBetween(cal, from, addDays(r.date, -1)).count;
        const sameAdjusted =
          dates(back.adjustedWorkdaysCounted).join() === dates(r.adjustedWorkdaysCounted).join();
        if (!isWorkday(cal, r.date) || back.count !== n || before !== n - 1 || !sameAdjusted) {
          failures.push(`${from} + ${n} → ${r.date}: back ${back.count}, before ${before}`);
        }
        checked++;
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(20_000);
  });
});
