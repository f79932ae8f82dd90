import { describe, expect, it } from 'vitest';
import { CalendarInputError } from '../../platform/calendar/dates.js';
import { buildCalendarData } from '../../platform/calendar/engine.js';
import { OFFICIAL_YEARS } from '../../platform/calendar/official-data.js';
import {
  assessProject,
  calendarNote,
  type ProjectFacts,
  STAGE_KINDS,
  type StageKind,
  type StageRecord,
  type StageState,
} from './expropriation.rules.js';

const cal = buildCalendarData(OFFICIAL_YEARS);

const rec = (
  kind: StageKind,
  postedOn: string,
  endOn: string | null = null,
  hasDocument = true,
): StageRecord => ({
  kind,
  postedOn,
  endOn,
  hasDocument,
});

/** A project run by the book in 2026 (no hearing requested). Dates counted by hand below. */
const complete = (): StageRecord[] => [
  rec('pre_notice', '2026-03-02', '2026-03-16'), // 10 WD: 03-03..06 (4), 09..13 (9), 16 (10)
  rec('survey', '2026-03-20'),
  rec('compensation_plan', '2026-04-01', '2026-05-01'), // 30 days
  rec('registration', '2026-04-01', '2026-05-01'),
  rec('approval', '2026-06-10'),
  rec('expropriation_notice', '2026-06-15', '2026-06-30'),
];

const assess = (stages: StageRecord[], extra: Partial<ProjectFacts> = {}) =>
  assessProject(cal, { hearingRequested: false, stages, today: '2026-11-25', ...extra });

const stateOf = (r: ReturnType<typeof assess>, kind: StageKind) => r.stages.find((s) => s.kind === kind)!;
const states = (r: ReturnType<typeof assess>) =>
  Object.fromEntries(r.stages.map((s) => [s.kind, s.state])) as Record<StageKind, StageState>;

const replace = (stages: StageRecord[], r: StageRecord) => stages.map((s) => (s.kind === r.kind ? r : s));
const without = (stages: StageRecord[], kind: StageKind) => stages.filter((s) => s.kind !== kind);

describe('a complete project', () => {
  it('has every stage 已公开 and the hearing 不适用', () => {
    const r = assess(complete());
    expect(states(r)).toEqual({
      pre_notice: 'published',
      survey: 'published',
      compensation_plan: 'published',
      hearing: 'not_applicable',
      registration: 'published',
      approval: 'published',
      expropriation_notice: 'published',
    });
    expect(r.completeness).toBe('complete');
    expect(r.completenessName).toBe('环节齐全');
    expect(r.counts).toEqual({ published: 6, missing: 0, out_of_period: 0, not_applicable: 1, not_due: 0 });
    expect(stateOf(r, 'hearing').explanation.join('')).toContain('不适用');
    expect(stateOf(r, 'pre_notice').stateName).toBe('已公开');
  });

  it('cites the article for every stage', () => {
    const r = assess(complete());
    expect(r.stages.map((s) => s.kind)).toEqual([...STAGE_KINDS]);
    expect(stateOf(r, 'pre_notice').basis).toBe('《土地管理法实施条例》第二十六条');
    expect(stateOf(r, 'compensation_plan').basis).toContain('《土地管理法》第四十七条');
    expect(stateOf(r, 'expropriation_notice').basis).toBe('《土地管理法实施条例》第三十一条');
    for (const s of r.stages) expect(s.basis).toMatch(/^《土地管理法/);
  });
});

