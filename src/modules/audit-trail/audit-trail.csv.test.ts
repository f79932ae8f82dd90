import { describe, expect, it } from 'vitest';
import { csvCell, csvLine } from './audit-trail.csv.js';
import { auditFilterSchema, isIsoDate, toAuditFilter } from './audit-trail.schema.js';

describe('csvCell', () => {
  it('leaves plain text alone', () => {
    expect(csvCell('登录')).toBe('登录');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(null)).toBe('');
  });

  it('quotes commas, quotes and line breaks, doubling inner quotes', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line1\nline2')).toBe('"line1\nline2"');
    expect(csvCell(' padded ')).toBe('" padded "');
  });

  it('neutralises cells a spreadsheet would run as a formula', () => {
    expect(csvCell('=cmd|x')).toBe("'=cmd|x");
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('=HYPERLINK("x","y")')).toBe('"\'=HYPERLINK(""x"",""y"")"');
  });

  it('ends each line with CRLF', () => {
    expect(csvLine(['a', 1, null])).toBe('a,1,\r\n');
  });
});

describe('audit filter', () => {
  it('accepts only real calendar dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2024-5-1')).toBe(false);
  });

  it('turns inclusive Beijing days into a half-open UTC range', () => {
    const input = auditFilterSchema.parse({
      from: '2024-05-01',
      to: '2024-05-01',
      actor: ' 张 ',
      action: '',
    });
    expect(toAuditFilter(input)).toEqual({
      from: '2024-04-30T16:00:00.000Z',
      to: '2024-05-01T16:00:00.000Z',
      actor: '张',
      action: undefined,
      targetType: undefined,
      targetId: undefined,
    });
    expect(input.page).toBe(1);
  });
});
