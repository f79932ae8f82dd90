import { describe, expect, it } from 'vitest';
import { pageWindow } from './catalogue.views.js';

describe('pageWindow', () => {
  it('shows every page when there are few', () => {
    expect(pageWindow(1, 1)).toEqual([1]);
    expect(pageWindow(2, 5)).toEqual([1, 2, 3, 4, 5]);
  });

  it('keeps the first and last page and two either side of the current one, with gaps between', () => {
    expect(pageWindow(1, 10)).toEqual([1, 2, 3, null, 10]);
    expect(pageWindow(5, 10)).toEqual([1, null, 3, 4, 5, 6, 7, null, 10]);
    expect(pageWindow(4, 10)).toEqual([1, 2, 3, 4, 5, 6, null, 10]);
    expect(pageWindow(10, 10)).toEqual([1, null, 8, 9, 10]);
  });

  it('never puts two gap markers side by side', () => {
    const w = pageWindow(6, 12);
    for (let i = 1; i < w.length; i += 1) expect(w[i] === null && w[i - 1] === null).toBe(false);
  });
});
