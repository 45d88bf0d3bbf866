/**
 * One flat row per run, for pandas or R (`gansweep export`).
 */
import type { RunRecord } from '../store/record.js';
import type { FinalStatistics } from './types.js';

/** A cell: numbers stay numbers; null where a run has no such value. */
export type ExportCell = string | number | boolean | null;

export interface ExportTable {
  columns: string[];
  rows: Record<string, ExportCell>[];
}

const LEADING = ['runId', 'seed', 'group'];
const VERDICT = ['outcome', 'rule', 'reason', 'settled'];
const STATISTICS: (keyof FinalStatistics)[] = [
  'count',
  'mean',
  'std',
  'skewness',
  'excessKurtosis',
  'min',
  'max',
];
const QUANTILES = ['p01', 'p05', 'p25', 'p50', 'p75', 'p95', 'p99'] as const;
const DISTANCES: (keyof FinalStatistics)[] = [
  'wasserstein1',
  'ks',
  'within3Std',
];
const TRAILING = ['roundsCompleted', 'elapsedMs', 'engine', 'backend'];

/**
 * The runs as a table: runId, seed, group, one `param.<key>` column per
 * grid key or variant (in first-seen order; a value that is not a number,
 * string or boolean is written as JSON), outcome, rule, reason, settled,
 * the final statistics (quantiles as p01..p99), rounds completed, elapsed
 * milliseconds, engine and backend. Rows keep the order of `records`.
 */
export function exportTable(records: RunRecord[]): ExportTable {
  const paramKeys = [...new Set(records.flatMap((r) => Object.keys(r.params)))];
  const columns = [
    ...LEADING,
    ...paramKeys.map((key) => `param.${key}`),
    ...VERDICT,
    ...STATISTICS,
    ...QUANTILES,
    ...DISTANCES,
    ...TRAILING,
  ];

  return { columns, rows: records.map((r) => exportRow(r, paramKeys)) };
}

function exportRow(
  record: RunRecord,
  paramKeys: string[],
): Record<string, ExportCell> {
  const row: Record<string, ExportCell> = {
    runId: record.runId,
    seed: record.seed,
    group: record.group,
  };
  for (const key of paramKeys) row[`param.${key}`] = cell(record.params[key]);

  row.outcome = record.outcome;
  row.rule = record.verdict?.rule ?? record.outcome;
  row.reason = record.verdict?.reason ?? record.error?.message ?? null;
  row.settled = record.verdict?.settled ?? null;

  const s = record.statistics;
  for (const key of [...STATISTICS, ...DISTANCES]) {
    row[key] = s === null ? null : (s[key] as number);
  }
  for (const key of QUANTILES) row[key] = s === null ? null : s.quantiles[key];

  row.roundsCompleted = record.roundsCompleted;
  row.elapsedMs = record.elapsedMs;
  row.engine = record.engine;
  row.backend = record.backend;
  return row;
}

function cell(value: unknown): ExportCell {
  if (value === undefined || value === null) return null;
  if (['string', 'number', 'boolean'].includes(typeof value)) {
    return value as string | number | boolean;
  }
  return JSON.stringify(value);
}

/**
 * RFC 4180 CSV with a header line. Empty cell for null; NaN, Inf and -Inf
 * as pandas and R's read.csv read them.
 */
export function toCsv(table: ExportTable): string {
  const line = (cells: string[]): string => cells.map(quoteCsv).join(',');
  const body = table.rows.map((row) =>
    line(table.columns.map((c) => csvText(row[c]))),
  );
  return `${[line(table.columns), ...body].join('\n')}\n`;
}

function csvText(value: ExportCell | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' && !Number.isFinite(value)) {
    if (Number.isNaN(value)) return 'NaN';
    return value > 0 ? 'Inf' : '-Inf';
  }
  return String(value);
}

function quoteCsv(text: string): string {
  if (!/[",\r\n]/.test(text)) return text;
  return `"${text.replaceAll('"', '""')}"`;
}

/**
 * One JSON object per line, keys in column order. JSON has no NaN: a
 * non-finite number is written as null, which pandas reads as NaN.
 */
export function toJsonl(table: ExportTable): string {
  const lines = table.rows.map((row) => {
    const ordered = Object.fromEntries(
      table.columns.map((c) => [c, jsonValue(row[c])]),
    );
    return JSON.stringify(ordered);
  });
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

function jsonValue(value: ExportCell | undefined): ExportCell {
  if (value === undefined) return null;
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  return value;
}
