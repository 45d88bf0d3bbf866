/**
 * The final distributions as small multiples: one histogram per run with
 * the target density drawn over it (the article's ten-run figure).
 *
 * Each panel has its own x range, always wide enough to hold the target's
 * central 8 standard deviations: a run collapsed to a spike at -11 then
 * shows the spike and, far off, the curve it missed, while the healthy
 * panels stay wide enough to compare shapes. Bars are densities, so they
 * are commensurable with the curve whatever the bin width.
 */
import type { TopLevelSpec } from 'vega-lite';

import type { Histogram } from '../../analysis/types.js';
import type { ReportRun } from '../model.js';
import { outcomeColour } from '../palette.js';
import { pageOf, round } from '../thin.js';

/** Display bins at least this fraction of a panel's x range wide. */
const MIN_BIN_FRACTION = 1 / 60;
/** Space left of and right of the outermost bar or curve, as a fraction. */
const EDGE_PAD = 0.03;
/** The target's curve covers its mean plus and minus this many std. */
const TARGET_REACH = 4;
/** Points along each target curve, computed in the page. */
const CURVE_POINTS = 80;
export const PANEL_COLUMNS = 5;
/** Id of the element above the panels that holds the page selector. */
export const PAGE_SELECTOR_ID = 'distributions-pages';

/** One run's panel, as inlined in the page; `c` holds bar densities. */
export interface HistogramPanel {
  /** Title: group (when several) then seed and outcome, one per line. */
  p: string;
  o: number;
  page: number;
  seed: number;
  outcome: string;
  mu: number;
  sd: number;
  lo: number;
  hi: number;
  /** Start and width of the display bins, and the density in each. */
  s: number;
  w: number;
  c: (number | null)[];
  /** Said in the middle of a panel that has no bars, else ''. */
  note: string;
}

/** Builds the panels of the shown runs, in order, paged. */
export function histogramPanels(
  runs: ReportRun[],
  labelGroups: boolean,
): HistogramPanel[] {
  return runs.map((run, index) => {
    const { record } = run;
    const target = record.spec.workload.target;
    // One line per parameter: a group label of two dotted keys is twice
    // as wide as a panel.
    const head = labelGroups ? `${run.group.split(', ').join('\n')}\n` : '';
    const bars = displayBins(record.histogram, target.mean, target.std);

    return {
      p: `${head}seed ${record.seed} · ${record.outcome}`,
      o: index,
      page: pageOf(index),
      seed: record.seed,
      outcome: record.outcome,
      mu: target.mean,
      sd: target.std,
      ...bars,
      note: emptyNote(record.outcome, record.histogram),
    };
  });
}

/** What an empty panel says instead of bars; '' for any other panel. */
function emptyNote(outcome: string, histogram: Histogram | null): string {
  if (outcome === 'failed') return 'no sample';
  if (histogram === null || !isUsable(histogram)) return 'no finite values';
  return '';
}

interface DisplayBins {
  lo: number;
  hi: number;
  s: number;
  w: number;
  c: (number | null)[];
}

/**
 * The panel's x range and its bars: the recorded histogram merged into
 * coarser bins when its own are too narrow to see at that range (a spike's
 * bins can be a thousandth of the range), as densities that integrate to 1.
 * Bins merge a whole number at a time, so merging never aliases.
 */
export function displayBins(
  histogram: Histogram | null,
  mean: number,
  std: number,
): DisplayBins {
  const reach = [mean - TARGET_REACH * std, mean + TARGET_REACH * std];
  if (histogram === null || !isUsable(histogram)) {
    // One empty bar over the whole range: a cell with no bar at all leaves
    // Vega an empty extent to warn about.
    const [lo, hi] = reach as [number, number];
    return { lo, hi, s: lo, w: hi - lo, c: [0] };
  }

  const end = histogram.start + histogram.width * histogram.counts.length;
  const low = Math.min(reach[0]!, histogram.start);
  const high = Math.max(reach[1]!, end);
  const pad = (high - low) * EDGE_PAD;

  const wanted = (high - low) * MIN_BIN_FRACTION;
  const factor = Math.max(1, Math.ceil(wanted / histogram.width));
  return {
    lo: round(low - pad, 6)!,
    hi: round(high + pad, 6)!,
    s: round(histogram.start, 6)!,
    w: round(histogram.width * factor, 6)!,
    c: mergeBins(histogram.counts, factor, histogram.width * factor),
  };
}

function isUsable(histogram: Histogram): boolean {
  const total = histogram.counts.reduce((sum, count) => sum + count, 0);
  return (
    Number.isFinite(histogram.start) &&
    Number.isFinite(histogram.width) &&
    histogram.width > 0 &&
    total > 0
  );
}

