/** Scaffolding: replaced by the real engine before this lands. */
import type { RunSpec } from '../../config/spec.js';
import type { Engine } from '../engine.js';
import type { Parameters } from '../parameters.js';

export async function createFusedEngine(
  spec: RunSpec,
  initial: Parameters,
): Promise<Engine> {
  throw new Error('the fused engine is not built yet');
}
