/**
 * The Wilson interval and Fisher's exact test against published examples.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { fisherExact, wilsonInterval } from '../src/analysis/index.js';

function close(actual: number, expected: number, tolerance: number): void {
  assert.ok(
    Math.abs(actual - expected) <= tolerance,
    `${actual} is not within ${tolerance} of ${expected}`,
  );
}

describe('wilsonInterval', () => {
  it('8 of 10: 0.4902-0.9433 (tolerance 5e-5, the published rounding)', () => {
    // p = 0.8, z = 1.95996, z^2/n = 0.384146: centre 0.99208 / 1.384146
    // = 0.716745, half 1.416002 x sqrt(0.016 + 0.009604) = 0.226581.
    const interval = wilsonInterval(8, 10);
    assert.equal(interval.rate, 0.8);
    close(interval.low, 0.4902, 5e-5);
    close(interval.high, 0.9433, 5e-5);
  });

  it('matches Newcombe (1998) table I, method 3', () => {
    // 81/263 -> 0.2553-0.3662; 15/148 -> 0.0624-0.1605; 0/10 -> 0-0.2775.
    const cases: [number, number, number, number][] = [
      [81, 263, 0.2553, 0.3662],
      [15, 148, 0.0624, 0.1605],
      [0, 10, 0, 0.2775],
    ];
    for (const [k, n, low, high] of cases) {
      const interval = wilsonInterval(k, n);
      close(interval.low, low, 5e-5);
      close(interval.high, high, 5e-5);
    }
  });

  it('is [0, 1] with no rate when there are no trials', () => {
    assert.deepEqual(wilsonInterval(0, 0), { rate: null, low: 0, high: 1 });
  });

  it('rejects counts that are not counts', () => {
    assert.throws(() => wilsonInterval(11, 10), RangeError);
    assert.throws(() => wilsonInterval(1.5, 10), RangeError);
    assert.throws(() => wilsonInterval(-1, 10), RangeError);
  });
});

describe('fisherExact', () => {
  it('the lady tasting tea, 3 1 / 1 3: two-sided 0.4857, one-sided 0.2429', () => {
    // Margins 4, 4 of 8, so C(8, 4) = 70 tables; P(a) = C(4,a) C(4,4-a)/70
    // = 1, 16, 36, 16, 1 over 70 for a = 0..4. One-sided P(a >= 3) = 17/70;
    // two-sided sums the tables with P <= 16/70: 34/70.
    const test = fisherExact(3, 1, 1, 3);
    close(test.twoSided, 34 / 70, 1e-12);
    close(test.greater, 17 / 70, 1e-12);
    close(test.less, 69 / 70, 1e-12);
  });

  it("Wikipedia's dieting example, 1 9 / 11 3: two-sided 0.002759", () => {
    // Margins 10, 14, 12 of 24; P(a = 1) = 10 x C(14, 11) / C(24, 12)
    // = 3640 / 2704156 = 0.001346 (the figure Wikipedia prints), and
    // P(a <= 1) = (91 + 3640) / 2704156 = 0.0013797.
    const test = fisherExact(1, 9, 11, 3);
    close(test.twoSided, 0.002759, 5e-7);
    close(test.less, 3731 / 2704156, 1e-12);
  });

  it('1 of 10 against 8 of 10 healthy: 920 / 167960', () => {
    // Margins 10, 10, 9 of 20: C(10,x) C(10,9-x) = 10, 450, 5400, ...,
    // 450, 10. Observed 450: the tables at least as unlikely are x = 0, 1,
    // 8, 9, total 920 of C(20, 9) = 167960.
    close(fisherExact(1, 9, 8, 2).twoSided, 920 / 167960, 1e-12);
  });

  it('is 1 for identical or empty groups, and stays within [0, 1]', () => {
    assert.equal(fisherExact(0, 0, 0, 0).twoSided, 1);
    assert.equal(fisherExact(5, 5, 5, 5).twoSided, 1);
    const big = fisherExact(600, 400, 550, 450);
    assert.ok(big.twoSided > 0 && big.twoSided <= 1);
  });
});
