import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareMethods,
  FeeInputError,
  MAX_PAGES,
  MAX_PIECES,
  pieceFee,
  pieceFeeInMonth,
  pieceRate,
  quoteFee,
  volumeFee,
} from './fee.rules.js';

// regulations.md B.3: every figure below is a worked example from there.
describe('pieceFee (109号第四条, per piece, cumulative per calendar month)', () => {
  it.each([
    ['P1: 8 pieces are free', 8, 0, 0],
    ['P3: 30 pieces', 30, 0, 2000],
    ['P4: 35 pieces', 35, 0, 3000],
    ['P5: 50 pieces', 50, 0, 7000],
    ['P6: 61 pieces', 61, 0, 11500],
  ])('%s', (_name, count, already, amount) => {
    expect(pieceFee(count, already).amount).toBe(amount);
  });

  it('P2: the 11th and 12th pieces cost 100 each, 200 in all', () => {
    expect(pieceFee(1, 10).amount).toBe(100);
    expect(pieceFee(1, 11).amount).toBe(100);
    expect(pieceFee(2, 10)).toEqual({
      amount: 200,
      breakdown: [{ from: 11, to: 12, units: 2, rate: 100, subtotal: 200, label: '第11—30件，每件100元' }],
    });
    expect(pieceFee(12).amount).toBe(200);
  });

  it('P4: explains 35 pieces bracket by bracket, free bracket included', () => {
    expect(pieceFee(35).breakdown).toEqual([
      { from: 1, to: 10, units: 10, rate: 0, subtotal: 0, label: '第1—10件，免费' },
      { from: 11, to: 30, units: 20, rate: 100, subtotal: 2000, label: '第11—30件，每件100元' },
      { from: 31, to: 35, units: 5, rate: 200, subtotal: 1000, label: '第31—40件，每件200元' },
    ]);
  });

  it('P6: the 61st piece alone costs 500', () => {
    expect(pieceRate(61)).toBe(500);
    expect(pieceFee(1, 60).amount).toBe(500);
    expect(pieceFee(61).breakdown.map((l) => [l.label, l.subtotal])).toEqual([
      ['第1—10件，免费', 0],
      ['第11—30件，每件100元', 2000],
      ['第31—40件，每件200元', 2000],
      ['第41—50件，每件300元', 3000],
      ['第51—60件，每件400元', 4000],
      ['第61—70件，每件500元', 500],
    ]);
  });

  it.each([
    [10, 0],
    [11, 100],
    [30, 100],
    [31, 200],
    [40, 200],
    [41, 300],
    [50, 300],
    [51, 400],
    [100, 800],
    [101, 900],
  ])('charges piece %i of the month %i 元', (n, rate) => {
    expect(pieceRate(n)).toBe(rate);
    expect(pieceFee(1, n - 1).amount).toBe(rate);
  });

  it.each([
    [10, 0],
    [11, 100],
    [30, 2000],
    [31, 2200],
    [40, 4000],
    [41, 4300],
  ])('totals %i pieces at %i 元', (count, amount) => {
    expect(pieceFee(count).amount).toBe(amount);
  });

  it('charges nothing for no pieces and leaves the breakdown empty', () => {
    expect(pieceFee(0)).toEqual({ amount: 0, breakdown: [] });
    expect(pieceFee(0, 50)).toEqual({ amount: 0, breakdown: [] });
  });

  it('follows 100 × (⌈(n − 30) / 10⌉ + 1) for every piece from 31 on', () => {
    for (let n = 31; n <= 1000; n++) expect(pieceRate(n)).toBe(100 * (Math.ceil((n - 30) / 10) + 1));
  });
});

describe('volumeFee (109号第五条, per volume, per application)', () => {
  it.each([
    ['V1', 30, 0],
    ['V2', 31, 10],
    ['V3', 100, 700],
    ['V4', 150, 1700],
    ['V5', 200, 2700],
    ['V6', 250, 4700],
    ['V7 (the 华商报 fee notice)', 2219, 83460],
  ])('%s: %i pages cost %i 元', (_name, pages, amount) => {
    expect(volumeFee(pages).amount).toBe(amount);
  });

  it.each([
    [0, 0],
    [1, 0],
    [101, 720],
    [201, 2740],
  ])('boundary: %i pages cost %i 元', (pages, amount) => {
    expect(volumeFee(pages).amount).toBe(amount);
  });

  it('V7: explains 2,219 pages bracket by bracket', () => {
    expect(volumeFee(2219).breakdown).toEqual([
      { from: 1, to: 30, units: 30, rate: 0, subtotal: 0, label: '第1—30页，免费' },
      { from: 31, to: 100, units: 70, rate: 10, subtotal: 700, label: '第31—100页，每页10元' },
      { from: 101, to: 200, units: 100, rate: 20, subtotal: 2000, label: '第101—200页，每页20元' },
      { from: 201, to: 2219, units: 2019, rate: 40, subtotal: 80760, label: '第201页及以上，每页40元' },
    ]);
  });

  it('matches the closed formula of regulations.md B.3', () => {
    const formula = (p: number) =>
      10 * Math.max(0, Math.min(p, 100) - 30) +
      20 * Math.max(0, Math.min(p, 200) - 100) +
      40 * Math.max(0, p - 200);
    fc.assert(fc.property(fc.integer({ min: 0, max: MAX_PAGES }), (p) => volumeFee(p).amount === formula(p)));
  });
});

