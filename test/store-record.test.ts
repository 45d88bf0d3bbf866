import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { createFileExclusive, writeFileAtomic } from '../src/store/atomic.js';
import { recordPath } from '../src/store/layout.js';
import { readRecords } from '../src/store/records.js';
import { parseRecord, serialiseRecord } from '../src/store/schema.js';
import {
  firstDifference,
  moveResultsAside,
  writeRecord,
} from '../src/store/write.js';
import { sampleRecord } from './fixtures/records.js';

async function scratch(): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), 'gansweep-store-'));
}

test('a record survives the round trip, non-finite numbers included', () => {
  const record = sampleRecord('abc123');
  record.outcome = 'diverged';
  record.verdict = { ...record.verdict!, outcome: 'diverged' };
  record.trajectory[0].generatorLoss = Number.NaN;
  record.trajectory[0].discriminatorRealLoss = Number.POSITIVE_INFINITY;
  record.statistics!.mean = Number.NEGATIVE_INFINITY;
  record.group = 'NaN';

  const text = serialiseRecord(record);
  assert.match(text, /"generatorLoss": "NaN"/);

  const parsed = parseRecord(text, 'abc123');
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.message);
  assert.deepEqual(parsed.record, record);
  // A string field that happens to read "NaN" stays a string.
  assert.equal(parsed.record.group, 'NaN');
});

test('broken records are refused with a reason, never thrown', () => {
  const text = serialiseRecord(sampleRecord('abc123'));

  const truncated = parseRecord(text.slice(0, text.length / 2), 'abc123');
  assert.equal(truncated.ok, false);
  assert.match(!truncated.ok ? truncated.message : '', /not valid JSON/);

  const renamed = parseRecord(text, 'other');
  assert.match(!renamed.ok ? renamed.message : '', /holds run abc123/);

  const json = JSON.parse(text);
  delete json.statistics;
  const missing = parseRecord(JSON.stringify(json), 'abc123');
  assert.match(!missing.ok ? missing.message : '', /statistics/);

  const failedWithoutError = { ...JSON.parse(text), outcome: 'failed' };
  failedWithoutError.verdict = null;
  const inconsistent = parseRecord(
    JSON.stringify(failedWithoutError),
    'abc123',
  );
  assert.match(!inconsistent.ok ? inconsistent.message : '', /error/);

  const future = parseRecord(
    JSON.stringify({ ...JSON.parse(text), schemaVersion: 2 }),
    'abc123',
  );
  assert.match(!future.ok ? future.message : '', /schemaVersion/);

  const extra = parseRecord(
    JSON.stringify({ ...JSON.parse(text), surprise: 1 }),
    'abc123',
  );
  assert.match(!extra.ok ? extra.message : '', /surprise/);
});

test('readRecords trusts whole records only and lists stray files', async () => {
  const dir = await scratch();
  await writeRecord(dir, sampleRecord('good', 1));
  await writeRecord(dir, sampleRecord('cut', 2));
  const cutFile = recordPath(dir, 'cut');
  const cutText = await fs.readFile(cutFile, 'utf8');
  await fs.writeFile(cutFile, cutText.slice(0, 100));
  const stray = path.join(dir, 'runs', '.x.json.123.abc.tmp');
  await fs.writeFile(stray, '{');

  const read = await readRecords(dir);

  assert.deepEqual(
    read.records.map((record) => record.runId),
    ['good'],
  );
  assert.equal(read.problems.length, 1);
  assert.equal(read.problems[0].file, cutFile);
  assert.deepEqual(read.strayFiles, [stray]);
});

test('readRecords of a folder without runs/ finds nothing', async () => {
  const read = await readRecords(await scratch());
  assert.deepEqual(read, { records: [], problems: [], strayFiles: [] });
});

test('atomic writes replace whole files and leave no temporaries', async () => {
  const dir = await scratch();
  const file = path.join(dir, 'f.txt');
  await writeFileAtomic(file, 'one');
  await writeFileAtomic(file, 'two');
  assert.equal(await fs.readFile(file, 'utf8'), 'two');
  assert.deepEqual(await fs.readdir(dir), ['f.txt']);
});

test('of many racing exclusive creates exactly one wins', async () => {
  const dir = await scratch();
  const file = path.join(dir, 'sweep.yaml');
  const texts = Array.from({ length: 12 }, (_, i) => `writer ${i}\n`);

  const won = await Promise.all(
    texts.map((text) => createFileExclusive(file, text)),
  );

  assert.equal(won.filter(Boolean).length, 1);
  const winner = texts[won.indexOf(true)];
  assert.equal(await fs.readFile(file, 'utf8'), winner);
  assert.deepEqual(await fs.readdir(dir), ['sweep.yaml']);
});

test('firstDifference names the first differing key path', () => {
  assert.equal(
    firstDifference({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 }, ''),
    null,
  );
  assert.equal(
    firstDifference({ a: 1, b: [1, 2] }, { a: 1, b: [1, 3] }, ''),
    'b: [1,2] there, [1,3] here',
  );
  assert.equal(
    firstDifference({ seeds: [1] }, { seeds: [1], name: 'x' }, ''),
    'name: undefined there, "x" here',
  );
});

test('moving results aside keeps them under a timestamped name', async () => {
  const parent = await scratch();
  const dir = path.join(parent, 'quick');
  await writeRecord(dir, sampleRecord('r1'));

  const when = new Date('2025-01-02T03:04:05.678Z');
  const aside = await moveResultsAside(`${dir}/`, when);

  assert.equal(aside, `${dir}.2025-01-02T03-04-05-678Z`);
  assert.deepEqual(await fs.readdir(path.join(aside!, 'runs')), ['r1.json']);
  assert.equal(await moveResultsAside(dir, when), null);
});
