import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CAP_CSS,
  heightCapCss,
  MAX_CANVAS_AREA,
  MAX_CANVAS_SIDE,
  maxFrames,
  placeFrame,
  stitchLimit,
  toRows,
} from './plan';

/** Run the stitching loop the background runs, over a page that scrolls like a browser. */
function simulate(pageHeight: number, view: number, scale: number, cap = DEFAULT_CAP_CSS) {
  const { limit, capped } = stitchLimit(pageHeight, cap);
  const maxScroll = Math.max(0, pageHeight - view);
  const rows: Array<{ sy: number; dy: number; h: number }> = [];
  let covered = 0;
  let nextRow = 0;
  for (let i = 0; i < maxFrames(cap, view) && covered < limit; i++) {
    const scrollY = Math.min(covered, maxScroll); // the browser clamps the scroll
    const p = placeFrame(covered, scrollY, view, limit);
    if (!p) break;
    const r = toRows(p, scale, Math.round(view * scale), nextRow, covered);
    rows.push(r);
    nextRow = r.dy + r.h;
    covered = p.destY + p.height;
  }
  return { rows, covered, capped };
}

describe('full-page stitching geometry', () => {
  it('covers a 10,000 px page with 800 px frames without gaps or overlaps', () => {
    const { rows, covered } = simulate(10_000, 800, 1);
    expect(covered).toBe(10_000);
    expect(rows).toHaveLength(13);
    let next = 0;
    for (const r of rows) {
      expect(r.dy).toBe(next);
      next = r.dy + r.h;
    }
    expect(next).toBe(10_000);
    // The last frame was clamped to the bottom: only its lower 400 px are new.
    expect(rows.at(-1)).toEqual({ sy: 400, dy: 9_600, h: 400 });
  });

  it('keeps rows contiguous at fractional device pixel ratios', () => {
    for (const scale of [1.25, 1.5, 2, 2.75]) {
      const { rows } = simulate(7_777, 633, scale);
      let next = 0;
      for (const r of rows) {
        expect(r.dy).toBe(next);
        expect(r.sy + r.h).toBeLessThanOrEqual(Math.round(633 * scale));
        next = r.dy + r.h;
      }
      expect(Math.abs(next - Math.round(7_777 * scale))).toBeLessThanOrEqual(1);
    }
  });

  it('takes one frame for a page that fits the window', () => {
    const { rows, covered } = simulate(500, 800, 1);
    expect(rows).toEqual([{ sy: 0, dy: 0, h: 500 }]);
    expect(covered).toBe(500);
  });

  it('cuts a page taller than the cap at the cap and says so', () => {
    const { covered, capped } = simulate(40_000, 800, 1);
    expect(capped).toBe(true);
    expect(covered).toBe(DEFAULT_CAP_CSS);
    expect(stitchLimit(16_000, DEFAULT_CAP_CSS)).toEqual({ limit: 16_000, capped: false });
  });

  it('keeps a part in its true place when the page jumped past some rows', () => {
    // Covered to 800, but the page snapped to 900: rows 800-899 stay empty, nothing shifts up.
    const p = placeFrame(800, 900, 800, 10_000)!;
    expect(p).toEqual({ srcY: 0, destY: 900, height: 800 });
    expect(toRows(p, 1, 800, 800, 800)).toEqual({ sy: 0, dy: 900, h: 800 });
    expect(toRows(p, 2, 1600, 1600, 800)).toEqual({ sy: 0, dy: 1800, h: 1600 });
  });

  it('adds nothing for a frame that did not scroll further', () => {
    expect(placeFrame(800, 0, 800, 10_000)).toBeNull();
    expect(placeFrame(800, 700, 800, 10_000)).toEqual({ srcY: 100, destY: 800, height: 700 });
  });

  it('keeps the banded image inside Chromium’s canvas limits', () => {
    expect(heightCapCss(1, 1280)).toBe(DEFAULT_CAP_CSS);
    for (const [scale, width] of [
      [2, 2560],
      [3, 3840],
      [4, 16_000],
    ] as const) {
      const cap = heightCapCss(scale, width);
      const rows = Math.round(cap * scale) + 1_024;
      expect(rows).toBeLessThanOrEqual(MAX_CANVAS_SIDE);
      expect(rows * width).toBeLessThanOrEqual(MAX_CANVAS_AREA);
    }
    expect(heightCapCss(2, 2560)).toBeLessThan(DEFAULT_CAP_CSS);
  });
});
