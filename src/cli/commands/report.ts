/**
 * `gansweep report DIR [DIR ...] [--out FILE]`: write the offline HTML
 * report of one results folder, or one report comparing several.
 */
import { statSync } from 'node:fs';

import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';

import { writeReport } from '../../report/index.js';
import { createLogger } from '../log.js';

interface ReportArgs {
  dirs: string[];
  out?: string;
}

export const reportCommand: CommandModule<object, ReportArgs> = {
  command: 'report <dirs..>',
  describe:
    'Write the offline HTML report of a results folder (several folders: one report comparing them)',
  builder: (yargs: Argv) =>
    yargs
      .positional('dirs', {
        describe: 'Results folders written by `gansweep run`',
        type: 'string',
        array: true,
        demandOption: true,
      })
      .option('out', {
        describe:
          "Where to write the report (default DIR/report.html; for several folders, the first one's comparison-report.html)",
        type: 'string',
      }) as unknown as Argv<ReportArgs>,
  handler: async (args: ArgumentsCamelCase<ReportArgs>) => {
    const file = await writeReport(args.dirs, args.out);

    const kilobytes = Math.round(statSync(file).size / 1024);
    createLogger().result(`${file} (${kilobytes} kB)`);
  },
};
