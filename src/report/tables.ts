/**
 * The report's two HTML tables: the comparison against the baseline group,
 * and every run with its outcome, reason and final statistics.
 */
import type { GroupSummary } from '../analysis/index.js';
import type { ReportRun } from './model.js';
import { OUTCOME_COLOURS } from './palette.js';
import { escapeHtml as h } from './escape.js';

/** Group, healthy k/n, rate with interval, difference and Fisher's p. */
export function comparisonTable(rows: GroupSummary[]): string {
  const body = rows.map((row) => {
    const { rate, low, high } = row.healthyRate;
    const cells = [
      `${h(row.group)}${row.isBaseline ? ' <span class="tag">baseline</span>' : ''}`,
      `${row.healthy}/${row.runs}`,
      `${rate === null ? '—' : percent(rate)} <span class="muted">(${percent(low)}–${percent(high)})</span>`,
      row.comparison ? signedPoints(row.comparison.rateDifference) : '—',
      row.comparison ? formatP(row.comparison.pValue) : '—',
    ];
    return `<tr>${cells.map((cell) => `<td>${cell}</td>`).join('')}</tr>`;
  });

  return table(
    ['group', 'healthy', 'rate (95% interval)', 'difference', 'Fisher p'],
    body,
    'comparison',
  );
}

/** One row per run; `showGroup` adds the group column when there are several. */
export function runsTable(runs: ReportRun[], showGroup: boolean): string {
  const headings = [
    ...(showGroup ? ['group'] : []),
    'seed',
    'outcome',
    'why',
    'mean',
    'std',
    'W1',
    'KS',
    'time (s)',
  ];
  const body = runs.map((run) => runRow(run, showGroup));
  return table(headings, body, showGroup ? 'runs grouped' : 'runs');
}

function runRow(run: ReportRun, showGroup: boolean): string {
  const { record } = run;
  const stats = record.statistics;
  const cells = [
    ...(showGroup ? [h(run.group)] : []),
    String(record.seed),
    outcomeChip(record.outcome),
    h(why(run)),
  ];
  const numbers = [
    fixed(stats?.mean, 2),
    fixed(stats?.std, 2),
    fixed(stats?.wasserstein1, 3),
    fixed(stats?.ks, 3),
    fixed(record.elapsedMs / 1000, 1),
  ];

  const title = h(`run ${record.runId}`);
  const text = cells.map((cell) => `<td>${cell}</td>`).join('');
  const numeric = numbers
    .map((cell) => `<td class="num">${cell}</td>`)
    .join('');
  return `<tr title="${title}">${text}${numeric}</tr>`;
}

/** The verdict's reason, or the error of a failed run, and settling. */
function why(run: ReportRun): string {
  const { record } = run;
  if (record.error) return `${record.error.kind}: ${record.error.message}`;
  if (!record.verdict) return '';

  const settle = record.verdict.settled
    ? ''
    : `; not settled${record.verdict.settleNote ? `: ${record.verdict.settleNote}` : ''}`;
  return `${record.verdict.reason}${settle}`;
}

/** An outcome name with its colour swatch, as in every chart. */
export function outcomeChip(outcome: keyof typeof OUTCOME_COLOURS): string {
  const colour = OUTCOME_COLOURS[outcome];
  return `<span class="outcome"><span class="chip" style="background:${colour}"></span>${h(outcome)}</span>`;
}

function table(headings: string[], rows: string[], className: string): string {
  const head = headings.map((heading) => `<th>${h(heading)}</th>`).join('');
  return `<table class="${className}"><thead><tr>${head}</tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`;
}

/**
 * `digits` decimals, or two significant digits for values too small to
 * show that way (a collapsed run's std of 0.0037 is not 0.00). Statistics
 * read back from JSON hold null where NaN was written.
 */
function fixed(value: number | null | undefined, digits: number): string {
  if (value === undefined || value === null) return '—';
  if (!Number.isFinite(value)) return String(value);
  const small = value !== 0 && Math.abs(value) < 10 ** -digits;
  return small ? value.toPrecision(2) : value.toFixed(digits);
}

function percent(value: number): string {
  return `${Math.round(value * 100)}%`;
}

function signedPoints(value: number): string {
  const points = Math.round(value * 100);
  return `${points > 0 ? '+' : points < 0 ? '−' : '±'}${Math.abs(points)} points`;
}

function formatP(p: number): string {
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}
