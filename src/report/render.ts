/**
 * Builds the report's HTML from sources in memory: the sections in reading
 * order, each with its compiled charts and notes.
 */
import type { TopLevelSpec } from 'vega-lite';

import type { Summary } from '../analysis/index.js';
import { answerChart, heatmapChart } from './charts/answer.js';
import {
  distributionsChart,
  histogramPanels,
  PAGE_SELECTOR_ID,
} from './charts/distributions.js';
import { trajectoriesChart, trajectoryRows } from './charts/trajectories.js';
import { compileChart } from './compile.js';
import { escapeHtml as h } from './escape.js';
import { summariseGroups } from './groups.js';
import { headerHtml, reportTitle } from './header.js';
import {
  placeRuns,
  twoKeyGrid,
  type ReportRun,
  type ReportSource,
} from './model.js';
import { pageHtml, type PlacedChart, type Section } from './page.js';
import { comparisonTable, runsTable } from './tables.js';
import {
  MAX_PANELS,
  MAX_TABLE_ROWS,
  MAX_TRAJECTORY_RUNS,
  PANELS_PER_PAGE,
  pickEvenly,
  selectionNote,
} from './thin.js';

export interface RenderOptions {
  /** When the report is written; now by default (tests fix it). */
  now?: Date;
}

/** The page, and what went into it, for callers and tests to inspect. */
export interface RenderedReport {
  html: string;
  summary: Summary;
  /** Every chart: its Vega-Lite source, compiled Vega, and warnings. */
  charts: (PlacedChart & { vegaLite: TopLevelSpec; warnings: string[] })[];
  /** How many runs each limited part shows. */
  shown: { panels: number; trajectories: number; tableRows: number };
}

/** Renders one report from one or more sources (several: a comparison). */
export function renderReport(
  sources: ReportSource[],
  options: RenderOptions = {},
): RenderedReport {
  const title = reportTitle(sources);
  const placed = placeRuns(sources);
  const summary = summariseGroups(placed, sources, title);
  const charts: RenderedReport['charts'] = [];
  const place = (id: string, vegaLite: TopLevelSpec): PlacedChart => {
    const compiled = compileChart(vegaLite);
    const chart = {
      id,
      vega: compiled.vega,
      vegaLite,
      warnings: compiled.warnings,
    };
    charts.push(chart);
    return chart;
  };

  const panels = pickEvenly(placed.runs, MAX_PANELS);
  const lines = pickEvenly(
    placed.runs.filter((run) => run.record.trajectory.length > 0),
    MAX_TRAJECTORY_RUNS,
  );
  const rows = pickEvenly(placed.runs, MAX_TABLE_ROWS);
  const sections =
    placed.runs.length === 0
      ? [NO_RUNS]
      : [
          answerSection(sources, summary, place),
          distributionsSection(panels, placed.groups.length > 1, place),
          trajectoriesSection(lines, place),
          runsSection(rows, placed.groups.length > 1),
        ];

  const header = headerHtml(sources, options.now ?? new Date());
  return {
    html: pageHtml(title, header, sections),
    summary,
    charts,
    shown: {
      panels: panels.shown.length,
      trajectories: lines.shown.length,
      tableRows: rows.shown.length,
    },
  };
}

type Place = (id: string, spec: TopLevelSpec) => PlacedChart;

/** A folder with no trusted record yet: nothing to chart, and why. */
const NO_RUNS: Section = {
  id: 'answer',
  heading: 'No runs yet',
  intro:
    '<p>This results folder holds no finished run that could be read. If its sweep is still running, write the report again when runs have finished; `gansweep status DIR` shows progress.</p>',
  charts: [],
  after: '',
};

