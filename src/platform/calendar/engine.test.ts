import { describe, expect, it } from 'vitest';
import { addDays, fromDayNumber, range, toDayNumber, weekdayName } from './dates.js';
import {
  addWorkdays,
  buildCalendarData,
  CalendarInputError,
  type DayEntry,
  explainDay,
  isWorkday,
  MAX_WORKDAYS,
  parseIsoDate,
  workdaysBetween,
} from './engine.js';
import { OFFICIAL_YEARS } from './official-data.js';

const cal = buildCalendarData(OFFICIAL_YEARS);
const WARN_2027 = '2027年尚无官方节假日安排数据，计算结果仅按周末推算，请管理员补充';

describe('explainDay', () => {
  it('gives the Chinese labels of the four kinds of day', () => {
    expect(explainDay(cal, '2020-02-01').label).toBe('2020-02-01 星期六：春节假期（国办发明电〔2020〕1号）');
    expect(explainDay(cal, '2021-02-07').label).toBe('2021-02-07 星期日：调休上班（春节）');
    expect(explainDay(cal, '2026-11-25').label).toBe('2026-11-25 星期三：工作日');
    expect(explainDay(cal, '2026-11-28').label).toBe('2026-11-28 星期六：周末休息');
    expect(explainDay(cal, '2026-11-25')).toEqual({
      date: '2026-11-25',
      workday: true,
      reason: 'weekday',
      label: '2026-11-25 星期三：工作日',
      covered: true,
    });
  });

  it('2020 Spring Festival extension (国办发明电〔2020〕1号)', () => {
    for (const d of ['2020-01-31', '2020-02-01', '2020-02-02']) {
      expect(explainDay(cal, d)).toMatchObject({ workday: false, reason: 'holiday', holiday: '春节' });
      expect(explainDay(cal, d).source).toBe('国办发明电〔2020〕1号');
    }
    // The Saturday make-up day of the original notice is gone; work resumed Mon 3 Feb.
    expect(isWorkday(cal, '2020-02-01')).toBe(false);
    expect(explainDay(cal, '2020-02-03')).toMatchObject({ workday: true, reason: 'weekday' });
    expect(explainDay(cal, '2020-01-19')).toMatchObject({
      workday: true,
      reason: 'adjusted-workday',
      holiday: '春节',
    });
  });

  it('2019 Labour Day as amended (国办发明电〔2019〕3号)', () => {
    for (const d of range('2019-05-01', '2019-05-04')) {
      expect(explainDay(cal, d)).toMatchObject({
        workday: false,
        holiday: '劳动节',
        source: '国办发明电〔2019〕3号',
      });
    }
    for (const d of ['2019-04-28', '2019-05-05']) {
      expect(weekdayName(d)).toBe('星期日');
      expect(explainDay(cal, d)).toMatchObject({ workday: true, reason: 'adjusted-workday' });
    }
  });

  it('除夕 2024-02-09 (Fri) is a working day; 除夕 2025-01-28 is a day off', () => {
    expect(explainDay(cal, '2024-02-09')).toMatchObject({ workday: true, reason: 'weekday' });
    expect(explainDay(cal, '2025-01-28')).toMatchObject({
      workday: false,
      reason: 'holiday',
      holiday: '春节',
    });
  });

  it('names merged periods as the tables do', () => {
    expect(explainDay(cal, '2020-10-08').holiday).toBe('国庆节、中秋节');
    expect(explainDay(cal, '2023-09-29').holiday).toBe('中秋节、国庆节');
    expect(explainDay(cal, '2025-10-08').label).toBe(
      '2025-10-08 星期三：国庆节、中秋节假期（国办发明电〔2024〕12号）',
    );
  });

  it('marks days of years without data as guesses', () => {
    expect(explainDay(cal, '2027-10-01')).toMatchObject({ workday: true, reason: 'weekday', covered: false });
    expect(explainDay(cal, '2027-10-01').label).toBe(
      '2027-10-01 星期五：工作日（2027年无官方节假日数据，仅按周末判断）',
    );
    // 2018-12-30 is known (2019's 元旦), yet 2018 as a calendar year is not covered.
    expect(explainDay(cal, '2018-12-30')).toMatchObject({ workday: false, holiday: '元旦', covered: false });
    expect(explainDay(cal, '2018-12-29')).toMatchObject({
      workday: true,
      reason: 'adjusted-workday',
      covered: false,
    });
  });
});

