/**
 * The fast path: the article's generator (1 -> 5 -> 5 -> 1, tanh hidden
 * layers, linear output) as straight-line code with its weights in locals.
 *
 * Why it exists: the generator's forward pass is about 70% of a round and
 * tanh most of that (500 samples x 10 units x 40 steps). Written as loops
 * over the layer widths, V8 reloads every weight from the array for every
 * sample; written out, the weights stay in registers and the inlined tanh
 * runs without a call. It computes exactly what `Network` computes, in the
 * same order (bias first, then inputs in order; per parameter, samples in
 * order), so a run gives the same bits on either path; the tests check it.
 *
 * The functions here are long on purpose: splitting them would undo the
 * reason they exist.
 */
import { TANH_TABLE } from './activation.js';

/** Hidden widths this path handles. */
export const FAST_HIDDEN = [5, 5] as const;

/*
 * Parameter layout of 1 -> 5 -> 5 -> 1 (src/engines/parameters.ts):
 * W1 0..4, b1 5..9, W2 10..34 (W2[o * 5 + j]), b2 35..39, W3 40..44, b3 45.
 */
const W2 = 10;
const B2 = 35;
const W3 = 40;
const B3 = 45;

/*
 * The constants of `tanh` in activation.ts, repeated here because V8 reads
 * an imported binding from its module cell at every use: imported, they made
 * this loop 40% slower (measured). They must stay equal to activation.ts's;
 * the test that both paths give identical runs fails if they drift.
 */
const TANH_LIMIT = 19.5;
const TANH_STEPS = 64;
const TANH_ROUND = 1248.5;
const TANH_OFFSET = 1248;
const TANH_C1 = -1 / 3;
const TANH_C2 = 2 / 15;
const TANH_C3 = -17 / 315;

/**
 * Runs `rows` noise values input[offset + i]; writes the hidden layers'
 * outputs to h1 and h2 (rows x 5) and the samples to out[i].
 */
