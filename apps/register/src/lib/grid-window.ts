/**
 * Which item tiles the grid puts in the page. A store's catalog can hold thousands of items; laying
 * out (and re-measuring) a tile for each would cost seconds at every start (issue 7, P3). The grid
 * renders only the rows around what is on screen, and padding above and below stands in for the
 * rest, so the scroll height, the scrollbar and the page count stay those of the whole grid.
 */

/** How the grid is laid out, as measured in the page. All tiles of a grid have the same height. */
export interface GridGeometry {
  readonly columns: number;
  /** One tile's height plus the gap between rows (px). */
  readonly rowPitch: number;
  /** The gap between rows (px). */
  readonly rowGap: number;
}

/** A slice of the items to render: `start` (inclusive) to `end` (exclusive), and the padding standing in for the rest. */
export interface GridWindow {
  readonly start: number;
  readonly end: number;
  readonly padTop: number;
  readonly padBottom: number;
}

/** Tiles rendered before the grid has been measured: more than a large screen shows. */
export const FIRST_WINDOW = 60;

/** Before any measurement: the first tiles only, no padding (the grid is measured right after). */
export function firstWindow(count: number): GridWindow {
  return { start: 0, end: Math.min(count, FIRST_WINDOW), padTop: 0, padBottom: 0 };
}

/**
 * The rows visible in a viewport of `viewHeight` px scrolled to `scrollTop` (px from the grid's
 * top), plus one screenful above and below so a swipe or a page turn never shows blank space.
 */
export function gridWindow(count: number, g: GridGeometry, scrollTop: number, viewHeight: number): GridWindow {
  const columns = Math.max(1, Math.floor(g.columns));
  const pitch = Math.max(1, g.rowPitch);
  const rows = Math.ceil(count / columns);
  const screenRows = Math.ceil(Math.max(0, viewHeight) / pitch) + 1;
  const firstVisible = Math.max(0, Math.floor(Math.max(0, scrollTop) / pitch));
  const startRow = Math.min(rows, Math.max(0, firstVisible - screenRows));
  const endRow = Math.min(rows, Math.max(startRow, firstVisible + 2 * screenRows));
  return {
    start: startRow * columns,
    end: Math.min(count, endRow * columns),
    padTop: startRow * pitch,
    // The last rendered row is followed by the gap only if rows follow it.
    padBottom: endRow < rows ? (rows - endRow) * pitch : 0,
  };
}

export function sameWindow(a: GridWindow, b: GridWindow): boolean {
  return a.start === b.start && a.end === b.end && a.padTop === b.padTop && a.padBottom === b.padBottom;
}
