import { describe, expect, it } from 'vitest';
import { addDays, isWeekend, range, yearOf } from './dates.js';
import { buildCalendarData, isWorkday, workdaysBetween } from './engine.js';
import { OFFICIAL_YEARS } from './official-data.js';

/**
 * Block E.9 of shared/domain/website-and-calendar.md, copied verbatim. official-data.ts was written
 * period by period from the tables E.1–E.8; comparing it with this independent copy of E.9 catches a
 * slip in either transcription.
 */
const E9 = `
2019: {rest: [2018-12-30,2018-12-31,2019-01-01, 2019-02-04..2019-02-10, 2019-04-05, 2019-05-01..2019-05-04, 2019-06-07, 2019-09-13, 2019-10-01..2019-10-07],
       workdays: [2018-12-29, 2019-02-02, 2019-02-03, 2019-04-28, 2019-05-05, 2019-09-29, 2019-10-12]}
2020: {rest: [2020-01-01, 2020-01-24..2020-02-02, 2020-04-04..2020-04-06, 2020-05-01..2020-05-05, 2020-06-25..2020-06-27, 2020-10-01..2020-10-08],
       workdays: [2020-01-19, 2020-04-26, 2020-05-09, 2020-06-28, 2020-09-27, 2020-10-10]}   # 2020-02-01 removed by 国办发明电〔2020〕1号
2021: {rest: [2021-01-01..2021-01-03, 2021-02-11..2021-02-17, 2021-04-03..2021-04-05, 2021-05-01..2021-05-05, 2021-06-12..2021-06-14, 2021-09-19..2021-09-21, 2021-10-01..2021-10-07],
       workdays: [2021-02-07, 2021-02-20, 2021-04-25, 2021-05-08, 2021-09-18, 2021-09-26, 2021-10-09]}
2022: {rest: [2022-01-01..2022-01-03, 2022-01-31..2022-02-06, 2022-04-03..2022-04-05, 2022-04-30..2022-05-04, 2022-06-03..2022-06-05, 2022-09-10..2022-09-12, 2022-10-01..2022-10-07],
       workdays: [2022-01-29, 2022-01-30, 2022-04-02, 2022-04-24, 2022-05-07, 2022-10-08, 2022-10-09]}
2023: {rest: [2022-12-31..2023-01-02, 2023-01-21..2023-01-27, 2023-04-05, 2023-04-29..2023-05-03, 2023-06-22..2023-06-24, 2023-09-29..2023-10-06],
       workdays: [2023-01-28, 2023-01-29, 2023-04-23, 2023-05-06, 2023-06-25, 2023-10-07, 2023-10-08]}
2024: {rest: [2024-01-01, 2024-02-10..2024-02-17, 2024-04-04..2024-04-06, 2024-05-01..2024-05-05, 2024-06-10, 2024-09-15..2024-09-17, 2024-10-01..2024-10-07],
       workdays: [2024-02-04, 2024-02-18, 2024-04-07, 2024-04-28, 2024-05-11, 2024-09-14, 2024-09-29, 2024-10-12]}
2025: {rest: [2025-01-01, 2025-01-28..2025-02-04, 2025-04-04..2025-04-06, 2025-05-01..2025-05-05, 2025-05-31..2025-06-02, 2025-10-01..2025-10-08],
       workdays: [2025-01-26, 2025-02-08, 2025-04-27, 2025-09-28, 2025-10-11]}
2026: {rest: [2026-01-01..2026-01-03, 2026-02-15..2026-02-23, 2026-04-04..2026-04-06, 2026-05-01..2026-05-05, 2026-06-19..2026-06-21, 2026-09-25..2026-09-27, 2026-10-01..2026-10-07],
       workdays: [2026-01-04, 2026-02-14, 2026-02-28, 2026-05-09, 2026-09-20, 2026-10-10]}
`;

function parseE9(): Map<number, { rest: string[]; workdays: string[] }> {
  const out = new Map<number, { rest: string[]; workdays: string[] }>();
  for (const m of E9.matchAll(/(\d{4}): \{rest: \[(.*?)\],\s*workdays: \[(.*?)\]\}/gs)) {
    const items = (s: string) => s.split(',').map((x) => x.trim());
    const rest = items(m[2]!).flatMap((t) => (t.includes('..') ? range(t.slice(0, 10), t.slice(12)) : [t]));
    out.set(Number(m[1]), { rest, workdays: items(m[3]!) });
  }
  return out;
}

