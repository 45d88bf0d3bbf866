/**
 * The config stage: sweep files and run specs in, planned runs out.
 */
export {
  describeSweep,
  defaultResultsDir,
  formatDescription,
} from './describe.js';
export type { SweepDescription } from './describe.js';
export { expandSweep, groupsOf } from './expand.js';
export type { PlannedGroup } from './expand.js';
export { SweepFileError, formatIssue } from './issues.js';
export type { ConfigIssue } from './issues.js';
export { loadSweepFile, parseSweep } from './load.js';
export type { SweepOverrides } from './load.js';
export type { PlannedRun, ResolvedSweep } from './plan.js';
export { canonicalJson, runIdOf } from './run-id.js';
export { resolveRunSpec, runSpecFromSets } from './run-spec.js';
export { resolvedSweepToYaml } from './serialize.js';
export { formatSeeds, parseSeeds } from './seeds.js';
export { defaultRunSpec } from './spec.js';
export type { RunSpec } from './spec.js';
export { sweepFileReference } from './reference.js';
