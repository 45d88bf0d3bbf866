/**
 * Opens the report of a small sweep in headless Chromium with the network
 * blocked, and checks what a reader would see: every chart drawn, one
 * histogram panel per run, the sweep's name, and no error on the console.
 */
import assert from 'node:assert/strict';
import { existsSync, promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';

import { chromium, type Browser } from 'playwright-core';

import { writeReport } from '../src/report/index.js';
import {
  articleRecords,
  gridRecords,
  gridSweep,
  syntheticRecord,
  syntheticSweep,
  writeResultsFolder,
} from './report-fixture.js';

const CHROMIUM = '/usr/bin/chromium';
const MISSING = `${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium; .ci/run does) to run the report's browser test`;

// In CI a missing browser is a failure; on a workstation, a stated skip.
const skip = !existsSync(CHROMIUM) && !process.env.CI ? MISSING : false;

// One browser for the file: starting Chromium takes seconds.
let shared: Browser | null = null;
before(async () => {
  if (!skip && existsSync(CHROMIUM)) shared = await launch();
});
after(async () => {
  await shared?.close();
});

/** The shared browser; in CI without Chromium, fails saying what to do. */
function browser(): Browser {
  assert.ok(existsSync(CHROMIUM), MISSING);
  assert.ok(shared, 'Chromium started');
  return shared;
}

test(
  'the report renders offline in Chromium',
  { skip, timeout: 90_000 },
  async () => {
    const root = await fs.mkdtemp(path.join(tmpdir(), 'gansweep-browser-'));
    try {
      const file = await smallReport(root);
      const seen = await openOffline(browser(), file);

      assert.deepEqual(seen.aborted, [], 'the page asked for nothing else');
      assert.deepEqual(seen.errors, [], 'no console errors or warnings');
      assert.equal(seen.rendered, 'true');
      assert.equal(seen.title, 'browser-check');
      assert.deepEqual(
        seen.charts.map((chart) => chart.id),
        ['chart-answer', 'chart-distributions', 'chart-trajectories'],
      );
      for (const chart of seen.charts) {
        assert.ok(chart.marks > 0, `${chart.id} drew marks`);
      }

      // Six runs, the crashed one included: six facet cells, six titles.
      assert.equal(seen.panels, 6);
      assert.equal(seen.panelTitles, 6);
    } finally {
      await fs.rm(root, { recursive: true, force: true });
    }
  },
);

test(
  'the page selector pages through the small multiples',
  { skip, timeout: 90_000 },
  async () => {
    const root = await fs.mkdtemp(path.join(tmpdir(), 'gansweep-browser-'));
    try {
      // 4 groups x 9 seeds = 36 runs: page 1 holds 30 panels, page 2 six.
      const sweep = gridSweep('paged', [1e-3, 1e-2], [10, 20], 9);
      const records = gridRecords(sweep, {
        rounds: 100,
        logEvery: 10,
        finalSamples: 300,
      });
      const dir = path.join(root, 'r');
      await writeResultsFolder(dir, sweep, records);
      const file = await writeReport([dir]);

      const page = await browser().newPage();
      await page.goto(pathToFileURL(file).href);
      await page.waitForSelector('body[data-rendered="true"]');
      assert.equal(await page.evaluate(countPanels, PANELS), 30);

      await page.selectOption('#distributions-pages select', '2');
      await page.waitForFunction(
        ([selector, count]) =>
          document.querySelectorAll(selector).length === count,
        [PANELS, 6] as const,
        { timeout: 10_000 },
      );
      await page.close();
    } finally {
      await fs.rm(root, { recursive: true, force: true });
    }
  },
);

/** Vega-Lite names the facet's group mark "cell": one group per panel. */
const PANELS = '#chart-distributions g.mark-group.cell > g';

/** Runs in the page. */
function countPanels(selector: string): number {
  return document.querySelectorAll(selector).length;
}

function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** Five of the article's runs and a crash, written and reported. */
async function smallReport(root: string): Promise<string> {
  const options = { rounds: 500, logEvery: 10, finalSamples: 2000 };
  const records = [
    ...articleRecords(options).slice(4, 9),
    syntheticRecord({ ...options, seed: 11, shape: 'crash' }),
  ];
  const sweep = syntheticSweep('browser-check', [5, 6, 7, 8, 9, 11]);
  const dir = await writeResultsFolder(
    path.join(root, 'results'),
    sweep,
    records,
  );
  return writeReport([dir]);
}

interface Seen {
  aborted: string[];
  errors: string[];
  rendered: string | null;
  title: string;
  charts: { id: string; marks: number }[];
  panels: number;
  panelTitles: number;
}

async function openOffline(browser: Browser, file: string): Promise<Seen> {
  const url = pathToFileURL(file).href;
  const page = await browser.newPage();
  const aborted: string[] = [];
  const errors: string[] = [];

  // Vega reports broken charts as warnings (an empty extent, a bad
  // scale), so those count as well as errors.
  page.on('console', (message) => {
    const type = message.type();
    if (type === 'error' || type === 'warning') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.route('**/*', async (route) => {
    if (route.request().url() === url) return route.continue();
    aborted.push(route.request().url());
    return route.abort();
  });

  await page.goto(url);
  await page.waitForSelector('body[data-rendered]', { timeout: 60_000 });
  const drawn = await page.evaluate(countDrawn);
  return { aborted, errors, ...drawn };
}

/** Runs in the page: what each chart container holds. */
function countDrawn() {
  const charts = [...document.querySelectorAll('.chart')].map((element) => ({
    id: element.id,
    marks: element.querySelectorAll(
      'svg g.role-mark > path, svg g.role-mark > line',
    ).length,
  }));
  const histograms = document.getElementById('chart-distributions');
  return {
    rendered: document.body.getAttribute('data-rendered'),
    title: document.getElementById('sweep-name')?.textContent ?? '',
    charts,
    // Vega-Lite names the facet's group mark "cell": one group per panel.
    panels: histograms?.querySelectorAll('g.mark-group.cell > g').length ?? 0,
    panelTitles: [...(histograms?.querySelectorAll('text') ?? [])].filter(
      (text) => /seed \d+ · /.test(text.textContent ?? ''),
    ).length,
  };
}