describe('years without official data', () => {
  it('2027: computed by weekends, with a warning and the year reported', () => {
    const r = addWorkdays(cal, '2027-03-05', 5); // Fri → Mon 03-08 .. Fri 03-12
    expect(r.date).toBe('2027-03-12');
    expect(r.warnings).toEqual([WARN_2027]);
    expect(r.uncoveredYears).toEqual([2027]);
    expect(r.explanation.at(-1)).toBe(`注意：${WARN_2027}`);
    const b = workdaysBetween(cal, '2027-03-05', '2027-03-12');
    expect(b).toMatchObject({ count: 5, warnings: [WARN_2027], uncoveredYears: [2027] });
  });

  it('a deadline crossing from 2026 into 2027 warns about 2027 only', () => {
    // 12-26/27 off; 12-28..31 = 1–4; 2027-01-01 Fri = 5 (2027 元旦 unknown!); 01-04..08 = 6–10.
    const r = addWorkdays(cal, '2026-12-25', 10);
    expect(r.date).toBe('2027-01-08');
    expect(r.uncoveredYears).toEqual([2027]);
    expect(r.warnings).toEqual([WARN_2027]);
  });

  it('2018 is not covered although three of its days are in the 2019 notice', () => {
    const r = addWorkdays(cal, '2018-06-01', 3);
    expect(r.date).toBe('2018-06-06');
    expect(r.uncoveredYears).toEqual([2018]);
    expect(r.warnings).toEqual(['2018年尚无官方节假日安排数据，计算结果仅按周末推算，请管理员补充']);
    const y = addWorkdays(cal, '2018-12-28', 1);
    expect(y.date).toBe('2018-12-29');
    expect(y.uncoveredYears).toEqual([2018]);
  });

  it('reports every uncovered year touched, in order', () => {
    const r = workdaysBetween(cal, '2028-01-10', '2018-11-01');
    expect(r.uncoveredYears).toEqual([2018, 2027, 2028]);
    expect(r.warnings).toHaveLength(3);
  });

  it('only years whose days were examined count (next-day does not examine the start day)', () => {
    expect(addWorkdays(cal, '2018-12-31', 1).uncoveredYears).toEqual([]);
    expect(addWorkdays(cal, '2018-12-31', 1, { startCounting: 'same-day' }).uncoveredYears).toEqual([2018]);
    expect(workdaysBetween(cal, '2018-12-31', '2019-01-10').uncoveredYears).toEqual([]);
  });

  it('an admin-declared year (extraYears) is covered', () => {
    const withYear = buildCalendarData(OFFICIAL_YEARS, [], [{ year: 2027 }]);
    const r = addWorkdays(withYear, '2027-03-05', 5);
    expect(r.warnings).toEqual([]);
    expect(r.uncoveredYears).toEqual([]);
    expect(explainDay(withYear, '2027-10-01').covered).toBe(true);
  });
});