/** Sums every `factor` adjacent bins; densities over bins of `width`. */
function mergeBins(
  counts: number[],
  factor: number,
  width: number,
): (number | null)[] {
  const total = counts.reduce((sum, count) => sum + count, 0);
  const merged: (number | null)[] = [];
  for (let i = 0; i < counts.length; i += factor) {
    const sum = counts.slice(i, i + factor).reduce((a, b) => a + b, 0);
    merged.push(round(sum / (total * width)));
  }
  return merged;
}

/** The small multiples, with a page selector when there are several pages. */
export function distributionsChart(panels: HistogramPanel[]): TopLevelSpec {
  const pages = panels.length === 0 ? 1 : panels[panels.length - 1]!.page;
  const paging =
    pages > 1
      ? {
          params: [
            {
              name: 'page',
              value: 1,
              bind: {
                input: 'select' as const,
                options: Array.from({ length: pages }, (_, i) => i + 1),
                name: `page (of ${pages}) `,
                element: `#${PAGE_SELECTOR_ID}`,
              },
            },
          ],
          transform: [{ filter: 'datum.page == page' }],
        }
      : {};

  return {
    data: { values: panels },
    ...paging,
    facet: {
      field: 'p',
      type: 'nominal',
      sort: { field: 'o', op: 'min' },
      title: null,
      header: {
        labelExpr: "split(datum.value, '\\n')",
        labelFontSize: 11,
        labelLimit: 190,
        labelPadding: 4,
      },
    },
    columns: PANEL_COLUMNS,
    spacing: { row: 16, column: 14 },
    spec: {
      width: 150,
      height: 90,
      layer: [barsLayer(), curveLayer(), noteLayer()],
    },
    resolve: {
      scale: { x: 'independent', y: 'independent' },
      axis: { x: 'independent', y: 'independent' },
    },
    config: {
      axis: { titleFontSize: 10, labelFontSize: 9, titleFontWeight: 'normal' },
    },
  };
}

const X_AXIS = { title: 'value', tickCount: 5, labelFlush: true };

function barsLayer() {
  return {
    transform: [
      { calculate: 'sequence(0, length(datum.c))', as: 'k' },
      { flatten: ['c', 'k'] },
      { calculate: 'datum.s + datum.k * datum.w', as: 'x0' },
      { calculate: 'datum.x0 + datum.w', as: 'x1' },
    ],
    mark: { type: 'rect' as const, tooltip: true },
    encoding: {
      x: {
        field: 'x0',
        type: 'quantitative' as const,
        scale: { zero: false, nice: false },
        axis: X_AXIS,
      },
      x2: { field: 'x1' },
      y: {
        field: 'c',
        type: 'quantitative' as const,
        axis: { title: 'density', tickCount: 3 },
      },
      color: outcomeColour('top'),
      tooltip: [
        { field: 'seed', type: 'quantitative' as const },
        { field: 'outcome', type: 'nominal' as const },
        {
          field: 'x0',
          type: 'quantitative' as const,
          format: '.2f',
          title: 'from',
        },
        {
          field: 'x1',
          type: 'quantitative' as const,
          format: '.2f',
          title: 'to',
        },
        {
          field: 'c',
          type: 'quantitative' as const,
          format: '.3f',
          title: 'density',
        },
      ],
    },
  };
}

/**
 * The panel's note, at its top left: the target's curve is near zero
 * there, so the two never cross.
 */
function noteLayer() {
  return {
    mark: {
      type: 'text' as const,
      color: '#555',
      fontSize: 11,
      align: 'left' as const,
      baseline: 'top' as const,
      dx: 4,
      y: 4,
    },
    encoding: {
      x: { field: 'lo', type: 'quantitative' as const },
      text: { field: 'note', type: 'nominal' as const },
    },
  };
}

function curveLayer() {
  const last = CURVE_POINTS - 1;
  return {
    transform: [
      { calculate: `sequence(0, ${CURVE_POINTS})`, as: 'k' },
      { flatten: ['k'] },
      {
        calculate: `datum.lo + datum.k * (datum.hi - datum.lo) / ${last}`,
        as: 'x',
      },
      {
        calculate:
          'exp(-0.5 * pow((datum.x - datum.mu) / datum.sd, 2)) / (datum.sd * sqrt(2 * PI))',
        as: 'density',
      },
    ],
    mark: { type: 'line' as const, color: '#222', strokeWidth: 1.2 },
    encoding: {
      x: {
        field: 'x',
        type: 'quantitative' as const,
        scale: { zero: false, nice: false },
        axis: X_AXIS,
      },
      y: {
        field: 'density',
        type: 'quantitative' as const,
        axis: { title: 'density', tickCount: 3 },
      },
    },
  };
}
