/**
 * `gansweep status DIR`: progress and outcome counts of a sweep from its
 * results folder alone, plus the groups table so far.
 */
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';

import { formatGroupsTable, OUTCOMES } from '../../analysis/index.js';
import { sweepStatus, type SweepStatus } from '../../sweep/index.js';
import { createLogger } from '../log.js';

interface StatusArgs {
  dir: string;
  json: boolean;
}

export const statusCommand: CommandModule<object, StatusArgs> = {
  command: 'status <dir>',
  describe:
    "Show a sweep's progress and outcome counts from its results folder",
  builder: (yargs: Argv) =>
    yargs
      .positional('dir', {
        describe: 'The results folder (what `gansweep run` wrote)',
        type: 'string',
        demandOption: true,
      })
      .option('json', {
        describe: 'Print the counts and the summary as JSON',
        type: 'boolean',
        default: false,
      })
      .example(
        '$0 status reports/article',
        'how far the article sweep got',
      ) as unknown as Argv<StatusArgs>,
  handler: async (args: ArgumentsCamelCase<StatusArgs>) => {
    const status = await sweepStatus(args.dir);
    const log = createLogger();
    log.result(
      args.json ? JSON.stringify(status, null, 2) : formatStatus(status),
    );
  },
};

/** A few lines of counts, any problems, then the groups table. */
export function formatStatus(status: SweepStatus): string {
  const percent =
    status.expected === 0 ? 100 : (100 * status.recorded) / status.expected;
  const lines = [
    `sweep ${status.sweepName} in ${status.dir}: ${status.recorded} of ${status.expected} runs recorded (${percent.toFixed(0)}%), ${status.failed} failed, ${status.untrusted} untrusted, ${status.missing} not run yet`,
  ];

  const outcomes = OUTCOMES.filter((o) => status.outcomes[o] > 0).map(
    (o) => `${o} ${status.outcomes[o]}`,
  );
  if (outcomes.length > 0) lines.push(`outcomes: ${outcomes.join(', ')}`);

  const rerun = status.failed + status.untrusted + status.missing;
  if (rerun > 0) {
    lines.push(
      `${rerun} runs left: \`gansweep run <sweep.yaml> --out ${status.dir}\` runs the missing, failed and untrusted ones`,
    );
  }
  for (const problem of status.problems) {
    lines.push(`untrusted record ${problem.file}: ${problem.message}`);
  }
  if (status.unexpected.length > 0) {
    lines.push(
      `${status.unexpected.length} records not in this sweep: ${status.unexpected.join(', ')}`,
    );
  }
  if (status.strayFiles.length > 0) {
    lines.push(
      `${status.strayFiles.length} temporary files in runs/ (left by a killed writer; ignored, safe to delete when nothing runs)`,
    );
  }

  lines.push('', formatGroupsTable(status.summary));
  return lines.join('\n');
}