describe('buildCalendarData and overrides', () => {
  const local = (date: string, kind: DayEntry['kind'], name = '本地调整'): DayEntry => ({
    date,
    kind,
    name,
    source: '某市人民政府通知',
  });

  it('covers the official years and nothing else', () => {
    expect([...cal.coveredYears].sort()).toEqual([2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    expect(cal.entries.get('2018-12-30')?.name).toBe('元旦');
  });

  it('a local rest day makes a weekday non-working', () => {
    const c = buildCalendarData(OFFICIAL_YEARS, [local('2021-06-08', 'rest', '防汛放假')]);
    expect(explainDay(c, '2021-06-08')).toMatchObject({
      workday: false,
      reason: 'holiday',
      holiday: '防汛放假',
    });
    expect(explainDay(c, '2021-06-08').label).toBe('2021-06-08 星期二：防汛放假（某市人民政府通知）');
    expect(addWorkdays(c, '2021-06-07', 1).date).toBe('2021-06-09');
    expect(isWorkday(cal, '2021-06-08')).toBe(true); // the official calendar is untouched
  });

  it("a 'normal' override cancels an official entry, and the explanation says so", () => {
    const c = buildCalendarData(OFFICIAL_YEARS, [
      local('2021-10-07', 'normal'),
      local('2021-10-09', 'normal'),
    ]);
    expect(explainDay(c, '2021-10-07')).toMatchObject({
      workday: true,
      reason: 'weekday',
      source: '某市人民政府通知',
    });
    expect(explainDay(c, '2021-10-07').label).toBe(
      '2021-10-07 星期四：工作日（本地调整：本地调整，某市人民政府通知）',
    );
    expect(explainDay(c, '2021-10-09')).toMatchObject({ workday: false, reason: 'weekend' });
    expect(c.entries.has('2021-10-07')).toBe(false);
  });

  it('a local make-up Saturday is an adjusted working day; the later override wins', () => {
    const c = buildCalendarData(OFFICIAL_YEARS, [
      local('2021-06-12', 'workday', '端午'),
      local('2021-06-19', 'rest'),
      local('2021-06-19', 'workday', '补班'),
    ]);
    expect(explainDay(c, '2021-06-12')).toMatchObject({ workday: true, reason: 'adjusted-workday' });
    expect(explainDay(c, '2021-06-19')).toMatchObject({ workday: true, holiday: '补班' });
  });

  it('overrides alone do not make a year covered', () => {
    const c = buildCalendarData(OFFICIAL_YEARS, [local('2027-10-01', 'rest', '国庆节')]);
    expect(isWorkday(c, '2027-10-01')).toBe(false);
    expect(addWorkdays(c, '2027-09-30', 1).uncoveredYears).toEqual([2027]);
  });

  it('rejects bad data instead of ignoring it', () => {
    expect(() => buildCalendarData(OFFICIAL_YEARS, [local('2021-6-8', 'rest')])).toThrow(CalendarInputError);
    const badKind = { ...local('2021-06-08', 'rest'), kind: 'holiday' } as unknown as DayEntry;
    expect(() => buildCalendarData(OFFICIAL_YEARS, [badKind])).toThrow(/类型无效/);
    expect(() => buildCalendarData(OFFICIAL_YEARS, [], [{ year: 2027.5 }])).toThrow(/年度无效/);
    const twice = [...OFFICIAL_YEARS, OFFICIAL_YEARS[0]!];
    expect(() => buildCalendarData(twice)).toThrow(/同时出现/);
  });
});

describe('input validation', () => {
  const rejects = (s: string, pattern: RegExp) => {
    expect(() => parseIsoDate(s)).toThrow(CalendarInputError);
    expect(() => parseIsoDate(s)).toThrow(pattern);
  };

  it('accepts real dates, leap days included', () => {
    for (const d of ['1990-01-01', '2000-02-29', '2024-02-29', '2100-12-31']) expect(parseIsoDate(d)).toBe(d);
  });

  it('rejects bad formats', () => {
    for (const s of [
      '2021-6-4',
      '2021/06/04',
      ' 2021-06-04',
      '2021-06-04T00:00',
      '20210604',
      '',
      '２０２１-06-04',
    ]) {
      rejects(s, /日期格式不正确/);
    }
    expect(() => parseIsoDate(20210604 as unknown as string)).toThrow(/日期必须是文本/);
  });

  it('rejects impossible dates and names the month length', () => {
    rejects('2021-02-30', /2021年2月只有28天/);
    rejects('2100-02-29', /2100年2月只有28天/);
    rejects('2021-04-31', /只有30天/);
    rejects('2021-00-10', /月份无效/);
    rejects('2021-13-01', /月份无效/);
    rejects('2021-06-00', /不存在/);
  });

  it('rejects years outside 1990–2100', () => {
    rejects('1989-12-31', /年份超出可计算范围/);
    rejects('2101-01-01', /年份超出可计算范围/);
  });

  it('rejects bad day counts', () => {
    expect(() => addWorkdays(cal, '2021-06-04', -1)).toThrow(/不能为负数/);
    expect(() => addWorkdays(cal, '2021-06-04', 1.5)).toThrow(/必须是整数/);
    expect(() => addWorkdays(cal, '2021-06-04', Number.NaN)).toThrow(/必须是整数/);
    expect(() => addWorkdays(cal, '2021-06-04', Number.POSITIVE_INFINITY)).toThrow(CalendarInputError);
    expect(() => addWorkdays(cal, '2021-06-04', MAX_WORKDAYS + 1)).toThrow(/不能超过 3650/);
    expect(addWorkdays(cal, '2021-06-04', MAX_WORKDAYS).uncoveredYears.length).toBeGreaterThan(0);
  });

  it('rejects bad dates and modes in every entry point', () => {
    expect(() => addWorkdays(cal, '2021-02-30', 1)).toThrow(CalendarInputError);
    expect(() => workdaysBetween(cal, '2021-06-04', '2021-6-7')).toThrow(CalendarInputError);
    expect(() => isWorkday(cal, 'tomorrow')).toThrow(CalendarInputError);
    const mode = { startCounting: 'today' } as unknown as { startCounting: 'same-day' };
    expect(() => addWorkdays(cal, '2021-06-04', 1, mode)).toThrow(/起算方式无效/);
  });

  it('refuses to count past 2100', () => {
    expect(() => addWorkdays(cal, '2100-12-01', 100)).toThrow(/超出可计算范围/);
  });

  it('errors are CalendarInputError instances named as such', () => {
    try {
      parseIsoDate('2021-02-30');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(Error);
      expect((e as Error).name).toBe('CalendarInputError');
    }
  });
});

describe('date arithmetic', () => {
  it('day numbers agree with Date.UTC for every day 1990–2100', () => {
    let n = toDayNumber('1990-01-01');
    expect(n).toBe(Date.UTC(1990, 0, 1) / 86_400_000);
    for (let ms = Date.UTC(1990, 0, 1); ms <= Date.UTC(2100, 11, 31); ms += 86_400_000, n++) {
      const iso = new Date(ms).toISOString().slice(0, 10);
      if (fromDayNumber(n) !== iso || toDayNumber(iso) !== n)
        expect([fromDayNumber(n), toDayNumber(iso)]).toEqual([iso, n]);
    }
  });

  it('does not depend on the process time zone', () => {
    const saved = process.env.TZ;
    const results: string[] = [];
    try {
      for (const tz of ['Asia/Shanghai', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'UTC']) {
        process.env.TZ = tz;
        results.push(
          [
            addWorkdays(cal, '2021-09-30', 20).date,
            weekdayName('2021-06-04'),
            addDays('2024-02-28', 2),
          ].join(),
        );
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
    expect(new Set(results)).toEqual(new Set(['2021-11-03,星期五,2024-03-01']));
  });
});
