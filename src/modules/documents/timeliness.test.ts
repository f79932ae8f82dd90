import { describe, expect, it } from 'vitest';
import { CalendarInputError } from '../../platform/calendar/dates.js';
import { buildCalendarData, uncoveredYearWarning } from '../../platform/calendar/engine.js';
import { OFFICIAL_YEARS } from '../../platform/calendar/official-data.js';
import {
  DISCLOSURE_STATUS_LABELS,
  type DisclosureStatus,
  disclosureDue,
  disclosureStatus,
  onTimeRate,
} from './timeliness.js';

const cal = buildCalendarData(OFFICIAL_YEARS);

/**
 * Every expected date below was counted by hand from tables E.2–E.7 of
 * shared/domain/website-and-calendar.md before the code ran. The formation day is day 0.
 */
describe('disclosureDue (条例第二十六条: 20 个工作日)', () => {
  it('crosses National Day 2021 and counts the 调休 Saturday 2021-10-09', () => {
    // Formed Tue 2021-09-28 (day 0). 09-29 Wed = 1, 09-30 Thu = 2; 10-01..10-07 国庆 off;
    // 10-08 Fri = 3, 10-09 Sat 调休上班 = 4; 10-11..15 = 5–9, 10-18..22 = 10–14, 10-25..29 = 15–19;
    // 11-01 Mon = 20.
    const r = disclosureDue(cal, '2021-09-28');
    expect(r.due).toBe('2021-11-01');
    expect(r.warnings).toEqual([]);
    expect(r.explanation[0]).toContain('《政府信息公开条例》第二十六条');
    expect(r.explanation).toContain('计入 2021-10-09 星期六：调休上班（国庆节），为第4个工作日');
    expect(r.explanation).toContain('跳过 2021-10-01 星期五：国庆节假期（国办发明电〔2020〕27号）');
    expect(r.explanation.at(-1)).toBe('公开期限截止日：2021-11-01');
  });

  it('crosses the 2020 Spring Festival as extended by 国办发明电〔2020〕1号', () => {
    // Formed Mon 2020-01-20. 01-21 Tue = 1, 01-22 = 2, 01-23 Thu = 3; 01-24..02-02 off (the extension
    // added 01-31..02-02 and cancelled the Sat 02-01 make-up day); 02-03 Mon = 4 … 02-07 Fri = 8;
    // 02-10..14 = 9–13, 02-17..21 = 14–18; 02-24 Mon = 19, 02-25 Tue = 20.
    // Under the original notice alone (01-31 and Sat 02-01 working) it would have been Fri 02-21.
    const r = disclosureDue(cal, '2020-01-20');
    expect(r.due).toBe('2020-02-25');
    expect(r.explanation).toContain('跳过 2020-02-01 星期六：春节假期（国办发明电〔2020〕1号）');
  });

  it('crosses the 2025 Spring Festival, the first under the 2024 revision, with two 调休 days', () => {
    // Formed Fri 2025-01-24. 01-25 Sat off; 01-26 Sun 调休 = 1; 01-27 Mon = 2; 01-28..02-04 off (8 days);
    // 02-05 Wed = 3, 02-06 = 4, 02-07 = 5, 02-08 Sat 调休 = 6; 02-10..14 = 7–11, 02-17..21 = 12–16;
    // 02-24..27 = 17–20.
    expect(disclosureDue(cal, '2025-01-24').due).toBe('2025-02-27');
  });

  it('applies another period set by law: 征收土地公告 within 15 个工作日 (实施条例第三十一条)', () => {
    // Approval received Fri 2024-09-27. 09-28 Sat off; 09-29 Sun 调休 = 1; 09-30 Mon = 2; 10-01..07 off;
    // 10-08..11 = 3–6; 10-12 Sat 调休 = 7; 10-14..18 = 8–12; 10-21 = 13, 10-22 = 14, 10-23 Wed = 15.
    const r = disclosureDue(cal, '2024-09-27', 15);
    expect(r.due).toBe('2024-10-23');
    expect(r.explanation[0]).toContain('本项期限为15个工作日');
  });

  it('treats a period of 0 as publication on the day (实时公开)', () => {
    expect(disclosureDue(cal, '2021-10-01', 0).due).toBe('2021-10-01');
  });

  it('warns when the period runs into a year without official holiday data', () => {
    // 2027 has no data: counted on weekends alone. Mon 2027-03-01 + 20 = 4 weeks later, Mon 03-29.
    const r = disclosureDue(cal, '2027-03-01');
    expect(r.due).toBe('2027-03-29');
    expect(r.warnings).toEqual([uncoveredYearWarning(2027)]);
  });

  it('rejects bad input in Chinese', () => {
    expect(() => disclosureDue(cal, '2021-02-30')).toThrow(CalendarInputError);
    expect(() => disclosureDue(cal, '2021-09-28', -1)).toThrow('工作日天数不能为负数');
  });
});