// prettier-ignore
export function fastGeneratorForward(
  p: Float64Array,
  input: Float64Array,
  offset: number,
  rows: number,
  h1: Float64Array,
  h2: Float64Array,
  out: Float64Array,
): void {
  const a0 = p[0], a1 = p[1], a2 = p[2], a3 = p[3], a4 = p[4];
  const c0 = p[5], c1 = p[6], c2 = p[7], c3 = p[8], c4 = p[9];
  const w00 = p[W2], w01 = p[W2 + 1], w02 = p[W2 + 2], w03 = p[W2 + 3], w04 = p[W2 + 4];
  const w10 = p[W2 + 5], w11 = p[W2 + 6], w12 = p[W2 + 7], w13 = p[W2 + 8], w14 = p[W2 + 9];
  const w20 = p[W2 + 10], w21 = p[W2 + 11], w22 = p[W2 + 12], w23 = p[W2 + 13], w24 = p[W2 + 14];
  const w30 = p[W2 + 15], w31 = p[W2 + 16], w32 = p[W2 + 17], w33 = p[W2 + 18], w34 = p[W2 + 19];
  const w40 = p[W2 + 20], w41 = p[W2 + 21], w42 = p[W2 + 22], w43 = p[W2 + 23], w44 = p[W2 + 24];
  const d0 = p[B2], d1 = p[B2 + 1], d2 = p[B2 + 2], d3 = p[B2 + 3], d4 = p[B2 + 4];
  const v0 = p[W3], v1 = p[W3 + 1], v2 = p[W3 + 2], v3 = p[W3 + 3], v4 = p[W3 + 4];
  const e = p[B3];
  const table = TANH_TABLE;

  for (let i = 0; i < rows; i++) {
    const x = input[offset + i];
    let k = 0, r = 0, z = 0, t = 0, big = 0;

    // First hidden layer; each tanh is `tanh` of activation.ts, inlined.
    let u0 = c0 + a0 * x;
    u0 = Math.min(Math.max(u0, -TANH_LIMIT), TANH_LIMIT);
    k = (u0 * TANH_STEPS + TANH_ROUND) | 0;
    r = u0 - (k - TANH_OFFSET) / TANH_STEPS;
    z = r * r;
    t = r + r * z * (TANH_C1 + z * (TANH_C2 + z * TANH_C3));
    big = table[k];
    u0 = (big + t) / (1 + big * t);
    let u1 = c1 + a1 * x;
    u1 = Math.min(Math.max(u1, -TANH_LIMIT), TANH_LIMIT);
    k = (u1 * TANH_STEPS + TANH_ROUND) | 0;
    r = u1 - (k - TANH_OFFSET) / TANH_STEPS;
    z = r * r;
    t = r + r * z * (TANH_C1 + z * (TANH_C2 + z * TANH_C3));
    big = table[k];
    u1 = (big + t) / (1 + big * t);
    let u2 = c2 + a2 * x;
    u2 = Math.min(Math.max(u2, -TANH_LIMIT), TANH_LIMIT);
    k = (u2 * TANH_STEPS + TANH_ROUND) | 0;
    r = u2 - (k - TANH_OFFSET) / TANH_STEPS;
    z = r * r;
    t = r + r * z * (TANH_C1 + z * (TANH_C2 + z * TANH_C3));
    big = table[k];
    u2 = (big + t) / (1 + big * t);
    let u3 = c3 + a3 * x;
    u3 = Math.min(Math.max(u3, -TANH_LIMIT), TANH_LIMIT);
    k = (u3 * TANH_STEPS + TANH_ROUND) | 0;
    r = u3 - (k - TANH_OFFSET) / TANH_STEPS;
    z = r * r;
    t = r + r * z * (TANH_C1 + z * (TANH_C2 + z * TANH_C3));
    big = table[k];
    u3 = (big + t) / (1 + big * t);
    let u4 = c4 + a4 * x;
    u4 = Math.min(Math.max(u4, -TANH_LIMIT), TANH_LIMIT);
    k = (u4 * TANH_STEPS + TANH_ROUND) | 0;
    r = u4 - (k - TANH_OFFSET) / TANH_STEPS;
    z = r * r;
    t = r + r * z * (TANH_C1 + z * (TANH_C2 + z * TANH_C3));
    big = table[k];
    u4 = (big + t) / (1 + big * t);

    // Second hidden layer: bias first, then inputs in order.
    let s0 = d0 + w00 * u0 + w01 * u1 + w02 * u2 + w03 * u3 + w04 * u4;
    s0 = Math.min(Math.max(s0, -TANH_LIMIT), TANH_LIMIT);
    k = (s0 * TANH_STEPS + TANH_ROUND) | 0;
    r = s0 - (k - TANH_OFFSET) / TANH_STEPS;
    z = r * r;
    t = r + r * z * (TANH_C1 + z * (TANH_C2 + z * TANH_C3));
    big = table[k];
    s0 = (big + t) / (1 + big * t);
    let s1 = d1 + w10 * u0 + w11 * u1 + w12 * u2 + w13 * u3 + w14 * u4;
    s1 = Math.min(Math.max(s1, -TANH_LIMIT), TANH_LIMIT);
    k = (s1 * TANH_STEPS + TANH_ROUND) | 0;
    r = s1 - (k - TANH_OFFSET) / TANH_STEPS;
    z = r * r;
    t = r + r * z * (TANH_C1 + z * (TANH_C2 + z * TANH_C3));
    big = table[k];
    s1 = (big + t) / (1 + big * t);
    let s2 = d2 + w20 * u0 + w21 * u1 + w22 * u2 + w23 * u3 + w24 * u4;
    s2 = Math.min(Math.max(s2, -TANH_LIMIT), TANH_LIMIT);
    k = (s2 * TANH_STEPS + TANH_ROUND) | 0;
    r = s2 - (k - TANH_OFFSET) / TANH_STEPS;
    z = r * r;
    t = r + r * z * (TANH_C1 + z * (TANH_C2 + z * TANH_C3));
    big = table[k];
    s2 = (big + t) / (1 + big * t);
    let s3 = d3 + w30 * u0 + w31 * u1 + w32 * u2 + w33 * u3 + w34 * u4;
    s3 = Math.min(Math.max(s3, -TANH_LIMIT), TANH_LIMIT);
    k = (s3 * TANH_STEPS + TANH_ROUND) | 0;
    r = s3 - (k - TANH_OFFSET) / TANH_STEPS;
    z = r * r;
    t = r + r * z * (TANH_C1 + z * (TANH_C2 + z * TANH_C3));
    big = table[k];
    s3 = (big + t) / (1 + big * t);
    let s4 = d4 + w40 * u0 + w41 * u1 + w42 * u2 + w43 * u3 + w44 * u4;
    s4 = Math.min(Math.max(s4, -TANH_LIMIT), TANH_LIMIT);
    k = (s4 * TANH_STEPS + TANH_ROUND) | 0;
    r = s4 - (k - TANH_OFFSET) / TANH_STEPS;
    z = r * r;
    t = r + r * z * (TANH_C1 + z * (TANH_C2 + z * TANH_C3));
    big = table[k];
    s4 = (big + t) / (1 + big * t);

    const row = i * 5;
    h1[row] = u0; h1[row + 1] = u1; h1[row + 2] = u2; h1[row + 3] = u3; h1[row + 4] = u4;
    h2[row] = s0; h2[row + 1] = s1; h2[row + 2] = s2; h2[row + 3] = s3; h2[row + 4] = s4;
    out[i] = e + v0 * s0 + v1 * s1 + v2 * s2 + v3 * s3 + v4 * s4;
  }
}

