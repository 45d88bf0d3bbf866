/**
 * Picks the engine a spec names. Each engine is imported only when used, so
 * a worker running the fused engine never loads TensorFlow.js.
 */
import type { RunSpec } from '../config/spec.js';
import type { Engine } from './engine.js';
import type { Parameters } from './parameters.js';

export async function createEngine(
  spec: RunSpec,
  initial: Parameters,
): Promise<Engine> {
  switch (spec.engine) {
    case 'fused': {
      const { createFusedEngine } = await import('./fused/engine.js');
      return createFusedEngine(spec, initial);
    }
    case 'tfjs': {
      const { createTfjsEngine } = await import('./tfjs/engine.js');
      return createTfjsEngine(spec, initial);
    }
  }
}