describe('预公告: 不少于十个工作日 (实施条例 第二十六条)', () => {
  // Posted Fri 2025-09-26 (day 0). 09-27 Sat off; 09-28 Sun 调休 = 1; 09-29 = 2; 09-30 = 3;
  // 10-01..10-08 国庆节、中秋节 off; 10-09 = 4; 10-10 = 5; 10-11 Sat 调休 = 6; 10-12 Sun off;
  // 10-13 = 7, 10-14 = 8, 10-15 = 9, 10-16 = 10.
  const national = (end: string | null) => [rec('pre_notice', '2025-09-26', end)];

  it('posted just before 国庆 2025: up to 10-15 is 9 WD, too short', () => {
    const s = stateOf(assess(national('2025-10-15')), 'pre_notice');
    expect(s.state).toBe('out_of_period');
    expect(s.stateName).toBe('期限不符');
    expect(s.count).toEqual({ value: 9, unit: '工作日' });
    expect(s.limitDate).toBe('2025-10-16');
    const text = s.explanation.join('');
    expect(text).toContain('共9个工作日');
    expect(text).toContain('少于法定10个工作日，应至少公告至2025-10-16');
    expect(text).toContain('跳过国庆节、中秋节假期 2025-10-01至2025-10-08（8天）');
    expect(text).toContain('跳过周末 2 天');
    expect(text).toContain('计入调休上班日 2025-09-28、2025-10-11');
  });

  it('posted just before 国庆 2025: up to 10-16 is exactly 10 WD', () => {
    const s = stateOf(assess(national('2025-10-16')), 'pre_notice');
    expect(s.state).toBe('published');
    expect(s.count).toEqual({ value: 10, unit: '工作日' });
    expect(s.explanation.join('')).toContain('满足不少于10个工作日的要求');
  });

  it('two calendar weeks over the holiday are only 5 WD', () => {
    const s = stateOf(assess(national('2025-10-10')), 'pre_notice');
    expect(s.state).toBe('out_of_period');
    expect(s.count?.value).toBe(5);
  });

  // Posted Tue 2026-02-10. 02-11 = 1, 02-12 = 2, 02-13 = 3, 02-14 Sat 调休 = 4; 02-15..02-23 春节 off;
  // 02-24 = 5, 25 = 6, 26 = 7, 27 = 8, 02-28 Sat 调休 = 9; 03-01 Sun off; 03-02 Mon = 10.
  it('posted before the 2026 Spring Festival: ends 03-01 → 9 WD; 03-02 → 10 WD', () => {
    const short = stateOf(assess([rec('pre_notice', '2026-02-10', '2026-03-01')]), 'pre_notice');
    expect(short.state).toBe('out_of_period');
    expect(short.count?.value).toBe(9);
    expect(short.limitDate).toBe('2026-03-02');
    expect(short.explanation.join('')).toContain('跳过春节假期 2026-02-15至2026-02-23（9天）');
    expect(short.explanation.join('')).toContain('计入调休上班日 2026-02-14、2026-02-28');
    const ok = stateOf(assess([rec('pre_notice', '2026-02-10', '2026-03-02')]), 'pre_notice');
    expect(ok.state).toBe('published');
    expect(ok.count?.value).toBe(10);
  });

  it('an ordinary fortnight: Mon 2026-11-02 to Mon 11-16 is 10 WD; to Fri 11-13 is 9', () => {
    expect(stateOf(assess([rec('pre_notice', '2026-11-02', '2026-11-16')]), 'pre_notice').state).toBe(
      'published',
    );
    expect(stateOf(assess([rec('pre_notice', '2026-11-02', '2026-11-13')]), 'pre_notice').state).toBe(
      'out_of_period',
    );
  });

  it('still posted (no end date): 公告中 until the 10th WD, counted to today', () => {
    const s = stateOf(assess([rec('pre_notice', '2026-11-20', null)], { today: '2026-11-25' }), 'pre_notice');
    // 11-23 Mon = 1, 11-24 = 2, 11-25 = 3.
    expect(s.state).toBe('published');
    expect(s.count?.value).toBe(3);
    expect(s.limitDate).toBe('2026-12-04');
    expect(s.explanation.join('')).toContain('公告中，应至少公告至2026-12-04');
  });

  it('an end date before the posting date is 期限不符', () => {
    const s = stateOf(assess([rec('pre_notice', '2026-11-20', '2026-11-10')]), 'pre_notice');
    expect(s.state).toBe('out_of_period');
    expect(s.explanation[0]).toContain('公告截止日期2026-11-10早于发布日期2026-11-20');
  });

  it('warns when the year has no official holiday data', () => {
    const s = stateOf(assess([rec('pre_notice', '2027-03-01', '2027-03-15')]), 'pre_notice');
    expect(s.explanation.join('')).toContain('2027年尚无官方节假日安排数据');
  });
});

describe('补偿安置方案公告: 至少三十日 (土地管理法 第四十七条)', () => {
  const plan = (posted: string, end: string | null) => [
    rec('pre_notice', '2026-08-03', '2026-08-17'),
    rec('survey', '2026-08-20'),
    rec('compensation_plan', posted, end),
  ];

  it('natural days, holidays included: 09-30 → 10-29 is 29 days, too short; → 10-30 is 30', () => {
    const short = stateOf(assess(plan('2026-09-30', '2026-10-29')), 'compensation_plan');
    expect(short.state).toBe('out_of_period');
    expect(short.count).toEqual({ value: 29, unit: '日' });
    expect(short.limitDate).toBe('2026-10-30');
    expect(short.explanation.join('')).toContain('少于法定30日，应至少公告至2026-10-30');
    const ok = stateOf(assess(plan('2026-09-30', '2026-10-30')), 'compensation_plan');
    expect(ok.state).toBe('published');
    expect(ok.count?.value).toBe(30);
  });

  it('across February: 2026-02-01 → 03-03 is 30 days', () => {
    expect(stateOf(assess(plan('2026-02-01', '2026-03-03')), 'compensation_plan').count?.value).toBe(30);
  });

  it('still posted: 公告中 until day 30', () => {
    const s = stateOf(assess(plan('2026-11-20', null), { today: '2026-11-25' }), 'compensation_plan');
    expect(s.state).toBe('published');
    expect(s.count?.value).toBe(5);
    expect(s.explanation.join('')).toContain('公告中，应至少公告至2026-12-20');
  });
});

