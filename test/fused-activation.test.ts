/**
 * The fused engine's own tanh against Math.tanh, and every activation's
 * slope against central differences.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { ACTIVATIONS } from '../src/config/spec.js';
import {
  activate,
  activationCode,
  activationSlope,
  sigmoid,
  softplus,
  tanh,
  TANH_TABLE,
} from '../src/engines/fused/activation.js';

test('tanh is within 1e-15 relative of Math.tanh', () => {
  // Measured worst case 6.6e-16 (Math.tanh itself is within about 1 ulp,
  // 1.1e-16 relative, of the true value). Points: a fine grid across the
  // whole table, the table's own knots and midpoints, and tiny values.
  let worst = 0;
  const check = (x: number) => {
    const want = Math.tanh(x);
    if (want === 0) return assert.equal(tanh(x), 0);
    worst = Math.max(worst, Math.abs(tanh(x) - want) / Math.abs(want));
  };
  for (let i = -220000; i <= 220000; i++) check(i * 1e-4 + 1e-9 * (i % 7));
  for (let k = -1280; k <= 1280; k++) {
    check(k / 64);
    check(k / 64 + 1 / 128);
  }
  for (let e = -300; e <= 0; e += 3) {
    check(10 ** e);
    check(-(10 ** e));
  }
  assert.ok(worst <= 1e-15, `worst relative error ${worst}`);
});

test('tanh at the edges: saturation, infinities, NaN', () => {
  // Inputs beyond +-19.5 are clamped onto the table's ends, which must hold
  // exactly +-1 for the clamp to leave results unchanged.
  assert.equal(TANH_TABLE[0], -1);
  assert.equal(TANH_TABLE[TANH_TABLE.length - 1], 1);
  assert.equal(tanh(19.5), 1);
  assert.equal(tanh(-19.5), -1);
  assert.equal(tanh(19.6), 1);
  assert.equal(tanh(-19.6), -1);
  assert.equal(tanh(1e300), 1);
  assert.equal(tanh(-1e300), -1);
  assert.equal(tanh(Infinity), 1);
  assert.equal(tanh(-Infinity), -1);
  assert.ok(Number.isNaN(tanh(NaN)));
  assert.equal(tanh(0), 0);
});

test('softplus and sigmoid: worked values and no overflow', () => {
  // softplus(0) = ln 2; softplus(x) = x + ln(1 + e^-x) -> x for large x.
  assert.ok(Math.abs(softplus(0) - Math.LN2) < 1e-15);
  assert.equal(softplus(1000), 1000);
  assert.equal(softplus(-1000), 0);
  // softplus(2) = ln(1 + e^2) = 2.1269280110429727.
  assert.ok(Math.abs(softplus(2) - 2.1269280110429727) < 1e-15);
  assert.equal(sigmoid(0), 0.5);
  assert.equal(sigmoid(-1000), 0);
});

test('every activation: worked values and slopes match central differences', () => {
  // elu(-1) = e^-1 - 1; leaky-relu(-2) = -0.02 (slope 0.01, PyTorch's).
  const at = (name: (typeof ACTIVATIONS)[number], a: number) =>
    activate(activationCode(name), a);
  assert.ok(Math.abs(at('elu', -1) - (Math.exp(-1) - 1)) < 1e-15);
  assert.equal(at('leaky-relu', -2), -0.02);
  assert.equal(at('relu', -2), 0);
  assert.equal(at('linear', -2), -2);

  // Away from the kink at 0, step 1e-6: error about 1e-10.
  const h = 1e-6;
  for (const name of ACTIVATIONS) {
    const code = activationCode(name);
    for (const a of [-2.5, -0.7, -0.01, 0.01, 0.3, 1.9]) {
      const want = (activate(code, a + h) - activate(code, a - h)) / (2 * h);
      const got = activationSlope(code, activate(code, a));
      assert.ok(
        Math.abs(got - want) < 1e-8,
        `${name} at ${a}: ${got} vs ${want}`,
      );
    }
  }
});
