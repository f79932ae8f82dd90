import { describe, expect, it } from 'vitest';
import { MANY_IN_30_DAYS, normaliseRequest, repeatFlags, similarity } from './repeat.rules.js';

const earlier = (id: number, subject: string, receivedOn = '2026-11-02', extra = {}) => ({
  id,
  trackingCode: `T${id}`,
  subject,
  receivedOn,
  status: 'replied',
  replyType: 'disclosed',
  ...extra,
});

describe('similarity of requests', () => {
  it('folds width, case, spaces and punctuation before comparing', () => {
    expect(normaliseRequest({ subject: '某地块，出让合同（２０２１）', docNumber: 'ＡＢ〔2021〕1号' })).toBe(
      '某地块出让合同2021ab20211号',
    );
    expect(similarity({ subject: '某地块出让合同' }, { subject: '某地块 出让合同。' })).toBe(1);
  });
  it('scores near-duplicates high and different requests low', () => {
    expect(
      similarity(
        { subject: '和平区某地块国有建设用地使用权出让合同' },
        { subject: '和平区某地块的国有建设用地使用权出让合同' },
      ),
    ).toBeGreaterThanOrEqual(0.6);
    expect(similarity({ subject: '和平区某地块出让合同' }, { subject: '河西区2023年部门预算' })).toBeLessThan(
      0.2,
    );
    expect(similarity({ subject: '' }, { subject: '' })).toBe(1);
    expect(similarity({ subject: '征地' }, { subject: '测绘' })).toBe(0);
  });
});

describe('repeatFlags', () => {
  it('separates identical repeats from near-duplicates and counts the last 30 days', () => {
    const flags = repeatFlags(
      { subject: '和平区某地块国有建设用地使用权出让合同', receivedOn: '2026-11-20' },
      [
        earlier(1, '和平区某地块国有建设用地使用权出让合同。'),
        earlier(2, '和平区某地块的国有建设用地使用权出让合同'),
        earlier(3, '河西区2023年部门预算', '2026-09-01'),
      ],
      '2026-10-21',
    );
    expect(flags.identical.map((e) => e.id)).toEqual([1]);
    expect(flags.similar.map((e) => e.id)).toEqual([2]);
    expect(flags.recentCount).toBe(3);
    expect(flags.many).toBe(false);
  });
  it('flags more than the reasonable number in 30 days for a judgement under 第三十五条', () => {
    const many = Array.from({ length: MANY_IN_30_DAYS }, (_, i) => earlier(i + 1, `第${i}号地块规划条件`));
    expect(repeatFlags({ subject: '另一地块', receivedOn: '2026-11-20' }, many, '2026-10-21').many).toBe(
      true,
    );
    expect(
      repeatFlags({ subject: '另一地块', receivedOn: '2026-11-20' }, many.slice(1), '2026-10-21').many,
    ).toBe(false);
  });
});
