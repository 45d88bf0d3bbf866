/**
 * The results folder: atomic per-run records, resume, merging shards.
 */
export {
  isTemporaryName,
  writeFileAtomic,
  createFileExclusive,
} from './atomic.js';
export {
  resultsLayout,
  recordPath,
  SWEEP_FILE,
  RUNS_FOLDER,
  SUMMARY_FILE,
  REPORT_FILE,
  type ResultsLayout,
} from './layout.js';
export { readResults, readSweep, type Results } from './results.js';
export {
  readRecords,
  type RecordsRead,
  type ResultsProblem,
} from './records.js';
export {
  prepareResultsFolder,
  parseSweepFile,
  requireSameSweep,
} from './sweep-file.js';
export {
  RECORD_SCHEMA_VERSION,
  TIMING_FIELDS,
  type RunRecord,
} from './record.js';
export { parseRecord, serialiseRecord, type ParsedRecord } from './schema.js';
export {
  writeRecord,
  moveResultsAside,
  writeSummary,
  firstDifference,
} from './write.js';
