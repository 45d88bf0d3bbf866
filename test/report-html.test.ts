import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import {
  COMPARISON_FILE,
  MAX_TRAJECTORY_RUNS,
  PANELS_PER_PAGE,
  POINTS_PER_RUN,
  renderReport,
  writeReport,
  type ReportSource,
} from '../src/report/index.js';
import type { HistogramPanel } from '../src/report/charts/distributions.js';
import type { TrajectoryRow } from '../src/report/charts/trajectories.js';
import type { RunRecord } from '../src/store/record.js';
import {
  articleRecords,
  gridRecords,
  gridSweep,
  syntheticRecord,
  syntheticSweep,
  writeResultsFolder,
} from './report-fixture.js';

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

function source(
  records: RunRecord[],
  name = 'article',
  sweep = syntheticSweep(name, SEEDS),
): ReportSource {
  return {
    label: name,
    dir: `/results/${name}`,
    sweep,
    sweepYaml: `name: ${name}\n`,
    records,
    problems: [],
  };
}

/** The inline values of a chart's Vega-Lite source. */
function valuesOf<T>(report: ReturnType<typeof renderReport>, id: string): T[] {
  const chart = report.charts.find((c) => c.id === id);
  assert.ok(chart, `chart ${id} exists`);
  const data = (chart.vegaLite as { data: { values: T[] } }).data;
  return data.values;
}

const article = renderReport([source(articleRecords())], {
  now: new Date('2025-02-01T10:00:00Z'),
});

test('every chart compiles with Vega-Lite without a warning', () => {
  const small = gridSweep('grid', [1e-3, 3e-3], [10, 20], 3);
  const grid = renderReport([
    source(gridRecords(small, { finalSamples: 500 }), 'grid', small),
  ]);
  const ids = [...article.charts, ...grid.charts].map((chart) => chart.id);
  assert.deepEqual(ids, [
    'chart-answer',
    'chart-distributions',
    'chart-trajectories',
    'chart-answer',
    'chart-heatmap',
    'chart-distributions',
    'chart-trajectories',
  ]);

  for (const chart of [...article.charts, ...grid.charts]) {
    assert.deepEqual(chart.warnings, [], `${chart.id} compiles cleanly`);
  }
});

