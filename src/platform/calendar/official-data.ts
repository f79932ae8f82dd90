/**
 * National holiday arrangements 2019–2026, set each year by 《国务院办公厅关于X年部分节假日安排的通知》
 * under 《全国年节及纪念日放假办法》 (2013 version for 2014–2024; 2024-11-10 revision from 2025).
 *
 * Transcribed from the machine-readable block E.9 of shared/domain/website-and-calendar.md and checked
 * date by date against its tables E.1–E.8, which also give the holiday names. The two mid-year changes
 * (2019 劳动节, 2020 春节 extension) are applied here, each period citing the notice that set it, so a
 * deadline explanation can name the notice a day off actually comes from.
 *
 * Only national arrangements: provinces that extended the 2020 Spring Festival further, or any other
 * local change, belong in admin overrides (calendar_entries), never here.
 */
import { range } from './dates.js';

export interface HolidayPeriod {
  /** 元旦, 春节, 清明节, 劳动节, 端午节, 中秋节, 国庆节, or a merged name such as 国庆节、中秋节. */
  name: string;
  /** Days off, expanded, 'YYYY-MM-DD'. May start in the previous calendar year (元旦). */
  rest: string[];
  /** Saturdays/Sundays that are working days (调休上班) because of this period. */
  workdays: string[];
  /** The notice that set this period (文号), used as the source of each of its days. */
  source: string;
  /** Anything a reader of a deadline explanation should know about this period. */
  note?: string;
}

export interface OfficialYear {
  year: number;
  /** Every notice that makes up this year's arrangement, in order. */
  notice: string;
  periods: HolidayPeriod[];
}

type PeriodInput = Omit<HolidayPeriod, 'source'> & { source?: string };

function p(
  name: string,
  rest: string[],
  workdays: string[] = [],
  extra: { source?: string; note?: string } = {},
): PeriodInput {
  return { name, rest, workdays, ...extra };
}

function defineYear(year: number, notice: string, mainSource: string, periods: PeriodInput[]): OfficialYear {
  return { year, notice, periods: periods.map((x) => ({ ...x, source: x.source ?? mainSource })) };
}

const N2019 = '国办发明电〔2018〕15号';
const N2019_MAY = '国办发明电〔2019〕3号';
const N2020 = '国办发明电〔2019〕16号';
const N2020_EXT = '国办发明电〔2020〕1号';
/** The 2026 notice (published 2025-11-04) was found only in reposts that omit the 文号. */
const N2026 = '国务院办公厅2025-11-04通知（文号未核实）';

