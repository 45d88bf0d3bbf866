/**
 * The report: one self-contained HTML file per sweep (or per comparison of
 * sweeps) that opens offline. `writeReport` reads results folders and
 * writes the file; `renderReport` builds it from records already in memory.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';

import { UserError } from '../errors.js';
import { readResults, resultsLayout } from '../store/index.js';
import type { ReportSource } from './model.js';
import { renderReport } from './render.js';

export {
  renderReport,
  type RenderedReport,
  type RenderOptions,
} from './render.js';
export type { ReportSource } from './model.js';
export { OUTCOME_COLOURS } from './palette.js';
export {
  MAX_PANELS,
  MAX_TABLE_ROWS,
  MAX_TRAJECTORY_RUNS,
  PANELS_PER_PAGE,
  POINTS_PER_RUN,
} from './thin.js';

/** File name of a report that compares several folders, in the first one. */
export const COMPARISON_FILE = 'comparison-report.html';

/**
 * Reads each results folder in `dirs` and writes one report; returns its
 * path. One folder: `<dir>/report.html` unless `outFile` is given. Several:
 * one report comparing them, at `outFile` or `<first dir>/comparison-report.html`.
 * Throws a UserError (exit 2) for no folder or an unreadable one.
 */
export async function writeReport(
  dirs: string[],
  outFile?: string,
): Promise<string> {
  if (dirs.length === 0) {
    throw new UserError(
      'no results folder given',
      'Run `gansweep report DIR`.',
    );
  }

  const sources = await readSources(dirs);
  const target = outFile ?? defaultOutFile(dirs);
  const { html } = renderReport(sources);

  await fs.mkdir(path.dirname(path.resolve(target)), { recursive: true });
  await fs.writeFile(target, html, 'utf8');
  return target;
}

function defaultOutFile(dirs: string[]): string {
  if (dirs.length === 1) return resultsLayout(dirs[0]!).reportFile;
  return path.join(dirs[0]!, COMPARISON_FILE);
}

async function readSources(dirs: string[]): Promise<ReportSource[]> {
  const read = await Promise.all(
    dirs.map(async (dir) => {
      const results = await readResults(dir);
      const sweepYaml = await fs.readFile(resultsLayout(dir).sweepFile, 'utf8');
      return { dir, sweepYaml, ...results };
    }),
  );

  const names = read.map((entry) => entry.sweep.name);
  const namesDiffer = new Set(names).size === names.length;
  return read.map((entry) => ({
    label: namesDiffer ? entry.sweep.name : sourceLabel(entry.dir),
    dir: entry.dir,
    sweep: entry.sweep,
    sweepYaml: entry.sweepYaml,
    records: entry.records,
    problems: entry.problems,
  }));
}

/** A folder's label when sweep names repeat (a rerun, two engines). */
function sourceLabel(dir: string): string {
  return path.basename(path.resolve(dir));
}