describe('征收土地公告: 收到批准文件之日起十五个工作日内 (实施条例 第三十一条)', () => {
  // Approval received Mon 2026-09-28. 09-29 = 1, 09-30 = 2; 10-01..10-07 国庆 off; 10-08 = 3, 10-09 = 4,
  // 10-10 Sat 调休 = 5; 10-12..16 = 6–10; 10-19..23 = 11–15. Limit Fri 2026-10-23.
  const withNotice = (posted: string) =>
    replace(replace(complete(), rec('approval', '2026-09-28')), rec('expropriation_notice', posted));

  it('on the 15th WD (10-23) is in time', () => {
    const s = stateOf(assess(withNotice('2026-10-23')), 'expropriation_notice');
    expect(s.state).toBe('published');
    expect(s.count).toEqual({ value: 15, unit: '工作日' });
    expect(s.limitDate).toBe('2026-10-23');
    expect(s.explanation.join('')).toContain('跳过国庆节假期 2026-10-01至2026-10-07（7天）');
    expect(s.explanation.join('')).toContain('计入调休上班日 2026-10-10');
  });

  it('on the 16th WD (10-26) is too late', () => {
    const s = stateOf(assess(withNotice('2026-10-26')), 'expropriation_notice');
    expect(s.state).toBe('out_of_period');
    expect(s.count?.value).toBe(16);
    expect(s.explanation[0]).toContain('超过15个工作日，最迟应于2026-10-23发布');
  });

  it('on the day of approval counts 0 and is in time', () => {
    const s = stateOf(assess(withNotice('2026-09-28')), 'expropriation_notice');
    expect(s.state).toBe('published');
    expect(s.count?.value).toBe(0);
  });

  it('before the approval is 期限不符', () => {
    const s = stateOf(assess(withNotice('2026-09-25')), 'expropriation_notice');
    expect(s.state).toBe('out_of_period');
    expect(s.explanation[0]).toContain('早于收到批准文件之日2026-09-28');
  });

  // Approval received Thu 2026-02-12. 02-13 = 1, 02-14 Sat 调休 = 2; 02-15..23 春节 off; 02-24..27 = 3–6;
  // 02-28 Sat 调休 = 7; 03-02..06 = 8–12; 03-09..11 = 13–15. Limit Wed 2026-03-11.
  const awaiting = (today: string) =>
    assess(
      [
        rec('pre_notice', '2025-11-03', '2025-11-17'),
        rec('survey', '2025-11-20'),
        rec('compensation_plan', '2025-12-01', '2025-12-31'),
        rec('registration', '2025-12-01', '2025-12-31'),
        rec('approval', '2026-02-12'),
      ],
      { today },
    );

  it('not yet published: 未到 up to the 15th WD (Spring Festival 2026), 缺失 the day after', () => {
    const due = stateOf(awaiting('2026-03-11'), 'expropriation_notice');
    expect(due.state).toBe('not_due');
    expect(due.limitDate).toBe('2026-03-11');
    expect(due.explanation.join('')).toContain('还有0个工作日');
    expect(due.explanation.join('')).toContain('跳过春节假期');
    const early = stateOf(awaiting('2026-03-09'), 'expropriation_notice');
    expect(early.explanation.join('')).toContain('还有2个工作日');
    const late = stateOf(awaiting('2026-03-12'), 'expropriation_notice');
    expect(late.state).toBe('missing');
    expect(late.explanation.join('')).toContain('已超过期限1个工作日');
    expect(awaiting('2026-03-12').completeness).toBe('issues');
    expect(awaiting('2026-03-11').completeness).toBe('in_progress');
  });

  it('without a recorded approval the notice cannot be checked and the approval is 缺失', () => {
    const r = assess(without(complete(), 'approval'));
    expect(stateOf(r, 'expropriation_notice').state).toBe('published');
    expect(stateOf(r, 'expropriation_notice').explanation.join('')).toContain('无法核对');
    expect(stateOf(r, 'approval').state).toBe('missing');
    expect(stateOf(r, 'approval').explanation.join('')).toContain('征收土地公告');
  });
});