test('the page loads nothing from the network', () => {
  const { html } = article;
  assert.doesNotMatch(html, /<script[^>]*\ssrc\s*=/i);
  assert.doesNotMatch(html, /<link[^>]*\shref\s*=/i);
  assert.doesNotMatch(
    html,
    /<(img|iframe|source)[^>]*\ssrc\s*=\s*["']?https?:/i,
  );
  assert.doesNotMatch(html, /@import|url\(\s*["']?https?:/i);
  // The compiled specs keep no schema address either: it was dropped.
  assert.doesNotMatch(html, /vega\.github\.io\/schema/);
});

test('the page holds vega and vega-embed and turns the network actions off', () => {
  const { html } = article;
  assert.match(html, /vegaEmbed/);
  assert.match(html, /editor: false/);
  assert.match(html, /source: false/);
  assert.match(html, /compiled: false/);
  assert.match(html, /<h1 id="sweep-name">article<\/h1>/);
  assert.match(html, /report written<\/dt><dd>2025-02-01 10:00 UTC/);
});

test('one histogram panel per run, titled with seed and outcome', () => {
  const panels = valuesOf<HistogramPanel>(article, 'chart-distributions');
  assert.equal(panels.length, 10);
  assert.deepEqual(panels.map((panel) => panel.p).slice(4, 8), [
    'seed 5 · misshapen',
    'seed 6 · healthy',
    'seed 7 · collapsed',
    'seed 8 · drifted',
  ]);
});

test('a failed run keeps its panel (target curve only) and its error', () => {
  const records = [
    ...articleRecords({ finalSamples: 500 }).slice(0, 3),
    syntheticRecord({ seed: 4, shape: 'crash' }),
  ];
  const report = renderReport([source(records)]);
  const panels = valuesOf<HistogramPanel>(report, 'chart-distributions');

  assert.equal(panels.length, 4);
  assert.deepEqual(panels[3]!.c, [0]);
  assert.equal(panels[3]!.note, 'no sample');
  assert.equal(panels[2]!.note, '');
  assert.match(report.html, /worker-exit: worker exited with code 1 on seed 4/);
});

test('a 300-run sweep is paged, thinned and stays under 2 MB', () => {
  const steps = [1, 2, 5, 10, 20, 30, 40, 50, 60, 70];
  const sweep = gridSweep('grid', [1e-4, 1e-3, 1e-2], steps, 10);
  const records = gridRecords(sweep, { finalSamples: 1000 });
  const report = renderReport([source(records, 'grid', sweep)]);

  const panels = valuesOf<HistogramPanel>(report, 'chart-distributions');
  assert.equal(panels.length, 300);
  // 300 panels in pages of 30: pages 1..10, the last page full.
  assert.equal(PANELS_PER_PAGE, 30);
  assert.deepEqual(
    [...new Set(panels.map((panel) => panel.page))],
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
  );
  assert.match(report.html, /page \(of 10\)/);

  const lines = valuesOf<TrajectoryRow>(report, 'chart-trajectories');
  assert.equal(lines.length, MAX_TRAJECTORY_RUNS);
  assert.equal(report.shown.trajectories, 60);
  // Crashed runs log no trajectory, so lines are picked among the others.
  const logged = records.filter((r) => r.trajectory.length > 0).length;
  assert.ok(logged > 60 && logged < 300);
  assert.ok(report.html.includes(`Showing 60 of ${logged} runs&#39; lines`));
  for (const line of lines) assert.ok(line.r.length <= POINTS_PER_RUN);

  assert.equal(report.shown.tableRows, 300);
  assert.ok(
    report.html.length < 2_000_000,
    `report is ${report.html.length} bytes`,
  );
});

test('a long trajectory is thinned to 101 points, first and last kept', () => {
  const record = syntheticRecord({
    seed: 2,
    shape: 'good',
    rounds: 10_000,
    logEvery: 10,
    finalSamples: 200,
  });
  assert.equal(record.trajectory.length, 1000);

  const report = renderReport([source([record])]);
  const [line] = valuesOf<TrajectoryRow>(report, 'chart-trajectories');
  assert.equal(line!.r.length, 101);
  assert.equal(line!.r[0], 10);
  assert.equal(line!.r[100], 10_000);
  // Evenly spaced: index i of 101 takes point round(i * 999 / 100), so the
  // middle one is point 500 (0-based), round 5010.
  assert.equal(line!.r[50], 5010);
});

test('text from records cannot close the script or inject markup', () => {
  const record = syntheticRecord({
    seed: 1,
    shape: 'good',
    group: '</script><script>alert(1)</script>',
    finalSamples: 200,
  });
  const { html } = renderReport([source([record])]);

  assert.doesNotMatch(html, /<script>alert/);
  const block = html.match(
    /<script type="application\/json" id="gansweep-charts">([\s\S]*?)<\/script>/,
  );
  assert.ok(block);
  assert.match(block[1]!, /\\u003c\/script>/);
  assert.ok(JSON.parse(block[1]!).length > 0);
  assert.match(html, /&lt;\/script&gt;&lt;script&gt;alert\(1\)/);
});

test('several sources make one report with groups labelled by source', () => {
  const first = source(articleRecords({ finalSamples: 500 }), 'fused-run');
  const second = source(
    articleRecords({ finalSamples: 500 }).slice(0, 5),
    'tfjs-run',
  );
  const report = renderReport([first, second]);

  assert.deepEqual(
    report.summary.groups.map((g) => [g.group, g.runs, g.healthy]),
    [
      ['fused-run: all', 10, 6],
      ['tfjs-run: all', 5, 4],
    ],
  );
  assert.equal(report.summary.baseline, 'fused-run: all');
  assert.match(
    report.html,
    /<h1 id="sweep-name">Comparing fused-run and tfjs-run<\/h1>/,
  );

  const panels = valuesOf<HistogramPanel>(report, 'chart-distributions');
  assert.equal(panels.length, 15);
  assert.equal(panels[10]!.p, 'tfjs-run: all\nseed 1 · healthy');
});

test('writeReport writes DIR/report.html, or a comparison in the first folder', async () => {
  const root = await fs.mkdtemp(path.join(tmpdir(), 'gansweep-report-'));
  try {
    const records = articleRecords({ finalSamples: 300 }).slice(0, 4);
    const a = await writeResultsFolder(
      path.join(root, 'a'),
      syntheticSweep('article', SEEDS),
      records,
    );
    const b = await writeResultsFolder(
      path.join(root, 'b'),
      syntheticSweep('article', SEEDS),
      records,
    );

    assert.equal(await writeReport([a]), path.join(a, 'report.html'));
    const both = await writeReport([a, b]);
    assert.equal(both, path.join(a, COMPARISON_FILE));
    // Same sweep name twice: the folders' names label the groups.
    assert.match(await fs.readFile(both, 'utf8'), /Comparing a and b/);

    const custom = path.join(root, 'out', 'x.html');
    assert.equal(await writeReport([a], custom), custom);
    await assert.rejects(writeReport([path.join(root, 'missing')]), {
      name: 'UserError',
    });
  } finally {
    await fs.rm(root, { recursive: true, force: true });
  }
});

test('the header counts runs against the plan, failures and unreadable records', () => {
  // 12 seeds planned, 10 finished, one of them crashed; one record broken.
  const records = [
    ...articleRecords({ finalSamples: 200 }).slice(0, 9),
    syntheticRecord({ seed: 10, shape: 'crash' }),
  ];
  const partial = {
    ...source(records),
    sweep: syntheticSweep('article', [...SEEDS, 11, 12]),
    problems: [{ file: 'runs/x.json', message: 'not valid JSON' }],
  };
  const { html } = renderReport([partial]);

  assert.match(
    html,
    /<dt>runs<\/dt><dd>10 of 12 planned, 1 failed, 1 unreadable \(left out\)<\/dd>/,
  );
  assert.match(html, /<li>runs\/x\.json: not valid JSON<\/li>/);
});

test('a folder with no readable run says so and draws no chart', () => {
  const report = renderReport([source([])]);
  assert.equal(report.charts.length, 0);
  assert.match(report.html, /<h2>No runs yet<\/h2>/);
});
