/**
 * The report as one HTML document: sections in reading order, each chart a
 * compiled Vega spec in a container, and vega and vega-embed inlined.
 */
import type { Spec as VegaSpec } from 'vega';

import { browserAssets } from './assets.js';
import { escapeHtml as h, inlineJson, inlineScript } from './escape.js';

/** A chart's place in the page. */
export interface PlacedChart {
  /** Element id of its container, also its key in `window.gansweepViews`. */
  id: string;
  vega: VegaSpec;
}

/** A section of the page: a heading, HTML around the charts, the charts. */
export interface Section {
  id: string;
  heading: string;
  /** Explanations and notes, above the charts. */
  intro: string;
  charts: PlacedChart[];
  /** Tables and the like, below the charts. */
  after: string;
}

/** The complete page. */
export function pageHtml(
  title: string,
  header: string,
  sections: Section[],
): string {
  // Only what the page draws: callers' charts may carry more (their source).
  const charts = sections
    .flatMap((section) => section.charts)
    .map(({ id, vega }) => ({ id, vega }));
  const assets = browserAssets();

  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${h(title)} · gansweep report</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    header,
    ...sections.map(sectionHtml),
    `<script type="application/json" id="gansweep-charts">${inlineJson(charts)}</script>`,
    `<script>${inlineScript(assets.vega)}</script>`,
    `<script>${inlineScript(assets.vegaEmbed)}</script>`,
    `<script>${BOOT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function sectionHtml(section: Section): string {
  const containers = section.charts.map(
    (chart) => `<div class="chart" id="${h(chart.id)}"></div>`,
  );
  return [
    `<section id="${h(section.id)}">`,
    `<h2>${h(section.heading)}</h2>`,
    section.intro,
    ...containers,
    section.after,
    '</section>',
  ].join('\n');
}

/**
 * Embeds every chart as SVG with tooltips. The editor, source and compiled
 * actions would open vega.github.io, so only the local export stays; the
 * views are kept on `window.gansweepViews` and `data-rendered` marks the end
 * for anyone (a test, a script) that waits for the page.
 */
const BOOT = `
(function () {
  var charts = JSON.parse(document.getElementById('gansweep-charts').textContent);
  var options = {
    mode: 'vega',
    renderer: 'svg',
    tooltip: true,
    actions: { export: true, source: false, compiled: false, editor: false }
  };
  window.gansweepViews = {};
  window.gansweepReady = Promise.all(charts.map(function (chart) {
    return vegaEmbed('#' + chart.id, chart.vega, options).then(function (result) {
      window.gansweepViews[chart.id] = result.view;
    });
  })).then(function () {
    document.body.setAttribute('data-rendered', 'true');
  }, function (error) {
    document.body.setAttribute('data-rendered', 'error');
    console.error('gansweep report: a chart failed to render:', error);
  });
})();
`;

const STYLE = `
:root { --ink: #1d1d1f; --muted: #666; --rule: #ddd; }
body { font: 14px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
  color: var(--ink); margin: 0 auto; padding: 24px 32px 64px; max-width: 1280px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 40px 0 8px; padding-top: 12px; border-top: 1px solid var(--rule); }
p { max-width: 80ch; }
.description { font-size: 15px; margin: 4px 0 12px; }
.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr));
  gap: 4px 24px; margin: 12px 0; }
.facts div { display: flex; gap: 8px; }
.facts dt { color: var(--muted); min-width: 7em; }
.facts dd { margin: 0; }
details { margin: 8px 0; }
summary { cursor: pointer; color: var(--muted); }
pre { background: #f6f6f6; padding: 12px; overflow: auto; max-height: 480px; font-size: 12px; }
.note { color: var(--muted); font-size: 13px; }
.chart { margin: 12px 0 20px; overflow-x: auto; }
table { border-collapse: collapse; font-size: 13px; margin: 8px 0 16px; }
th, td { text-align: left; padding: 3px 10px; border-bottom: 1px solid #eee; vertical-align: top; }
th { border-bottom: 1px solid #bbb; font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.runs th:nth-last-child(-n+5) { text-align: right; }
th, .outcome { white-space: nowrap; }
.chip { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; }
.tag { font-size: 11px; background: #eef; padding: 1px 5px; border-radius: 3px; }
.muted { color: var(--muted); }
`;
