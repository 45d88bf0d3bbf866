import assert from 'node:assert/strict';
import { test } from 'node:test';

import { displayBins } from '../src/report/charts/distributions.js';
import { pickEvenly, round, selectionNote } from '../src/report/thin.js';

test('narrow bins merge a whole number at a time into densities', () => {
  // Target N(0, 1): the panel reaches [-4, 4], so bins must be at least
  // 8 / 60 = 0.133 wide; bins of 0.1 merge in pairs (factor ceil(1.33) = 2)
  // into width 0.2. Counts 10+30 and 60+0 of 100 give densities
  // 40 / (100 * 0.2) = 2 and 60 / (100 * 0.2) = 3, whose area is
  // (2 + 3) * 0.2 = 1. The range is padded by 3% of 8 = 0.24 each side.
  const bins = displayBins(
    { start: 0, width: 0.1, counts: [10, 30, 60, 0] },
    0,
    1,
  );
  assert.deepEqual(bins, { lo: -4.24, hi: 4.24, s: 0, w: 0.2, c: [2, 3] });
});

test('wide bins stay as recorded and widen the range', () => {
  // Bins of 1 over [2, 12): wider than 8 / 60, kept. The range is the
  // union of [-4, 4] and [2, 12], [-4, 12], padded by 0.48 each side.
  // Densities: 5 / (10 * 1) = 0.5 for each of the two filled bins.
  const counts = [5, 0, 0, 0, 0, 0, 0, 0, 0, 5];
  const bins = displayBins({ start: 2, width: 1, counts }, 0, 1);
  assert.equal(bins.lo, -4.48);
  assert.equal(bins.hi, 12.48);
  assert.equal(bins.w, 1);
  assert.deepEqual(bins.c, [0.5, 0, 0, 0, 0, 0, 0, 0, 0, 0.5]);
});

test('a spike far from the target shows as one visible bar', () => {
  // 40 bins of 0.0001 from -11.002 (all within 0.004 of -11), target
  // N(4, 1.25): the range is the union of [-11.002, -10.998] and [-1, 9],
  // 20.002 wide, so bins must be 20.002 / 60 = 0.33337 wide: factor
  // ceil(3333.7) = 3334, width 0.3334, and all 40 bins fall in one bar of
  // density 1 / 0.3334 = 2.9994, rounded to 2.999.
  const counts = new Array<number>(40).fill(250);
  const bins = displayBins({ start: -11.002, width: 0.0001, counts }, 4, 1.25);
  assert.equal(bins.w, 0.3334);
  assert.deepEqual(bins.c, [2.999]);
  // Padded by 3% of 20.002 = 0.60006 each side: -11.60206 and 9.60006.
  assert.equal(bins.lo, -11.6021); // six significant digits
  assert.equal(bins.hi, 9.60006);
});

test('no usable histogram gives the target range and one empty bar', () => {
  // N(4, 1.25) reaches [4 - 5, 4 + 5] = [-1, 9]: one bar of density 0.
  assert.deepEqual(displayBins(null, 4, 1.25), {
    lo: -1,
    hi: 9,
    s: -1,
    w: 10,
    c: [0],
  });
  const nan = { start: Number.NaN, width: 1, counts: [3] };
  assert.deepEqual(displayBins(nan, 4, 1.25).c, [0]);
});

test('pickEvenly keeps the ends and spreads the rest', () => {
  const items = Array.from({ length: 300 }, (_, i) => i);
  const { shown, total } = pickEvenly(items, 60);
  assert.equal(total, 300);
  assert.equal(shown.length, 60);
  assert.equal(shown[0], 0);
  assert.equal(shown[59], 299);
  // Step 299 / 59 = 5.068: item 30 is round(152.03) = 152.
  assert.equal(shown[30], 152);
  assert.equal(new Set(shown).size, 60);

  assert.deepEqual(pickEvenly([1, 2, 3], 60).shown, [1, 2, 3]);
  assert.deepEqual(pickEvenly([], 5), { shown: [], total: 0 });
  assert.equal(selectionNote(pickEvenly([1, 2], 5), 'runs', 'x'), null);
  assert.equal(
    selectionNote(pickEvenly(items, 60), 'runs', 'evenly'),
    'Showing 60 of 300 runs (evenly).',
  );
});

test('round keeps four significant digits and drops non-finite values', () => {
  assert.equal(round(4.123456), 4.123);
  assert.equal(round(0.000123456), 0.0001235);
  assert.equal(round(-11.00049), -11);
  assert.equal(round(0), 0);
  assert.equal(round(Number.NaN), null);
  assert.equal(round(Number.POSITIVE_INFINITY), null);
});
