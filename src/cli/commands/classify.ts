/**
 * `gansweep classify FILE`: judge a sample set trained elsewhere by the same
 * rules as a sweep's runs.
 */
import { readFileSync } from 'node:fs';
import type { CommandModule } from 'yargs';

import {
  formatNumber as fmt,
  judgeSample,
  parseSampleText,
  parseTargetOption,
  parseNumber,
  type SampleJudgement,
  validateThresholds,
} from '../../analysis/index.js';
import type { TargetSpec } from '../../config/spec.js';
import { UserError } from '../../errors.js';
import { createLogger } from '../log.js';

interface ClassifyArgs {
  file: string;
  target: string;
  threshold: string[];
  json: boolean;
}

/** The article's target, N(4, 1.25). */
const DEFAULT_TARGET = 'normal:4,1.25';

export const classifyCommand: CommandModule<object, ClassifyArgs> = {
  command: 'classify <file>',
  describe: 'Judge a sample set (one number per line, or a JSON array)',
  builder: (yargs) =>
    yargs
      .positional('file', {
        type: 'string',
        demandOption: true,
        describe: 'The generated sample: one number per line or a JSON array',
      })
      .option('target', {
        type: 'string',
        default: DEFAULT_TARGET,
        describe: 'The distribution the generator should learn',
      })
      .option('threshold', {
        type: 'string',
        array: true,
        default: [],
        describe:
          'Override an outcome threshold as in a sweep file, e.g. --threshold narrowStd=0.8',
      })
      .option('json', {
        type: 'boolean',
        default: false,
        describe: 'Print one JSON line instead of text',
      })
      .example(
        '$0 classify samples.txt',
        'against the article target N(4, 1.25)',
      )
      .example('$0 classify run.json --target normal:0,1 --json', ''),
  handler: (args) => {
    const target = parseTargetOption(args.target);
    const sample = parseSampleText(readSample(args.file), args.file);
    const thresholds = validateThresholds(
      parseThresholdFlags(args.threshold),
      'threshold',
    );
    const judgement = judgeSample(sample, target, thresholds);

    const log = createLogger();
    if (args.json) {
      log.result(JSON.stringify({ file: args.file, target, ...judgement }));
    } else {
      log.result(describeJudgement(args.file, target, judgement));
    }
  },
};

/** NAME=VALUE pairs; the names and values are checked by validateThresholds. */
function parseThresholdFlags(pairs: string[]): Record<string, unknown> {
  const overrides: Record<string, unknown> = {};
  for (const pair of pairs) {
    const [name, value, ...rest] = pair.split('=');
    if (value === undefined || rest.length > 0 || name.trim() === '') {
      throw new UserError(
        `--threshold ${JSON.stringify(pair)} is not NAME=VALUE`,
        'For example --threshold narrowStd=0.8.',
      );
    }
    overrides[name.trim()] = parseNumber(value.trim()) ?? value;
  }

  return overrides;
}

function readSample(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new UserError(`cannot read ${file} (${code})`);
  }
}

function describeJudgement(
  file: string,
  target: TargetSpec,
  judgement: SampleJudgement,
): string {
  const s = judgement.statistics;
  const q = s.quantiles;
  return [
    `${file}: ${s.count} values, target N(${fmt(target.mean)}, ${fmt(target.std)})`,
    `  mean ${fmt(s.mean)}  std ${fmt(s.std)}  skewness ${fmt(s.skewness)}  excess kurtosis ${fmt(s.excessKurtosis)}`,
    `  min ${fmt(s.min)}  p05 ${fmt(q.p05)}  p25 ${fmt(q.p25)}  median ${fmt(q.p50)}  p75 ${fmt(q.p75)}  p95 ${fmt(q.p95)}  max ${fmt(s.max)}`,
    `  Wasserstein-1 ${fmt(s.wasserstein1)}  KS ${fmt(s.ks)}  within 3 target std ${fmt(s.within3Std)}`,
    `outcome: ${judgement.outcome} (${judgement.rule})`,
    `reason: ${judgement.reason}`,
    'settled: unknown (a sample file has no trajectory)',
  ].join('\n');
}
