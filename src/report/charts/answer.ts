/**
 * The answer to the study's question, per group: how runs ended, and the
 * healthy rate with its uncertainty; for a two-key grid, a heatmap.
 */
import type { TopLevelSpec } from 'vega-lite';

import { OUTCOMES } from '../../analysis/types.js';
import type { GroupSummary } from '../../analysis/index.js';
import { outcomeColour } from '../palette.js';
import { round } from '../thin.js';

const ROW_STEP = 24;
/** Wide enough for two dotted grid keys and their values. */
const LABEL_LIMIT = 440;

/**
 * Outcome counts as a stacked bar per group, beside the healthy rate as a
 * point with its 95% interval, sharing the group axis.
 */
export function answerChart(rows: GroupSummary[]): TopLevelSpec {
  const groups = rows.map((row) => row.group);
  const y = {
    field: 'group',
    type: 'nominal' as const,
    sort: groups,
    title: null,
    axis: { labelLimit: LABEL_LIMIT },
  };

  return {
    hconcat: [countsView(rows, y), rateView(rows, y)],
    spacing: 24,
    resolve: { scale: { y: 'shared' } },
    config: { view: { stroke: null } },
  };
}

type GroupAxis = {
  field: string;
  type: 'nominal';
  sort: string[];
  title: null;
  axis: { labelLimit: number };
};

function countsView(rows: GroupSummary[], y: GroupAxis) {
  const values = rows.flatMap((row) =>
    OUTCOMES.filter((outcome) => row.outcomes[outcome] > 0).map((outcome) => ({
      group: row.group,
      outcome,
      order: OUTCOMES.indexOf(outcome),
      count: row.outcomes[outcome],
      runs: row.runs,
    })),
  );

  return {
    data: { values },
    width: 300,
    height: { step: ROW_STEP },
    mark: { type: 'bar' as const, tooltip: true },
    encoding: {
      y,
      x: {
        field: 'count',
        type: 'quantitative' as const,
        stack: 'zero' as const,
        title: 'runs',
        axis: { tickMinStep: 1, format: 'd' },
      },
      color: outcomeColour('bottom'),
      order: { field: 'order', type: 'quantitative' as const },
      tooltip: [
        { field: 'group', type: 'nominal' as const },
        { field: 'outcome', type: 'nominal' as const },
        { field: 'count', type: 'quantitative' as const, title: 'runs' },
        { field: 'runs', type: 'quantitative' as const, title: 'of' },
      ],
    },
  };
}

function rateView(rows: GroupSummary[], y: GroupAxis) {
  const values = rows.map((row) => ({
    group: row.group,
    rate: row.healthyRate.rate === null ? null : round(row.healthyRate.rate),
    low: round(row.healthyRate.low),
    high: round(row.healthyRate.high),
    healthy: `${row.healthy}/${row.runs}`,
  }));
  const x = {
    type: 'quantitative' as const,
    scale: { domain: [0, 1] },
    axis: { format: '.0%', title: 'healthy rate (95% interval)' },
  };
  const tooltip = [
    { field: 'group', type: 'nominal' as const },
    { field: 'healthy', type: 'nominal' as const, title: 'healthy' },
    { field: 'rate', type: 'quantitative' as const, format: '.0%' },
    { field: 'low', type: 'quantitative' as const, format: '.0%' },
    { field: 'high', type: 'quantitative' as const, format: '.0%' },
  ];

  return {
    data: { values },
    width: 300,
    height: { step: ROW_STEP },
    encoding: { y: { ...y, axis: null } },
    layer: [
      {
        mark: { type: 'rule' as const, strokeWidth: 2, color: '#555' },
        encoding: {
          x: { field: 'low', ...x },
          x2: { field: 'high' },
          tooltip,
        },
      },
      {
        mark: {
          type: 'point' as const,
          filled: true,
          size: 70,
          color: '#2f9e44',
          opacity: 1,
        },
        encoding: { x: { field: 'rate', ...x }, tooltip },
      },
    ],
  };
}

/** The healthy rate over a two-key grid, one cell per group. */
export function heatmapChart(
  rows: GroupSummary[],
  keys: [string, string],
  order: [unknown[], unknown[]],
): TopLevelSpec {
  const [xKey, yKey] = keys;
  const values = rows.map((row) => ({
    x: String(row.params[xKey]),
    y: String(row.params[yKey]),
    rate: row.healthyRate.rate === null ? null : round(row.healthyRate.rate),
    label: `${row.healthy}/${row.runs}`,
    group: row.group,
  }));
  const x = {
    field: 'x',
    type: 'ordinal' as const,
    title: xKey,
    sort: order[0].map(String),
    axis: { labelAngle: 0 },
  };
  const y = {
    field: 'y',
    type: 'ordinal' as const,
    title: yKey,
    sort: order[1].map(String),
  };

  return {
    data: { values },
    width: { step: 64 },
    height: { step: 40 },
    encoding: { x, y },
    layer: [
      {
        mark: { type: 'rect', tooltip: true },
        encoding: {
          color: {
            field: 'rate',
            type: 'quantitative',
            scale: { domain: [0, 1], scheme: 'greens' },
            legend: { title: 'healthy rate', format: '.0%' },
          },
          tooltip: [
            { field: 'group', type: 'nominal' },
            { field: 'label', type: 'nominal', title: 'healthy' },
            { field: 'rate', type: 'quantitative', format: '.0%' },
          ],
        },
      },
      {
        mark: { type: 'text', fontSize: 12 },
        encoding: {
          text: { field: 'label', type: 'nominal' },
          color: {
            condition: { test: 'datum.rate > 0.6', value: 'white' },
            value: 'black',
          },
        },
      },
    ],
    config: { view: { stroke: null } },
  };
}
