/**
 * Target distributions: what the generator should learn, and the exact
 * functions the analysis and the report compare against.
 */
import { errorFunction as erf } from 'simple-statistics';

import type { NoiseSpec, TargetSpec } from '../config/spec.js';
import type { RandomStream } from './random.js';

/** Fills `out` with independent draws from the target. */
export function sampleTarget(
  target: TargetSpec,
  stream: RandomStream,
  out: Float64Array,
): void {
  switch (target.kind) {
    case 'normal':
      stream.fillNormal(out, target.mean, target.std);
      return;
  }
}

/** Fills `out` with generator input noise, one value per sample. */
export function sampleNoise(
  noise: NoiseSpec,
  stream: RandomStream,
  out: Float64Array,
): void {
  switch (noise.kind) {
    case 'uniform':
      stream.fillUniform(out, noise.low, noise.high);
      return;
  }
}

/** The target's mean. */
export function targetMean(target: TargetSpec): number {
  return target.mean;
}

/** The target's standard deviation. */
export function targetStd(target: TargetSpec): number {
  return target.std;
}

/** The target's probability density at x. */
export function targetDensity(target: TargetSpec, x: number): number {
  switch (target.kind) {
    case 'normal': {
      const z = (x - target.mean) / target.std;
      return Math.exp(-0.5 * z * z) / (target.std * Math.sqrt(2 * Math.PI));
    }
  }
}

/** The target's cumulative distribution function at x. */
export function targetCdf(target: TargetSpec, x: number): number {
  switch (target.kind) {
    case 'normal':
      return 0.5 * (1 + erf((x - target.mean) / (target.std * Math.SQRT2)));
  }
}
