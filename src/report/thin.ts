/**
 * How much of a large sweep the report draws. A sweep of hundreds of runs
 * would otherwise give a page nobody can read and a file of many megabytes;
 * every limit below is announced on the page next to what it limits.
 */

/** Trajectory points drawn per run; the article's runs log 101. */
export const POINTS_PER_RUN = 101;
/** Runs whose trajectories are drawn as lines; beyond it lines drown. */
export const MAX_TRAJECTORY_RUNS = 60;
/** Histogram panels per page of the small multiples (five columns). */
export const PANELS_PER_PAGE = 30;
/** Histogram panels in all pages together. */
export const MAX_PANELS = 300;
/** Rows of the runs table. */
export const MAX_TABLE_ROWS = 1000;

/** Some of a list, and how many there were. */
export interface Selection<T> {
  shown: T[];
  total: number;
}

/**
 * At most `limit` items, evenly spaced over the list (first and last
 * included), so every part of a sweep ordered by group and seed is seen.
 */
export function pickEvenly<T>(
  items: readonly T[],
  limit: number,
): Selection<T> {
  if (items.length <= limit) return { shown: [...items], total: items.length };
  if (limit <= 1) return { shown: items.slice(0, limit), total: items.length };

  const step = (items.length - 1) / (limit - 1);
  const shown = Array.from(
    { length: limit },
    (_, i) => items[Math.round(i * step)]!,
  );
  return { shown, total: items.length };
}

/** Splits items into pages of `size`, numbered from 1. */
export function pageOf(index: number, size: number = PANELS_PER_PAGE): number {
  return Math.floor(index / size) + 1;
}

/** "Showing 60 of 300 runs" when some are left out, or null. */
export function selectionNote<T>(
  selection: Selection<T>,
  what: string,
  how: string,
): string | null {
  if (selection.shown.length === selection.total) return null;
  return `Showing ${selection.shown.length} of ${selection.total} ${what} (${how}).`;
}

/** Rounds to `digits` significant digits to keep the inlined data small. */
export function round(value: number, digits = 4): number | null {
  if (!Number.isFinite(value)) return null;
  if (value === 0) return 0;
  return Number(value.toPrecision(digits));
}