describe('missing stages', () => {
  it('a skipped 现状调查结果 is 缺失 once the plan is out', () => {
    const r = assess(without(complete(), 'survey'));
    expect(stateOf(r, 'survey').state).toBe('missing');
    expect(stateOf(r, 'survey').explanation[0]).toContain('征地补偿安置方案公告');
    expect(r.completeness).toBe('issues');
  });

  it('a missing 预公告 is 缺失 when any later stage exists, 未到 when none does', () => {
    expect(stateOf(assess(without(complete(), 'pre_notice')), 'pre_notice').state).toBe('missing');
    const empty = assess([]);
    expect(empty.stages.every((s) => s.state === 'not_due' || s.state === 'not_applicable')).toBe(true);
    expect(empty.completeness).toBe('in_progress');
    expect(stateOf(empty, 'pre_notice').explanation).toEqual(['尚未开展。']);
  });

  it('a missing 补偿登记 is 缺失 once approved; 未到 while the plan is still posted', () => {
    expect(stateOf(assess(without(complete(), 'registration')), 'registration').state).toBe('missing');
    const early = complete().slice(0, 3);
    expect(stateOf(assess(early), 'registration').state).toBe('not_due');
  });

  it('a recorded stage without a linked published document is 缺失', () => {
    const r = assess(replace(complete(), rec('survey', '2026-03-20', null, false)));
    const s = stateOf(r, 'survey');
    expect(s.state).toBe('missing');
    expect(s.explanation.join('')).toContain('未关联“征地信息”栏目中已公开的文件');
  });

  it('period problems outrank a missing document', () => {
    const r = assess(replace(complete(), rec('pre_notice', '2026-03-02', '2026-03-13', false)));
    expect(stateOf(r, 'pre_notice').state).toBe('out_of_period');
  });
});

describe('听证 (土地管理法 第四十七条)', () => {
  it('not requested: 不适用', () => {
    expect(stateOf(assess(complete()), 'hearing').state).toBe('not_applicable');
  });

  it('requested and held after the plan was posted: 已公开', () => {
    const r = assess([...complete(), rec('hearing', '2026-05-10')], { hearingRequested: true });
    expect(stateOf(r, 'hearing').state).toBe('published');
    expect(r.completeness).toBe('complete');
  });

  it('requested but not held while the project went on to approval: 缺失', () => {
    const r = assess(complete(), { hearingRequested: true });
    expect(stateOf(r, 'hearing').state).toBe('missing');
    expect(stateOf(r, 'hearing').explanation[0]).toContain('征地批准文件');
  });

  it('requested, plan still posted: 未到', () => {
    const r = assess(complete().slice(0, 3), { hearingRequested: true });
    expect(stateOf(r, 'hearing').state).toBe('not_due');
  });

  it('held without a recorded request is still shown as published', () => {
    const r = assess([...complete(), rec('hearing', '2026-05-10')]);
    expect(stateOf(r, 'hearing').state).toBe('published');
    expect(stateOf(r, 'hearing').explanation.join('')).toContain('未登记听证申请');
  });

  it('held before the plan was posted: 期限不符', () => {
    const r = assess([...complete(), rec('hearing', '2026-03-25')], { hearingRequested: true });
    expect(stateOf(r, 'hearing').state).toBe('out_of_period');
    expect(stateOf(r, 'hearing').explanation[0]).toContain('环节顺序不符');
  });
});

describe('order of stages', () => {
  it('a survey result published before the 预公告 is 期限不符', () => {
    const s = stateOf(assess(replace(complete(), rec('survey', '2026-02-27'))), 'survey');
    expect(s.state).toBe('out_of_period');
    expect(s.explanation[0]).toBe('环节顺序不符：公开日期2026-02-27早于征收土地预公告的发布日期2026-03-02。');
  });

  it('a plan posted before the survey results is 期限不符', () => {
    const s = stateOf(
      assess(replace(complete(), rec('compensation_plan', '2026-03-18', '2026-04-30'))),
      'compensation_plan',
    );
    expect(s.state).toBe('out_of_period');
    expect(s.explanation.join('')).toContain('早于土地现状调查结果');
  });

  it('registration opening before the plan is 期限不符', () => {
    const s = stateOf(assess(replace(complete(), rec('registration', '2026-03-31'))), 'registration');
    expect(s.state).toBe('out_of_period');
  });

  it('an approval before the plan had been posted 30 days is 期限不符', () => {
    // Plan posted 2026-04-01: day 30 is 2026-05-01; an approval on 04-30 came too early.
    const r = assess(replace(complete(), rec('approval', '2026-04-30')));
    const s = stateOf(r, 'approval');
    expect(s.state).toBe('out_of_period');
    expect(s.explanation.join('')).toContain('早于补偿安置方案公告满30日之日2026-05-01');
    expect(stateOf(assess(replace(complete(), rec('approval', '2026-05-01'))), 'approval').state).toBe(
      'published',
    );
  });

  it('an approval before the 预公告 names the stage it precedes', () => {
    const r = assess(replace(complete(), rec('approval', '2026-01-05')));
    const text = stateOf(r, 'approval').explanation.join('');
    expect(text).toContain('早于征收土地预公告');
    expect(text).toContain('早于征地补偿安置方案公告');
    expect(text).toContain('早于补偿登记');
  });
});