const allRest = (y: (typeof OFFICIAL_YEARS)[number]) => y.periods.flatMap((p) => p.rest);
const allWork = (y: (typeof OFFICIAL_YEARS)[number]) => y.periods.flatMap((p) => p.workdays);

describe('OFFICIAL_YEARS against E.9', () => {
  const e9 = parseE9();

  it('covers exactly 2019–2026, in order', () => {
    expect(e9.size).toBe(8);
    expect(OFFICIAL_YEARS.map((y) => y.year)).toEqual([2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
  });

  for (const y of OFFICIAL_YEARS) {
    it(`${y.year}: the same days off and make-up working days as E.9`, () => {
      const ref = e9.get(y.year)!;
      expect([...allRest(y)].sort()).toEqual([...ref.rest].sort());
      expect([...allWork(y)].sort()).toEqual([...ref.workdays].sort());
    });
  }
});

describe('OFFICIAL_YEARS structure (E.9 asks for the first two checks)', () => {
  const workdays = OFFICIAL_YEARS.flatMap((y) => allWork(y));
  const rest = new Set(OFFICIAL_YEARS.flatMap((y) => allRest(y)));

  it('every workdays entry is a Saturday or a Sunday', () => {
    expect(workdays.filter((d) => !isWeekend(d))).toEqual([]);
    expect(workdays.length).toBe(53);
  });

  it('no workdays entry is also a day off', () => {
    expect(workdays.filter((d) => rest.has(d))).toEqual([]);
  });

  it('no date is listed twice anywhere (buildCalendarData would throw)', () => {
    const all = OFFICIAL_YEARS.flatMap((y) => [...allRest(y), ...allWork(y)]);
    expect(new Set(all).size).toBe(all.length);
    expect(() => buildCalendarData(OFFICIAL_YEARS)).not.toThrow();
  });

  it('each period is one unbroken run of days off', () => {
    for (const y of OFFICIAL_YEARS) {
      for (const p of y.periods) {
        expect(p.rest.length).toBeGreaterThan(0);
        expect(p.rest).toEqual(range(p.rest[0]!, p.rest.at(-1)!));
      }
    }
  });

  it('dates outside the arrangement year are exactly the late-December 元旦 days', () => {
    const outside = OFFICIAL_YEARS.flatMap((y) =>
      y.periods.flatMap((p) =>
        [...p.rest, ...p.workdays].filter((d) => yearOf(d) !== y.year).map((d) => `${y.year} ${p.name} ${d}`),
      ),
    );
    expect(outside).toEqual([
      '2019 元旦 2018-12-30',
      '2019 元旦 2018-12-31',
      '2019 元旦 2018-12-29',
      '2023 元旦 2022-12-31',
    ]);
  });

  it('uses only the holiday names of the tables', () => {
    const names = new Set(OFFICIAL_YEARS.flatMap((y) => y.periods.map((p) => p.name)));
    expect([...names].sort()).toEqual(
      [
        '中秋节',
        '中秋节、国庆节',
        '元旦',
        '劳动节',
        '国庆节',
        '国庆节、中秋节',
        '春节',
        '清明节',
        '端午节',
      ].sort(),
    );
  });
});

describe('notices (文号)', () => {
  const notice = (year: number) => OFFICIAL_YEARS.find((y) => y.year === year)!.notice;
  const sourceOf = (date: string) =>
    OFFICIAL_YEARS.flatMap((y) => y.periods).find((p) => p.rest.includes(date) || p.workdays.includes(date))
      ?.source;

  it('names both notices of the years changed mid-year', () => {
    expect(notice(2019)).toBe('国办发明电〔2018〕15号；国办发明电〔2019〕3号（劳动节调整）');
    expect(notice(2020)).toContain('国办发明电〔2019〕16号');
    expect(notice(2020)).toContain('国办发明电〔2020〕1号');
  });

  it('cites the amending notice only for the days it set', () => {
    expect(sourceOf('2019-05-02')).toBe('国办发明电〔2019〕3号');
    expect(sourceOf('2019-04-28')).toBe('国办发明电〔2019〕3号');
    expect(sourceOf('2019-10-01')).toBe('国办发明电〔2018〕15号');
    expect(sourceOf('2020-01-30')).toBe('国办发明电〔2019〕16号');
    expect(sourceOf('2020-01-19')).toBe('国办发明电〔2019〕16号');
    expect(['2020-01-31', '2020-02-01', '2020-02-02'].map(sourceOf)).toEqual(
      Array(3).fill('国办发明电〔2020〕1号'),
    );
  });

  it('gives the 文号 of 2021–2025 and says the 2026 one is unverified', () => {
    expect([2021, 2022, 2023, 2024, 2025].map(notice)).toEqual([
      '国办发明电〔2020〕27号',
      '国办发明电〔2021〕11号',
      '国办发明电〔2022〕16号',
      '国办发明电〔2023〕7号',
      '国办发明电〔2024〕12号',
    ]);
    expect(notice(2026)).toBe('国务院办公厅2025-11-04通知（文号未核实）');
  });
});

/**
 * Each statutory day that falls Mon–Fri, or falls on a weekend and is made up (放假办法 art. 6), costs
 * one working day, and every other weekday off is paid back by one 调休 weekend day. So per period,
 * (weekdays off) − (weekend make-up days) = statutory days: 2013 办法 (to 2024) 元旦 1, 春节 3, 清明 1,
 * 劳动节 1, 端午 1, 中秋 1, 国庆 3; 2024 revision (from 2025) 春节 4, 劳动节 2. A wrong or missing date
 * in the transcription breaks this count.
 */
describe('statutory days per period (《全国年节及纪念日放假办法》)', () => {
  const old: Record<string, number> = {
    元旦: 1,
    春节: 3,
    清明节: 1,
    劳动节: 1,
    端午节: 1,
    中秋节: 1,
    国庆节: 3,
  };
  const revised: Record<string, number> = { ...old, 春节: 4, 劳动节: 2 };
  const statutory = (year: number, name: string) =>
    name.split('、').reduce((sum, n) => sum + (year >= 2025 ? revised : old)[n]!, 0);

  for (const y of OFFICIAL_YEARS) {
    it(`${y.year}: weekdays off minus make-up days equals the statutory count`, () => {
      for (const p of y.periods) {
        const weekdaysOff = p.rest.filter((d) => !isWeekend(d)).length;
        const net = weekdaysOff - p.workdays.length;
        // Only exception: 国办发明电〔2020〕1号 added 2020-01-31 (Fri) off and cancelled the Saturday
        // 2020-02-01 make-up day, i.e. two extra working days lost, recorded as a period of its own.
        if (p.source === '国办发明电〔2020〕1号') expect(net).toBe(1);
        else if (y.year === 2020 && p.name === '春节') expect(net).toBe(statutory(2020, '春节') + 1);
        else expect({ period: p.name, net }).toEqual({ period: p.name, net: statutory(y.year, p.name) });
      }
    });
  }
});

describe('working days per calendar year', () => {
  const cal = buildCalendarData(OFFICIAL_YEARS);
  // Hand count: weekdays in the year − weekdays off in the year + 调休 weekend days in the year.
  // 2019: 261 − 17 + 6 = 250.   2020: 262 − 19 + 6 = 249 (with the extension; 251 before it).
  // 2021: 261 − 18 + 7 = 250.   2022: 260 − 18 + 7 = 249.   2023: 260 − 18 + 7 = 249.
  // 2024: 262 − 19 + 8 = 251.   2025: 261 − 18 + 5 = 248.   2026: 261 − 19 + 6 = 248.
  const expected: Record<number, number> = {
    2019: 250,
    2020: 249,
    2021: 250,
    2022: 249,
    2023: 249,
    2024: 251,
    2025: 248,
    2026: 248,
  };
  for (const [year, count] of Object.entries(expected)) {
    it(`${year} has ${count} working days`, () => {
      const r = workdaysBetween(cal, `${Number(year) - 1}-12-31`, `${year}-12-31`);
      expect(r.count).toBe(count);
    });
  }

  it('from 2025 no run of consecutive working days exceeds 6 (2024 revision art. 7: 一般不超过6天)', () => {
    // 2019–2023 had 7-day runs (e.g. 2023-10-07..2023-10-13); the rule came with the 2024 revision.
    let run = 0;
    let longest = 0;
    for (let d = '2025-01-01'; d <= '2026-12-31'; d = addDays(d, 1)) {
      run = isWorkday(cal, d) ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    expect(longest).toBe(6);
    expect(workdaysBetween(cal, '2023-10-06', '2023-10-13').count).toBe(7);
  });
});