describe('disclosureStatus', () => {
  const formedOn = '2021-09-28'; // due 2021-11-01 (Mon), see above
  const status = (publishedOn: string | null, today: string, extra: { atRiskDays?: number } = {}) =>
    disclosureStatus(cal, { formedOn, publishedOn, today, ...extra });

  describe('published', () => {
    it('is on time when published on the due day', () => {
      const r = status('2021-11-01', '2021-12-31');
      expect(r).toMatchObject({ status: 'on_time', due: '2021-11-01' });
      expect(r.workdaysLate).toBeUndefined();
      expect(r.explanation.at(-1)).toBe('已于 2021-11-01 公开，未超过截止日 2021-11-01，按时公开');
    });

    it('is on time when published the day the information was formed', () => {
      expect(status('2021-09-28', '2021-09-28').status).toBe('on_time');
    });

    it('is late by 1 working day when published the next working day', () => {
      const r = status('2021-11-02', '2021-12-31');
      expect(r).toMatchObject({ status: 'late', workdaysLate: 1, daysLate: 1 });
      expect(r.explanation.at(-1)).toBe(
        '已于 2021-11-02 公开，超过截止日 2021-11-01 1 天（1 个工作日），逾期公开',
      );
    });

    it('counts lateness in working days: a week late is 5 working days', () => {
      // (11-01, 11-08]: 11-02..05 = 4, 11-06/07 weekend, 11-08 Mon = 5.
      expect(status('2021-11-08', '2021-12-31')).toMatchObject({ workdaysLate: 5, daysLate: 7 });
    });

    it('does not count the weekend toward lateness', () => {
      // Formed Fri 2021-10-29: 11-01..05 = 1–5, 11-08..12 = 6–10, 11-15..19 = 11–15, 11-22..26 = 16–20,
      // so due Fri 2021-11-26. Published Mon 11-29: 3 calendar days but 1 working day late.
      const late = (publishedOn: string) =>
        disclosureStatus(cal, { formedOn: '2021-10-29', publishedOn, today: '2021-12-31' });
      expect(late('2021-11-26').status).toBe('on_time');
      expect(late('2021-11-29')).toMatchObject({
        status: 'late',
        due: '2021-11-26',
        workdaysLate: 1,
        daysLate: 3,
      });
      // On the Saturday after the due date the period has ended, but no working day has been lost.
      expect(late('2021-11-27')).toMatchObject({ status: 'late', workdaysLate: 0, daysLate: 1 });
    });

    it('does not count the holiday toward lateness', () => {
      // Formed Thu 2021-09-02: 09-03 = 1, 09-06..10 = 2–6, 09-13..17 = 7–11, 09-18 Sat 调休 = 12;
      // 09-19..21 中秋 off; 09-22..24 = 13–15; 09-26 Sun 调休 = 16; 09-27..30 = 17–20. Due Thu 09-30.
      // Published Fri 10-08, right after 国庆: 8 calendar days, 1 working day late.
      const r = disclosureStatus(cal, {
        formedOn: '2021-09-02',
        publishedOn: '2021-10-08',
        today: '2021-10-08',
      });
      expect(r).toMatchObject({ status: 'late', due: '2021-09-30', workdaysLate: 1, daysLate: 8 });
    });

    it('ignores today once published', () => {
      expect(status('2021-10-15', '2021-12-31').status).toBe('on_time');
    });

    it('warns about a publication date before the formation date', () => {
      const r = status('2021-09-27', '2021-12-31');
      expect(r.status).toBe('on_time');
      expect(r.warnings).toContain('发布日期 2021-09-27 早于形成日期 2021-09-28，请核对');
    });
  });

  describe('unpublished', () => {
    it('is due while more than 3 working days are left', () => {
      // (10-26, 11-01]: 10-27, 28, 29, 11-01 = 4.
      expect(status(null, '2021-10-26')).toMatchObject({ status: 'due', workdaysLeft: 4 });
    });

    it('counts the days left in working days across the holiday', () => {
      // Today Fri 10-01 (holiday): working days 1–2 are behind (09-29, 09-30), 18 are left.
      expect(status(null, '2021-10-01')).toMatchObject({ status: 'due', workdaysLeft: 18 });
      // Today Fri 10-08 = day 3: 17 left, the 调休 Saturday among them.
      expect(status(null, '2021-10-08')).toMatchObject({ status: 'due', workdaysLeft: 17 });
    });

    it('is at risk with 3 working days left or fewer', () => {
      expect(status(null, '2021-10-27')).toMatchObject({ status: 'at_risk', workdaysLeft: 3 });
      expect(status(null, '2021-10-29')).toMatchObject({ status: 'at_risk', workdaysLeft: 1 });
      // Sat 10-30: only Mon 11-01 is left.
      expect(status(null, '2021-10-30')).toMatchObject({ status: 'at_risk', workdaysLeft: 1 });
    });

    it('is at risk on the due day itself, with 0 days left', () => {
      const r = status(null, '2021-11-01');
      expect(r).toMatchObject({ status: 'at_risk', workdaysLeft: 0 });
      expect(r.explanation.at(-1)).toBe('截至 2021-11-01 尚未公开，今天是最后期限（截止日 2021-11-01）');
    });

    it('takes another at-risk threshold', () => {
      expect(status(null, '2021-10-27', { atRiskDays: 0 }).status).toBe('due');
      expect(status(null, '2021-10-26', { atRiskDays: 5 }).status).toBe('at_risk');
    });

    it('is overdue the day after the due date', () => {
      const r = status(null, '2021-11-02');
      expect(r).toMatchObject({ status: 'overdue', workdaysLate: 1, daysLate: 1 });
      expect(r.workdaysLeft).toBeUndefined();
      expect(r.explanation.at(-1)).toBe(
        '截至 2021-11-02 尚未公开，已超过截止日 2021-11-01 1 天（1 个工作日）',
      );
    });

    it('counts overdue days in working days', () => {
      // (11-01, 11-15]: 11-02..05 = 4, 11-08..12 = 9, 11-15 = 10.
      expect(status(null, '2021-11-15')).toMatchObject({ status: 'overdue', workdaysLate: 10, daysLate: 14 });
    });

    it('uses the period a law sets', () => {
      const r = disclosureStatus(cal, {
        formedOn: '2024-09-27',
        publishedOn: null,
        today: '2024-10-22',
        periodDays: 15,
      });
      expect(r).toMatchObject({ status: 'at_risk', due: '2024-10-23', workdaysLeft: 1 });
    });
  });

  it('rejects a bad at-risk threshold and bad dates', () => {
    expect(() => status(null, '2021-10-27', { atRiskDays: -1 })).toThrow('临期提醒天数必须是非负整数');
    expect(() => status(null, '2021/10/27')).toThrow(CalendarInputError);
    expect(() => status('2021-11-31', '2021-10-27')).toThrow(CalendarInputError);
  });

  it('has a Chinese label for every status', () => {
    expect(Object.keys(DISCLOSURE_STATUS_LABELS).sort()).toEqual([
      'at_risk',
      'due',
      'late',
      'on_time',
      'overdue',
    ]);
  });
});

