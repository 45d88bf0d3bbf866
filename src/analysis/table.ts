/**
 * The groups of a summary as a plain-text table for the terminal.
 */
import { formatNumber, formatPercent } from './format.js';
import type { GroupSummary, Summary } from './summary.js';

interface Column {
  header: string;
  /** Numbers read better right-aligned, labels left-aligned. */
  align: 'left' | 'right';
  cell: (group: GroupSummary) => string;
}

const COLUMNS: Column[] = [
  { header: 'group', align: 'left', cell: (g) => g.group },
  { header: 'runs', align: 'right', cell: (g) => String(g.runs) },
  { header: 'healthy', align: 'right', cell: (g) => count(g, 'healthy') },
  { header: 'collapsed', align: 'right', cell: (g) => count(g, 'collapsed') },
  { header: 'drifted', align: 'right', cell: (g) => count(g, 'drifted') },
  { header: 'misshapen', align: 'right', cell: (g) => count(g, 'misshapen') },
  { header: 'diverged', align: 'right', cell: (g) => count(g, 'diverged') },
  { header: 'failed', align: 'right', cell: (g) => count(g, 'failed') },
  { header: 'healthy rate (95% CI)', align: 'right', cell: rateCell },
  { header: 'median W1 [IQR]', align: 'right', cell: distanceCell },
  { header: 'p vs baseline', align: 'right', cell: comparisonCell },
];

/**
 * One header line, a rule, and one line per group, columns padded to fit.
 * The baseline group says "baseline" in the comparison column. Notes of the
 * summary (e.g. a missing baseline) follow the table.
 */
export function formatGroupsTable(summary: Summary): string {
  const rows = summary.groups.map((g) => COLUMNS.map((c) => c.cell(g)));
  const headers = COLUMNS.map((c) => c.header);
  const widths = COLUMNS.map((_, i) =>
    Math.max(headers[i].length, ...rows.map((row) => row[i].length)),
  );

  const line = (cells: string[]): string =>
    cells
      .map((cell, i) =>
        COLUMNS[i].align === 'left'
          ? cell.padEnd(widths[i])
          : cell.padStart(widths[i]),
      )
      .join('  ')
      .trimEnd();

  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const lines = [line(headers), rule, ...rows.map(line)];
  for (const note of summary.notes) lines.push(`note: ${note}`);
  return `${lines.join('\n')}\n`;
}

function count(group: GroupSummary, outcome: keyof GroupSummary['outcomes']) {
  return String(group.outcomes[outcome]);
}

function rateCell(group: GroupSummary): string {
  const { rate, low, high } = group.healthyRate;
  if (rate === null) return '-';
  const interval = `${Math.round(low * 100)}-${formatPercent(high)}`;
  return `${formatPercent(rate)} (${interval})`;
}

function distanceCell(group: GroupSummary): string {
  const spread = group.wasserstein1;
  if (spread === null) return '-';
  return `${formatNumber(spread.median)} [${formatNumber(spread.q25)}-${formatNumber(spread.q75)}]`;
}

/** p-value with the sign of the rate difference, e.g. "0.01 (+40%)". */
function comparisonCell(group: GroupSummary): string {
  if (group.isBaseline) return 'baseline';
  const comparison = group.comparison;
  if (comparison === null) return '-';

  const difference = Math.round(comparison.rateDifference * 100);
  const signed = difference > 0 ? `+${difference}` : String(difference);
  return `${formatPValue(comparison.pValue)} (${signed}%)`;
}

function formatPValue(p: number): string {
  if (p < 0.001) return '<0.001';
  return p.toFixed(3);
}
