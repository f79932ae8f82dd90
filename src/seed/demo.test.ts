import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSeedNotice } from './demo.js';

describe('parseSeedNotice', () => {
  const text = readFileSync(new URL('./2021-work-plan-notice.txt', import.meta.url), 'utf8');
  const n = parseSeedNotice(text);

  it('reads the title, source and Beijing publication time of the 2021 work-plan notice', () => {
    expect(n.title).toBe('市规划资源局关于印发2021年政务公开工作要点的通知');
    expect(n.source).toBe('天津市规划和自然资源局办公室');
    expect(n.publishedAt).toBe('2021-06-21T08:24:00.000Z');
  });

  it('keeps the whole work plan as the body and drops the page chrome', () => {
    expect(n.body.startsWith('局属各单位、机关各处室')).toBe(true);
    expect(n.body).toContain('六、围绕抓保障促落实深化政务公开');
    expect(n.body).not.toContain('附件下载');
    expect(n.body).not.toContain('头部背景图');
  });

  it('fails loudly on text that is not the notice', () => {
    expect(() => parseSeedNotice('nothing here')).toThrow();
  });
});