describe('pieceFeeInMonth (monthly accumulation across applications)', () => {
  it('charges several applications in a month the same in total as one big count', () => {
    const sizes = [3, 8, 5, 20, 4, 1];
    const history: { date: string; pieces: number }[] = [];
    let total = 0;
    sizes.forEach((pieces, i) => {
      const date = `2026-03-${String(i + 2).padStart(2, '0')}`;
      total += pieceFeeInMonth(history, date, pieces).amount;
      history.push({ date, pieces });
    });
    expect(total).toBe(pieceFee(41).amount);
    expect(total).toBe(4300);
  });

  it('starts again at piece 1 in a new calendar month', () => {
    const history = [
      { date: '2026-01-31', pieces: 40 },
      { date: '2026-02', pieces: 5 },
    ];
    const q = pieceFeeInMonth(history, '2026-02-01', 6);
    expect(q).toMatchObject({ month: '2026-02', already: 5, amount: 100 });
    expect(pieceFeeInMonth(history, '2026-03-01', 6)).toMatchObject({ already: 0, amount: 0 });
  });

  it('refuses a malformed date or a bad history entry, naming it', () => {
    expect(() => pieceFeeInMonth([], '2026/02/01', 1)).toThrow(/日期/);
    expect(() => pieceFeeInMonth([{ date: '2026-13', pieces: 1 }], '2026-02-01', 1)).toThrow(/本月申请记录/);
    expect(() => pieceFeeInMonth([{ date: '2026-02', pieces: -1 }], '2026-02-01', 1)).toThrow(FeeInputError);
  });
});

describe('compareMethods (one method per application, 109号第三条)', () => {
  it('B.3: the 12th application of a month asking for 150 pages is 100 or 1,700 元, never 1,800', () => {
    const c = compareMethods({ count: 1, already: 11, pages: 150 });
    expect(c.piece.amount).toBe(100);
    expect(c.volume.amount).toBe(1700);
    expect(c.cheaper).toBe('piece');
    expect(c.ceiling).toBe(1700);
    expect(c.ceiling).not.toBe(c.piece.amount + c.volume.amount);
  });

  it('says which is cheaper either way, or that they are equal', () => {
    expect(compareMethods({ count: 1, already: 30, pages: 31 }).cheaper).toBe('volume');
    expect(compareMethods({ count: 5, pages: 30 }).cheaper).toBe('equal');
  });
});

describe('input checks', () => {
  it.each([
    [() => pieceFee(-1), 'count', '本次件数'],
    [() => pieceFee(1.5), 'count', '本次件数'],
    [() => pieceFee(Number.NaN), 'count', '本次件数'],
    [() => pieceFee(MAX_PIECES + 1), 'count', '本次件数'],
    [() => pieceFee(1, -1), 'already', '本月已计件数'],
    [() => pieceFee(60_000, 50_000), 'count', '本次件数'],
    [() => volumeFee(-1), 'pages', '页数'],
    [() => volumeFee(2.5), 'pages', '页数'],
    [() => volumeFee(MAX_PAGES + 1), 'pages', '页数'],
  ])('throws FeeInputError naming the parameter (%#)', (fn, field, label) => {
    try {
      fn();
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(FeeInputError);
      expect((e as FeeInputError).field).toBe(field);
      expect((e as FeeInputError).message.startsWith(`${label}：`)).toBe(true);
    }
  });

  it('accepts the maximums', () => {
    expect(pieceFee(MAX_PIECES).breakdown.reduce((s, l) => s + l.units, 0)).toBe(MAX_PIECES);
    expect(Number.isSafeInteger(pieceFee(MAX_PIECES).amount)).toBe(true);
    expect(volumeFee(MAX_PAGES).amount).toBe(2700 + 40 * (MAX_PAGES - 200));
  });
});

describe('properties', () => {
  const pieces = fc.integer({ min: 0, max: 2000 });

  it('a later application costs what the month total grows by: fee(c, k) = fee(k + c) − fee(k)', () => {
    fc.assert(
      fc.property(pieces, pieces, (count, already) => {
        expect(pieceFee(count, already).amount).toBe(
          pieceFee(already + count).amount - pieceFee(already).amount,
        );
      }),
    );
  });

  it('never falls when pieces, earlier pieces or pages grow', () => {
    fc.assert(
      fc.property(pieces, pieces, pieces, (count, already, extra) => {
        expect(pieceFee(count + extra, already).amount).toBeGreaterThanOrEqual(
          pieceFee(count, already).amount,
        );
        expect(pieceFee(count, already + extra).amount).toBeGreaterThanOrEqual(
          pieceFee(count, already).amount,
        );
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 1000 }), (p, extra) => {
        expect(volumeFee(p + extra).amount).toBeGreaterThanOrEqual(volumeFee(p).amount);
      }),
    );
  });

  it('breakdowns are contiguous, cover every unit once and add up to the amount', () => {
    fc.assert(
      fc.property(pieces, pieces, fc.integer({ min: 0, max: 100_000 }), (count, already, pages) => {
        for (const [q, first, n] of [
          [pieceFee(count, already), already + 1, count],
          [volumeFee(pages), 1, pages],
        ] as const) {
          expect(q.breakdown.reduce((s, l) => s + l.subtotal, 0)).toBe(q.amount);
          expect(q.breakdown.reduce((s, l) => s + l.units, 0)).toBe(n);
          let next = first;
          for (const l of q.breakdown) {
            expect(l.from).toBe(next);
            expect(l.units).toBe(l.to - l.from + 1);
            expect(l.subtotal).toBe(l.units * l.rate);
            next = l.to + 1;
          }
        }
      }),
    );
  });

  it('quoteFee dispatches on the method', () => {
    expect(quoteFee({ method: 'piece', count: 35, already: 0 }).amount).toBe(3000);
    expect(quoteFee({ method: 'volume', pages: 250 }).amount).toBe(4700);
  });
});
