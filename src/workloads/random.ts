/**
 * Seeded random streams.
 *
 * Every stochastic part of a run draws from its own named stream, derived
 * from the run seed, so that drawing more real samples never changes the
 * initial weights, and so on. Nothing in gansweep draws from an unseeded
 * source.
 */
import seedrandom from 'seedrandom';

/**
 * Recorded in every result. `alea` rather than seedrandom's default ARC4:
 * one draw costs about 8 ns against 35-50 ns, and random numbers were about
 * 30% of a fast ARC4 round (see the fused engine's notes).
 */
export const RNG_ALGORITHM =
  'seedrandom alea, stream seed "<run seed>/<stream>"; normals by the Marsaglia polar method';

/** The independent streams of one run, in the order they are first used. */
export const STREAM_NAMES = ['weights', 'real', 'noise', 'final'] as const;
export type StreamName = (typeof STREAM_NAMES)[number];

/** A source of uniform and standard normal numbers. */
export class RandomStream {
  private readonly next: () => number;
  private spare = 0;
  private hasSpare = false;

  constructor(next: () => number) {
    this.next = next;
  }

  /** A uniform number in [0, 1). */
  uniform(): number {
    return this.next();
  }

  /**
   * A standard normal number by the Marsaglia polar method, which keeps the
   * second value of each accepted pair for the next call.
   */
  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }

    let u = 0;
    let v = 0;
    let s = 0;
    do {
      u = 2 * this.next() - 1;
      v = 2 * this.next() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);

    const scale = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * scale;
    this.hasSpare = true;
    return u * scale;
  }

  /** Fills `out` with U[low, high) numbers. */
  fillUniform(out: Float64Array, low: number, high: number): void {
    const width = high - low;
    for (let i = 0; i < out.length; i++) out[i] = low + width * this.next();
  }

  /** Fills `out` with N(mean, std^2) numbers. */
  fillNormal(out: Float64Array, mean: number, std: number): void {
    for (let i = 0; i < out.length; i++) out[i] = mean + std * this.normal();
  }
}

/** The named stream `name` of the run with seed `seed`. */
export function createStream(seed: number, name: StreamName): RandomStream {
  return new RandomStream(seedrandom.alea(`${seed}/${name}`));
}
