import { describe, expect, test } from "vitest";
import { FIRST_WINDOW, firstWindow, gridWindow, sameWindow } from "../src/lib/grid-window.js";

// The item grid renders only the rows around the screen; padding stands in for the others, so
// the grid is as tall as if every tile were there (issue 7, P3).
const g = { columns: 5, rowPitch: 140, rowGap: 12 };

describe("item grid window", () => {
  test("before measuring: the first tiles, no padding", () => {
    expect(firstWindow(5000)).toEqual({ start: 0, end: FIRST_WINDOW, padTop: 0, padBottom: 0 });
    expect(firstWindow(12)).toEqual({ start: 0, end: 12, padTop: 0, padBottom: 0 });
  });

  test("at the top: the screen and one more screenful, whole rows; padding for the rest", () => {
    // 560 px shows 4 rows (+1 partly): 5 screen rows, rendered rows 0..10.
    const w = gridWindow(5000, g, 0, 560);
    expect(w).toEqual({ start: 0, end: 50, padTop: 0, padBottom: (1000 - 10) * 140 });
  });

  test("scrolled: one screenful above too, and the whole grid keeps its height", () => {
    const rows = 1000;
    const w = gridWindow(5000, g, 100 * 140 + 30, 560);
    expect(w.start).toBe((100 - 5) * 5);
    expect(w.end).toBe((100 + 10) * 5);
    // Rendered rows (height + gap each, less the last gap) plus the padding: the full grid's height.
    const renderedRows = (w.end - w.start) / 5;
    expect(w.padTop + renderedRows * 140 - 12 + w.padBottom).toBe(rows * 140 - 12);
  });

  test("at the end: the last row, however full, and no padding below", () => {
    const w = gridWindow(5003, g, 1_000_000, 560);
    expect(w.end).toBe(5003);
    expect(w.padBottom).toBe(0);
    expect(w.start % 5).toBe(0);
  });

  test("a small catalog is rendered whole; an empty one renders nothing", () => {
    expect(gridWindow(12, g, 0, 560)).toEqual({ start: 0, end: 12, padTop: 0, padBottom: 0 });
    expect(gridWindow(0, g, 0, 560)).toEqual({ start: 0, end: 0, padTop: 0, padBottom: 0 });
  });

  test("nonsense measurements still give a usable window", () => {
    expect(gridWindow(30, { columns: 0, rowPitch: 0, rowGap: 0 }, -50, -1).start).toBe(0);
    expect(sameWindow(gridWindow(5000, g, 10, 560), gridWindow(5000, g, 20, 560))).toBe(true);
  });
});
