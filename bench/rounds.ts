/**
 * Timing helpers shared by the benchmark scripts: whole rounds of the
 * round loop (same streams, same order as src/train/loop.ts, no
 * trajectory), timed by the wall clock and by this process's CPU time.
 */
import type { RunSpec } from '../src/config/spec.js';
import type { Engine } from '../src/engines/engine.js';
import { createStream, type RandomStream } from '../src/workloads/random.js';
import { sampleNoise, sampleTarget } from '../src/workloads/target.js';

/** Milliseconds per round, by the wall clock and by process CPU time. */
export interface RoundTiming {
  wallMs: number;
  cpuMs: number;
}

/**
 * Runs whole rounds of `spec` on `engine`; the buffers and streams are made
 * once, so a call allocates nothing beyond what the engine does.
 */
export class RoundRunner {
  private readonly real: Float64Array;
  private readonly noise: Float64Array;
  private readonly losses = new Float64Array(3);
  private readonly realStream: RandomStream;
  private readonly noiseStream: RandomStream;

  constructor(
    private readonly spec: RunSpec,
    private readonly engine: Engine,
  ) {
    this.real = new Float64Array(spec.training.minibatch);
    this.noise = new Float64Array(spec.training.minibatch);
    this.realStream = createStream(spec.seed, 'real');
    this.noiseStream = createStream(spec.seed, 'noise');
  }

  run(rounds: number): void {
    const { training, workload } = this.spec;
    for (let round = 0; round < rounds; round++) {
      for (let s = 0; s < training.discriminatorSteps; s++) {
        sampleTarget(workload.target, this.realStream, this.real);
        sampleNoise(workload.noise, this.noiseStream, this.noise);
        this.engine.discriminatorStep(this.real, this.noise, this.losses);
      }
      for (let s = 0; s < training.generatorSteps; s++) {
        sampleNoise(workload.noise, this.noiseStream, this.noise);
        this.engine.generatorStep(this.noise, this.losses);
      }
    }
  }

  /** Times `rounds` rounds. */
  time(rounds: number): RoundTiming {
    const wall = performance.now();
    const cpu = process.cpuUsage();
    this.run(rounds);
    const used = process.cpuUsage(cpu);
    return {
      wallMs: (performance.now() - wall) / rounds,
      cpuMs: (used.user + used.system) / 1000 / rounds,
    };
  }

  /** Medians, separately, of wall and CPU time over `chunks` timings. */
  timeMedian(chunks: number, rounds: number): RoundTiming {
    const timings: RoundTiming[] = [];
    for (let c = 0; c < chunks; c++) timings.push(this.time(rounds));
    return {
      wallMs: median(timings.map((t) => t.wallMs)),
      cpuMs: median(timings.map((t) => t.cpuMs)),
    };
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Peak and current resident memory of this process, in MB (Linux only). */
export async function residentMemory(): Promise<{
  peakMb: number;
  currentMb: number;
} | null> {
  const { readFile } = await import('node:fs/promises');
  try {
    const status = await readFile('/proc/self/status', 'utf8');
    const field = (name: string) => {
      const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
      return match === null ? NaN : Number(match[1]) / 1024;
    };
    return { peakMb: field('VmHWM'), currentMb: field('VmRSS') };
  } catch {
    return null;
  }
}
