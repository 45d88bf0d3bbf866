/**
 * Analysis: final statistics, distances, outcome classification, per-group
 * rates and comparisons. Everything other stages use comes through here.
 */
export { classifyRun, settleOf, type ClassifyInput } from './classify.js';
export {
  ksToTarget,
  ksTwoSample,
  normalCdf,
  normalDensity,
  normalQuantile,
  wasserstein1ToTarget,
  wasserstein1TwoSample,
} from './distances.js';
export {
  exportTable,
  toCsv,
  toJsonl,
  type ExportCell,
  type ExportTable,
} from './export.js';
export { formatNumber, formatPercent } from './format.js';
export {
  fisherExact,
  wilsonInterval,
  type FisherResult,
  type RateInterval,
} from './proportions.js';
export {
  analyseRun,
  histogramOf,
  judgeSample,
  subsample,
  HISTOGRAM_BINS,
  SUBSAMPLE_SIZE,
  type RunAnalysis,
  type SampleJudgement,
} from './run.js';
export {
  parseNumber,
  parseSampleText,
  parseTargetOption,
} from './sample-file.js';
export { centralMoments, finalStatistics } from './statistics.js';
export {
  summarise,
  SUMMARY_SCHEMA_VERSION,
  type Comparison,
  type GroupSummary,
  type Spread,
  type Summary,
  type SummaryOptions,
  type SummaryRun,
} from './summary.js';
export { formatGroupsTable } from './table.js';
export {
  DEFAULT_THRESHOLDS,
  THRESHOLD_NAMES,
  resolveThresholds,
  validateThresholds,
} from './thresholds.js';
export * from './types.js';