describe('same-day counting (ADR 0005 setting CALENDAR_START_COUNTING=same-day)', () => {
  const same = { startCounting: 'same-day' as const };

  it('预公告: a working posting day is day 1, so Fri 2025-09-26 to 10-15 makes 10 WD', () => {
    // 09-26 = 1, 09-28 Sun 调休 = 2, 09-29 = 3, 09-30 = 4, 10-09 = 5, 10-10 = 6, 10-11 Sat 调休 = 7,
    // 10-13 = 8, 10-14 = 9, 10-15 = 10.
    const s = stateOf(assess([rec('pre_notice', '2025-09-26', '2025-10-15')], same), 'pre_notice');
    expect(s.state).toBe('published');
    expect(s.count?.value).toBe(10);
    expect(s.limitDate).toBe('2025-10-15');
    expect(s.explanation[0]).toContain('当日为工作日的计为第1个工作日');
  });

  it('预公告 posted on a holiday: the holiday is not counted', () => {
    // Posted Fri 2025-10-03 (国庆): 10-09 = 1, 10-10 = 2, 10-11 = 3, 10-13..17 = 4–8, 10-20 = 9, 10-21 = 10.
    const s = stateOf(assess([rec('pre_notice', '2025-10-03', '2025-10-20')], same), 'pre_notice');
    expect(s.state).toBe('out_of_period');
    expect(s.count?.value).toBe(9);
    expect(s.limitDate).toBe('2025-10-21');
  });

  it('补偿安置方案公告: the posting day is day 1, so 09-30 → 10-29 is 30 days', () => {
    const r = assess(
      [
        rec('pre_notice', '2026-08-03', '2026-08-17'),
        rec('survey', '2026-08-20'),
        rec('compensation_plan', '2026-09-30', '2026-10-29'),
      ],
      same,
    );
    expect(stateOf(r, 'compensation_plan')).toMatchObject({
      state: 'published',
      count: { value: 30, unit: '日' },
      limitDate: '2026-10-29',
    });
  });

  it('征收土地公告: approval on Mon 2026-09-28 is day 1, so the 15th WD is 10-22', () => {
    const stages = replace(
      replace(complete(), rec('approval', '2026-09-28')),
      rec('expropriation_notice', '2026-10-23'),
    );
    const s = stateOf(assess(stages, same), 'expropriation_notice');
    expect(s.state).toBe('out_of_period');
    expect(s.count?.value).toBe(16);
    expect(s.limitDate).toBe('2026-10-22');
  });

  it('rejects an unknown counting mode', () => {
    expect(() => assess([], { startCounting: 'whenever' as 'same-day' })).toThrow(/起算方式无效/);
  });
});

describe('input checks', () => {
  it('rejects bad dates, unknown and duplicate stages', () => {
    expect(() => assess([rec('pre_notice', '2026-02-30')])).toThrow(CalendarInputError);
    expect(() => assess([rec('pre_notice', '2026-02-01', 'soon')])).toThrow(/公告截止日期/);
    expect(() => assess([rec('x' as StageKind, '2026-02-01')])).toThrow(/未知的环节/);
    expect(() => assess([rec('survey', '2026-02-01'), rec('survey', '2026-02-02')])).toThrow(/环节重复/);
    expect(() => assess([], { today: '' })).toThrow(/今日/);
  });
});

describe('calendarNote', () => {
  it('says nothing for an ordinary span and names single days', () => {
    expect(calendarNote([], [])).toBeNull();
    expect(
      calendarNote(
        [
          {
            date: '2026-01-01',
            workday: false,
            reason: 'holiday',
            holiday: '元旦',
            label: '',
            covered: true,
          },
        ],
        [],
      ),
    ).toBe('跳过元旦假期 2026-01-01（1天）。');
  });
});