describe('onTimeRate', () => {
  const items = (...s: DisclosureStatus[]) => s.map((status) => ({ status }));

  it('counts published items only', () => {
    expect(onTimeRate(items('on_time', 'late', 'on_time', 'due', 'overdue', 'at_risk'))).toEqual({
      total: 3,
      onTime: 2,
      late: 1,
      rate: 2 / 3,
    });
  });

  it('gives 1 when every published item was on time', () => {
    expect(onTimeRate(items('on_time', 'on_time', 'overdue'))).toEqual({
      total: 2,
      onTime: 2,
      late: 0,
      rate: 1,
    });
  });

  it('gives no rate when nothing is published', () => {
    expect(onTimeRate([])).toEqual({ total: 0, onTime: 0, late: 0, rate: null });
    expect(onTimeRate(items('due', 'overdue'))).toEqual({ total: 0, onTime: 0, late: 0, rate: null });
  });

  it('takes disclosureStatus results directly', () => {
    const results = ['2021-11-01', '2021-11-02', null].map((publishedOn) =>
      disclosureStatus(cal, { formedOn: '2021-09-28', publishedOn, today: '2021-11-05' }),
    );
    expect(onTimeRate(results)).toMatchObject({ total: 2, onTime: 1, late: 1, rate: 0.5 });
  });
});
