/**
 * Number formatting shared by verdict reasons and terminal tables.
 */

/**
 * Three significant digits without trailing zeros: 0.03, 1.25, 4.13, 1250.
 * Non-finite values print as JavaScript names them (NaN, Infinity).
 */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return String(Number(value.toPrecision(3)));
}

/** A proportion as a whole percentage, e.g. 0.4902 -> "49%". */
export function formatPercent(value: number): string {
  if (!Number.isFinite(value)) return '-';
  return `${Math.round(value * 100)}%`;
}