export const OFFICIAL_YEARS: OfficialYear[] = [
  // 国办发明电〔2018〕15号 (2018-12-04); 劳动节 replaced by 国办发明电〔2019〕3号 (2019-03-22), which turned
  // "5月1日放假" into four days off with two Sunday make-up days.
  defineYear(2019, `${N2019}；${N2019_MAY}（劳动节调整）`, N2019, [
    p('元旦', range('2018-12-30', '2019-01-01'), ['2018-12-29']),
    p('春节', range('2019-02-04', '2019-02-10'), ['2019-02-02', '2019-02-03']),
    p('清明节', ['2019-04-05']),
    p('劳动节', range('2019-05-01', '2019-05-04'), ['2019-04-28', '2019-05-05'], {
      source: N2019_MAY,
      note: '原通知仅5月1日放假，2019-03-22调整为5月1日至4日',
    }),
    p('端午节', ['2019-06-07']),
    p('中秋节', ['2019-09-13']),
    p('国庆节', range('2019-10-01', '2019-10-07'), ['2019-09-29', '2019-10-12']),
  ]),
  // 国办发明电〔2019〕16号 (2019-11-21). 国办发明电〔2020〕1号 (2020-01-26) extended 春节 to 2 Feb
  // "2月3日（星期一）起正常上班". The original Saturday 1 Feb make-up day is therefore gone: the
  // extension does not say so in words, but 1 Feb lies inside the extended holiday (E.2, marked [U]).
  defineYear(2020, `${N2020}；${N2020_EXT}（延长春节假期）`, N2020, [
    p('元旦', ['2020-01-01']),
    p('春节', range('2020-01-24', '2020-01-30'), ['2020-01-19']),
    p('春节', range('2020-01-31', '2020-02-02'), [], {
      source: N2020_EXT,
      note: '疫情防控延长春节假期，原定2月1日（星期六）调休上班随之取消',
    }),
    p('清明节', range('2020-04-04', '2020-04-06')),
    p('劳动节', range('2020-05-01', '2020-05-05'), ['2020-04-26', '2020-05-09']),
    p('端午节', range('2020-06-25', '2020-06-27'), ['2020-06-28']),
    p('国庆节、中秋节', range('2020-10-01', '2020-10-08'), ['2020-09-27', '2020-10-10']),
  ]),
  // 国办发明电〔2020〕27号 (2020-11-25).
  defineYear(2021, '国办发明电〔2020〕27号', '国办发明电〔2020〕27号', [
    p('元旦', range('2021-01-01', '2021-01-03')),
    p('春节', range('2021-02-11', '2021-02-17'), ['2021-02-07', '2021-02-20']),
    p('清明节', range('2021-04-03', '2021-04-05')),
    p('劳动节', range('2021-05-01', '2021-05-05'), ['2021-04-25', '2021-05-08']),
    p('端午节', range('2021-06-12', '2021-06-14')),
    p('中秋节', range('2021-09-19', '2021-09-21'), ['2021-09-18']),
    p('国庆节', range('2021-10-01', '2021-10-07'), ['2021-09-26', '2021-10-09']),
  ]),
  // 国办发明电〔2021〕11号 (2021-10-25).
  defineYear(2022, '国办发明电〔2021〕11号', '国办发明电〔2021〕11号', [
    p('元旦', range('2022-01-01', '2022-01-03')),
    p('春节', range('2022-01-31', '2022-02-06'), ['2022-01-29', '2022-01-30']),
    p('清明节', range('2022-04-03', '2022-04-05'), ['2022-04-02']),
    p('劳动节', range('2022-04-30', '2022-05-04'), ['2022-04-24', '2022-05-07']),
    p('端午节', range('2022-06-03', '2022-06-05')),
    p('中秋节', range('2022-09-10', '2022-09-12')),
    p('国庆节', range('2022-10-01', '2022-10-07'), ['2022-10-08', '2022-10-09']),
  ]),
  // 国办发明电〔2022〕16号 (2022-12-08).
  defineYear(2023, '国办发明电〔2022〕16号', '国办发明电〔2022〕16号', [
    p('元旦', range('2022-12-31', '2023-01-02')),
    p('春节', range('2023-01-21', '2023-01-27'), ['2023-01-28', '2023-01-29']),
    p('清明节', ['2023-04-05']),
    p('劳动节', range('2023-04-29', '2023-05-03'), ['2023-04-23', '2023-05-06']),
    p('端午节', range('2023-06-22', '2023-06-24'), ['2023-06-25']),
    p('中秋节、国庆节', range('2023-09-29', '2023-10-06'), ['2023-10-07', '2023-10-08']),
  ]),
  // 国办发明电〔2023〕7号 (2023-10-25). 除夕 2024-02-09 (Fri) stays a working day: the notice only
  // "鼓励各单位…安排职工在除夕（2月9日）休息", so it must not be listed as rest.
  defineYear(2024, '国办发明电〔2023〕7号', '国办发明电〔2023〕7号', [
    p('元旦', ['2024-01-01']),
    p('春节', range('2024-02-10', '2024-02-17'), ['2024-02-04', '2024-02-18']),
    p('清明节', range('2024-04-04', '2024-04-06'), ['2024-04-07']),
    p('劳动节', range('2024-05-01', '2024-05-05'), ['2024-04-28', '2024-05-11']),
    p('端午节', ['2024-06-10']),
    p('中秋节', range('2024-09-15', '2024-09-17'), ['2024-09-14']),
    p('国庆节', range('2024-10-01', '2024-10-07'), ['2024-09-29', '2024-10-12']),
  ]),
  // 国办发明电〔2024〕12号 (2024-11-12): first year of the 2024 revision (春节 4 statutory days from 除夕,
  // 劳动节 2 days).
  defineYear(2025, '国办发明电〔2024〕12号', '国办发明电〔2024〕12号', [
    p('元旦', ['2025-01-01']),
    p('春节', range('2025-01-28', '2025-02-04'), ['2025-01-26', '2025-02-08']),
    p('清明节', range('2025-04-04', '2025-04-06')),
    p('劳动节', range('2025-05-01', '2025-05-05'), ['2025-04-27']),
    p('端午节', range('2025-05-31', '2025-06-02')),
    p('国庆节、中秋节', range('2025-10-01', '2025-10-08'), ['2025-09-28', '2025-10-11']),
  ]),
  // Notice of 2025-11-04 (Xinhua and 中山日报 reposts); no later 调整 notice was found.
  defineYear(2026, N2026, N2026, [
    p('元旦', range('2026-01-01', '2026-01-03'), ['2026-01-04']),
    p('春节', range('2026-02-15', '2026-02-23'), ['2026-02-14', '2026-02-28'], {
      note: '9天，自腊月二十八起',
    }),
    p('清明节', range('2026-04-04', '2026-04-06')),
    p('劳动节', range('2026-05-01', '2026-05-05'), ['2026-05-09']),
    p('端午节', range('2026-06-19', '2026-06-21')),
    p('中秋节', range('2026-09-25', '2026-09-27')),
    p('国庆节', range('2026-10-01', '2026-10-07'), ['2026-09-20', '2026-10-10']),
  ]),
];