function answerSection(
  sources: ReportSource[],
  summary: Summary,
  place: Place,
): Section {
  const charts = [place('chart-answer', answerChart(summary.groups))];
  const grid = twoKeyGrid(sources);
  if (grid) {
    const sweep = sources[0]!.sweep;
    const order: [unknown[], unknown[]] = [
      sweep.grid[grid[0]]!,
      sweep.grid[grid[1]]!,
    ];
    charts.push(
      place('chart-heatmap', heatmapChart(summary.groups, grid, order)),
    );
  }

  const baseline =
    summary.baseline === null
      ? ''
      : ` against the baseline group <b>${h(summary.baseline)}</b>`;
  const notes = summary.notes.map((note) => `<p class="note">${h(note)}</p>`);
  return {
    id: 'answer',
    heading: 'The answer: how often is a run healthy?',
    intro: [
      "<p>How each group's runs ended, and the share that ended healthy with its 95% Wilson interval. Failed runs (crashed or timed out) count as not healthy.</p>",
      ...notes,
    ].join('\n'),
    charts,
    after: `<h3>Comparison${baseline}</h3>\n<p class="note">Difference: healthy rate minus the baseline's, in percentage points. Fisher p: Fisher's exact test, two-sided, on healthy and not-healthy counts.</p>\n${comparisonTable(summary.groups)}`,
  };
}

function distributionsSection(
  selection: { shown: ReportRun[]; total: number },
  labelGroups: boolean,
  place: Place,
): Section {
  const panels = histogramPanels(selection.shown, labelGroups);
  const note = selectionNote(
    selection,
    'runs',
    'evenly spaced in group and seed order',
  );
  const target = selection.shown[0]?.record.spec.workload.target;
  const curve = target ? `N(${target.mean}, ${target.std})` : 'the target';

  return {
    id: 'distributions',
    heading: 'Final distributions',
    intro: [
      `<p>One panel per run: the histogram of its final generated sample as a density, coloured by outcome, with the target density ${h(curve)} drawn in black. Each panel has its own x range, wide enough to hold the target's mean ± 4 std, so a run that collapsed far away shows both its spike and the curve it missed.</p>`,
      note ? `<p class="note">${h(note)}</p>` : '',
      panels.length > PANELS_PER_PAGE
        ? `<div class="pages" id="${PAGE_SELECTOR_ID}"></div>`
        : '',
    ].join('\n'),
    charts: [place('chart-distributions', distributionsChart(panels))],
    after: '',
  };
}

function trajectoriesSection(
  selection: { shown: ReportRun[]; total: number },
  place: Place,
): Section {
  const rows = trajectoryRows(selection.shown);
  const targets = distinctTargets(selection.shown);
  const note = selectionNote(
    selection,
    "runs' lines",
    'evenly spaced in group and seed order',
  );

  return {
    id: 'trajectories',
    heading: 'Training trajectories',
    intro: [
      "<p>The generated minibatch's mean and standard deviation after each logged round, one line per run coloured by outcome, with the target's value dashed; below, the three losses, with ln 2 (what each loss is when the discriminator cannot tell real from generated) dashed. Losses near ln 2 say nothing about health: the final distribution does.</p>",
      note ? `<p class="note">${h(note)}</p>` : '',
    ].join('\n'),
    charts:
      rows.length === 0
        ? []
        : [place('chart-trajectories', trajectoriesChart(rows, targets))],
    after:
      rows.length === 0
        ? '<p class="note">No run logged a trajectory.</p>'
        : '',
  };
}

function distinctTargets(runs: ReportRun[]): { mean: number[]; std: number[] } {
  const targets = runs.map((run) => run.record.spec.workload.target);
  return {
    mean: [...new Set(targets.map((t) => t.mean))],
    std: [...new Set(targets.map((t) => t.std))],
  };
}

function runsSection(
  selection: { shown: ReportRun[]; total: number },
  showGroup: boolean,
): Section {
  const note = selectionNote(
    selection,
    'runs',
    'evenly spaced; `gansweep export DIR` lists them all',
  );
  return {
    id: 'runs',
    heading: 'Runs',
    intro: [
      "<p>Every run with its outcome and the rule's reason, and the statistics of its final sample: mean, standard deviation, Wasserstein-1 (W1) and Kolmogorov-Smirnov (KS) distances to the target. Hover a row for its run id.</p>",
      note ? `<p class="note">${h(note)}</p>` : '',
    ].join('\n'),
    charts: [],
    after: runsTable(selection.shown, showGroup),
  };
}