/**
 * Sets `g` to the generator's parameter gradient for `rows` noise values
 * input[i], given d(loss)/d(sample i) in gradOut[i] and the hidden outputs
 * that `fastGeneratorForward` kept for the same rows.
 */
// prettier-ignore
export function fastGeneratorBackward(
  p: Float64Array,
  input: Float64Array,
  rows: number,
  h1: Float64Array,
  h2: Float64Array,
  gradOut: Float64Array,
  g: Float64Array,
): void {
  const w00 = p[W2], w01 = p[W2 + 1], w02 = p[W2 + 2], w03 = p[W2 + 3], w04 = p[W2 + 4];
  const w10 = p[W2 + 5], w11 = p[W2 + 6], w12 = p[W2 + 7], w13 = p[W2 + 8], w14 = p[W2 + 9];
  const w20 = p[W2 + 10], w21 = p[W2 + 11], w22 = p[W2 + 12], w23 = p[W2 + 13], w24 = p[W2 + 14];
  const w30 = p[W2 + 15], w31 = p[W2 + 16], w32 = p[W2 + 17], w33 = p[W2 + 18], w34 = p[W2 + 19];
  const w40 = p[W2 + 20], w41 = p[W2 + 21], w42 = p[W2 + 22], w43 = p[W2 + 23], w44 = p[W2 + 24];
  const v0 = p[W3], v1 = p[W3 + 1], v2 = p[W3 + 2], v3 = p[W3 + 3], v4 = p[W3 + 4];

  let ga0 = 0, ga1 = 0, ga2 = 0, ga3 = 0, ga4 = 0;
  let gc0 = 0, gc1 = 0, gc2 = 0, gc3 = 0, gc4 = 0;
  let g00 = 0, g01 = 0, g02 = 0, g03 = 0, g04 = 0;
  let g10 = 0, g11 = 0, g12 = 0, g13 = 0, g14 = 0;
  let g20 = 0, g21 = 0, g22 = 0, g23 = 0, g24 = 0;
  let g30 = 0, g31 = 0, g32 = 0, g33 = 0, g34 = 0;
  let g40 = 0, g41 = 0, g42 = 0, g43 = 0, g44 = 0;
  let gd0 = 0, gd1 = 0, gd2 = 0, gd3 = 0, gd4 = 0;
  let gv0 = 0, gv1 = 0, gv2 = 0, gv3 = 0, gv4 = 0;
  let ge = 0;

  for (let i = 0; i < rows; i++) {
    const x = input[i];
    const dy = gradOut[i];
    const k = i * 5;
    const u0 = h1[k], u1 = h1[k + 1], u2 = h1[k + 2], u3 = h1[k + 3], u4 = h1[k + 4];
    const s0 = h2[k], s1 = h2[k + 1], s2 = h2[k + 2], s3 = h2[k + 3], s4 = h2[k + 4];

    // Output layer (linear): its delta is dy.
    gv0 += dy * s0; gv1 += dy * s1; gv2 += dy * s2; gv3 += dy * s3; gv4 += dy * s4;
    ge += dy;

    // Second hidden layer: delta = (v_o dy) (1 - s_o^2).
    const q0 = v0 * dy * (1 - s0 * s0);
    const q1 = v1 * dy * (1 - s1 * s1);
    const q2 = v2 * dy * (1 - s2 * s2);
    const q3 = v3 * dy * (1 - s3 * s3);
    const q4 = v4 * dy * (1 - s4 * s4);
    g00 += q0 * u0; g01 += q0 * u1; g02 += q0 * u2; g03 += q0 * u3; g04 += q0 * u4;
    g10 += q1 * u0; g11 += q1 * u1; g12 += q1 * u2; g13 += q1 * u3; g14 += q1 * u4;
    g20 += q2 * u0; g21 += q2 * u1; g22 += q2 * u2; g23 += q2 * u3; g24 += q2 * u4;
    g30 += q3 * u0; g31 += q3 * u1; g32 += q3 * u2; g33 += q3 * u3; g34 += q3 * u4;
    g40 += q4 * u0; g41 += q4 * u1; g42 += q4 * u2; g43 += q4 * u3; g44 += q4 * u4;
    gd0 += q0; gd1 += q1; gd2 += q2; gd3 += q3; gd4 += q4;

    // First hidden layer: delta = (sum_o W2[o, j] q_o) (1 - u_j^2).
    const r0 = (w00 * q0 + w10 * q1 + w20 * q2 + w30 * q3 + w40 * q4) * (1 - u0 * u0);
    const r1 = (w01 * q0 + w11 * q1 + w21 * q2 + w31 * q3 + w41 * q4) * (1 - u1 * u1);
    const r2 = (w02 * q0 + w12 * q1 + w22 * q2 + w32 * q3 + w42 * q4) * (1 - u2 * u2);
    const r3 = (w03 * q0 + w13 * q1 + w23 * q2 + w33 * q3 + w43 * q4) * (1 - u3 * u3);
    const r4 = (w04 * q0 + w14 * q1 + w24 * q2 + w34 * q3 + w44 * q4) * (1 - u4 * u4);
    ga0 += r0 * x; ga1 += r1 * x; ga2 += r2 * x; ga3 += r3 * x; ga4 += r4 * x;
    gc0 += r0; gc1 += r1; gc2 += r2; gc3 += r3; gc4 += r4;
  }

  g[0] = ga0; g[1] = ga1; g[2] = ga2; g[3] = ga3; g[4] = ga4;
  g[5] = gc0; g[6] = gc1; g[7] = gc2; g[8] = gc3; g[9] = gc4;
  g[W2] = g00; g[W2 + 1] = g01; g[W2 + 2] = g02; g[W2 + 3] = g03; g[W2 + 4] = g04;
  g[W2 + 5] = g10; g[W2 + 6] = g11; g[W2 + 7] = g12; g[W2 + 8] = g13; g[W2 + 9] = g14;
  g[W2 + 10] = g20; g[W2 + 11] = g21; g[W2 + 12] = g22; g[W2 + 13] = g23; g[W2 + 14] = g24;
  g[W2 + 15] = g30; g[W2 + 16] = g31; g[W2 + 17] = g32; g[W2 + 18] = g33; g[W2 + 19] = g34;
  g[W2 + 20] = g40; g[W2 + 21] = g41; g[W2 + 22] = g42; g[W2 + 23] = g43; g[W2 + 24] = g44;
  g[B2] = gd0; g[B2 + 1] = gd1; g[B2 + 2] = gd2; g[B2 + 3] = gd3; g[B2 + 4] = gd4;
  g[W3] = gv0; g[W3 + 1] = gv1; g[W3 + 2] = gv2; g[W3 + 3] = gv3; g[W3 + 4] = gv4;
  g[B3] = ge;
}
