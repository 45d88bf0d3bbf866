import assert from 'node:assert/strict';
import { test } from 'node:test';

import { formatShard, parseShard, selectShard } from '../src/sweep/index.js';

test('shards are 0-based I/N and reject what is out of range', () => {
  assert.deepEqual(parseShard('0/4'), { index: 0, count: 4 });
  assert.deepEqual(parseShard(' 3 / 4 '), { index: 3, count: 4 });
  assert.equal(formatShard(parseShard('3/4')), '3/4');

  for (const bad of ['4/4', '1/0', '-1/2', '1', 'a/b', '1/2/3', '']) {
    assert.throws(
      () => parseShard(bad),
      (error: Error) =>
        error.name === 'UserError' && error.message.startsWith('--shard'),
      bad,
    );
  }
});

test('the shards of a list partition it round-robin, in order', () => {
  const items = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
  const shards = [0, 1, 2].map((index) =>
    selectShard(items, { index, count: 3 }),
  );

  // Positions p with p % 3 == I.
  assert.deepEqual(shards, [
    ['a', 'd', 'g'],
    ['b', 'e'],
    ['c', 'f'],
  ]);
  assert.deepEqual(selectShard(items, null), items);
  assert.deepEqual(selectShard(items, { index: 0, count: 1 }), items);
  // More shards than items: the extra shards are empty, not an error.
  assert.deepEqual(selectShard(['a'], { index: 1, count: 2 }), []);
});
