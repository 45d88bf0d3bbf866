/**
 * Training as it went: the generated mean and std against the round, one
 * line per run with the target's value ruled across (the article's two
 * training plots), and the three losses.
 *
 * Each run is one inlined row of parallel arrays, flattened in the page:
 * the data stays a list of numbers instead of thousands of keyed objects.
 */
import type { TopLevelSpec } from 'vega-lite';

import type { ReportRun } from '../model.js';
import { outcomeColour } from '../palette.js';
import { pickEvenly, POINTS_PER_RUN, round } from '../thin.js';

/** One run's thinned trajectory, as inlined in the page. */
export interface TrajectoryRow {
  run: number;
  seed: number;
  group: string;
  outcome: string;
  r: number[];
  m: (number | null)[];
  s: (number | null)[];
  dr: (number | null)[];
  df: (number | null)[];
  g: (number | null)[];
}

/** The shown runs' trajectories, each thinned to `POINTS_PER_RUN`. */
export function trajectoryRows(runs: ReportRun[]): TrajectoryRow[] {
  return runs.map((run, index) => {
    const points = pickEvenly(run.record.trajectory, POINTS_PER_RUN).shown;
    return {
      run: index,
      seed: run.record.seed,
      group: run.group,
      outcome: run.record.outcome,
      r: points.map((point) => point.round),
      m: points.map((point) => round(point.generatedMean)),
      s: points.map((point) => round(point.generatedStd)),
      dr: points.map((point) => round(point.discriminatorRealLoss)),
      df: points.map((point) => round(point.discriminatorFakeLoss)),
      g: points.map((point) => round(point.generatorLoss)),
    };
  });
}

/** The target's mean and std that the two training plots are ruled at. */
export interface TargetMarks {
  mean: number[];
  std: number[];
}

const FLATTEN = { flatten: ['r', 'm', 's', 'dr', 'df', 'g'] };
const ROUND_AXIS = {
  field: 'r',
  type: 'quantitative' as const,
  title: 'round',
  axis: { format: 'd' },
};

/**
 * Mean and std side by side, the losses below them; all read the same
 * inlined rows.
 */
export function trajectoriesChart(
  rows: TrajectoryRow[],
  targets: TargetMarks,
): TopLevelSpec {
  return {
    data: { values: rows },
    vconcat: [
      {
        hconcat: [
          momentView('m', 'generated mean', targets.mean, 'target mean'),
          momentView('s', 'generated std', targets.std, 'target std'),
        ],
      },
      {
        hconcat: [
          lossView('dr', 'discriminator loss on real data'),
          lossView('df', 'discriminator loss on generated data'),
          lossView('g', 'generator loss'),
        ],
      },
    ],
    spacing: 28,
    resolve: { scale: { color: 'shared' } },
  };
}

function runLines(
  field: string,
  axisTitle: string,
  width: number,
  height: number,
) {
  return {
    transform: [FLATTEN],
    mark: {
      type: 'line' as const,
      strokeWidth: 1.2,
      opacity: 0.75,
      tooltip: true,
    },
    width,
    height,
    encoding: {
      x: ROUND_AXIS,
      y: {
        field,
        type: 'quantitative' as const,
        title: axisTitle,
        scale: { zero: false },
      },
      detail: { field: 'run', type: 'nominal' as const },
      color: outcomeColour('right'),
      tooltip: [
        { field: 'group', type: 'nominal' as const },
        { field: 'seed', type: 'quantitative' as const },
        { field: 'outcome', type: 'nominal' as const },
      ],
    },
  };
}

function momentView(
  field: string,
  title: string,
  targets: number[],
  targetLabel: string,
) {
  const marks = targets.map((value) => ({ value }));
  const values = targets.join(', ');
  return {
    title: viewTitle(title, `dashed: ${targetLabel} ${values}`),
    layer: [runLines(field, title, 380, 230), ruleLayer(marks)],
  };
}

/** ln 2: every loss's value when the discriminator cannot tell at all. */
const LN2 = Math.LN2;

function lossView(field: string, title: string) {
  return {
    title: viewTitle(title, 'dashed: ln 2'),
    layer: [
      runLines(field, 'loss (nats)', 240, 170),
      ruleLayer([{ value: round(LN2) }]),
    ],
  };
}

/**
 * A view's title, with what its dashed rule marks as the subtitle: a label
 * inside the plot would sit on the very lines that settle at the rule.
 */
function viewTitle(text: string, subtitle: string) {
  return {
    text,
    subtitle,
    fontSize: 12,
    fontWeight: 'normal' as const,
    subtitleFontSize: 11,
    subtitleColor: '#555',
    anchor: 'start' as const,
  };
}

/** A dashed rule across the view at each value. */
function ruleLayer(marks: { value: number | null }[]) {
  return {
    data: { values: marks },
    mark: { type: 'rule' as const, strokeDash: [6, 4], color: '#222' },
    encoding: { y: { field: 'value', type: 'quantitative' as const } },
  };
}
