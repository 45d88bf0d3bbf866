/**
 * `gansweep export DIR --format csv|jsonl`: one row per run for pandas or R.
 */
import { writeFileSync } from 'node:fs';
import type { CommandModule } from 'yargs';

import { exportTable, toCsv, toJsonl } from '../../analysis/index.js';
import { UserError } from '../../errors.js';
import { readResults } from '../../store/index.js';
import { inPlanOrder } from '../../sweep/plan.js';
import { createLogger } from '../log.js';

const FORMATS = ['csv', 'jsonl'] as const;
type ExportFormat = (typeof FORMATS)[number];

interface ExportArgs {
  dir: string;
  format: ExportFormat;
  out?: string;
}

export const exportCommand: CommandModule<object, ExportArgs> = {
  command: 'export <dir>',
  describe: 'Write one row per run (seed, params, outcome, statistics)',
  builder: (yargs) =>
    yargs
      .positional('dir', {
        type: 'string',
        demandOption: true,
        describe: 'A results folder written by `gansweep run`',
      })
      .option('format', {
        choices: FORMATS,
        demandOption: true,
        describe: 'csv (a header line, then one line a run) or jsonl',
      })
      .option('out', {
        type: 'string',
        describe: 'Write to this file instead of stdout',
      })
      .example('$0 export reports/article --format csv --out runs.csv', ''),
  handler: async (args) => {
    const log = createLogger();
    const results = await readResults(args.dir);
    for (const problem of results.problems) {
      log.warn(`left out ${problem.file}: ${problem.message}`);
    }

    // Plan order (group by group, seed by seed) reads better than run ids.
    const table = exportTable(inPlanOrder(results.records, results.sweep));
    const text = args.format === 'csv' ? toCsv(table) : toJsonl(table);
    if (args.out === undefined) {
      process.stdout.write(text);
      return;
    }

    writeOutput(args.out, text);
    log.info(`wrote ${table.rows.length} runs to ${args.out}`);
  },
};

function writeOutput(file: string, text: string): void {
  try {
    writeFileSync(file, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new UserError(`cannot write ${file} (${code})`);
  }
}
