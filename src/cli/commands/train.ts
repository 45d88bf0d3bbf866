/**
 * `gansweep train`: one run from flags, its result as JSON on stdout.
 */
import { writeFileSync } from 'node:fs';
import type { CommandModule } from 'yargs';

import { analyseRun } from '../../analysis/index.js';
import { runSpecFromSets } from '../../config/index.js';
import { train } from '../../train/loop.js';
import { VERSION } from '../../version.js';

interface TrainArgs {
  set: string[];
  seed?: number;
  engine?: string;
  rounds?: number;
  sample?: string;
}

export const trainCommand: CommandModule<object, TrainArgs> = {
  command: 'train',
  describe: 'Train one run and print its result as JSON on stdout',
  builder: (yargs) =>
    yargs
      .option('set', {
        type: 'string',
        array: true,
        default: [],
        describe:
          'Override a run-spec key, e.g. --set training.rounds=500 --set discriminator.input=raw',
      })
      .option('seed', { type: 'number', describe: 'Same as --set seed=N' })
      .option('engine', {
        type: 'string',
        choices: ['fused', 'tfjs'],
        describe: 'Same as --set engine=NAME',
      })
      .option('rounds', {
        type: 'number',
        describe: 'Same as --set training.rounds=N',
      })
      .option('sample', {
        type: 'string',
        describe:
          'Also write the final generated sample to this file, one value a line (what `gansweep classify` reads)',
      })
      .example('$0 train --seed 3 --rounds 1000', 'a shorter article run')
      .example(
        '$0 train --engine tfjs --rounds 20 --sample out.txt',
        'the TensorFlow.js reference engine',
      ),
  handler: async (args) => {
    const spec = runSpecFromSets(shorthandSets(args));
    const progress = process.stderr.isTTY ? progressLine : undefined;
    const result = await train(spec, { onProgress: progress });
    if (progress) process.stderr.write('\n');

    const analysis = analyseRun(result, spec);
    if (args.sample) writeFileSync(args.sample, sampleText(result.finalSample));

    const { finalSample: _omitted, ...rest } = result;
    const output = {
      gansweepVersion: VERSION,
      spec,
      ...rest,
      outcome: analysis.outcome,
      verdict: analysis.verdict,
      statistics: analysis.statistics,
      histogram: analysis.histogram,
    };
    process.stdout.write(`${JSON.stringify(output)}\n`);
  },
};

/** The flag shorthands, turned into --set pairs placed after the user's own. */
function shorthandSets(args: TrainArgs): string[] {
  const sets = [...args.set];
  if (args.seed !== undefined) sets.push(`seed=${args.seed}`);
  if (args.engine !== undefined) sets.push(`engine=${args.engine}`);
  if (args.rounds !== undefined) sets.push(`training.rounds=${args.rounds}`);
  return sets;
}

function progressLine(round: number, rounds: number): void {
  process.stderr.write(`\rround ${round} of ${rounds}`);
}

function sampleText(sample: Float64Array): string {
  return `${Array.from(sample, (x) => String(x)).join('\n')}\n`;
}
