/**
 * Reading sample files for `gansweep classify`, the --target option, and
 * the command's exit codes.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

import { parseSampleText, parseTargetOption } from '../src/analysis/index.js';
import { UserError } from '../src/errors.js';

const MAIN = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '../src/cli/main.js',
);

function userError(pattern: RegExp) {
  return (error: unknown) =>
    error instanceof UserError &&
    error.exitCode === 2 &&
    pattern.test(error.message);
}

describe('parseSampleText', () => {
  it('reads one number per line, blank lines and CRLF allowed', () => {
    const values = parseSampleText('1\r\n-2.5e-1\n\n  3  \n.5\n', 'a.txt');
    assert.deepEqual(Array.from(values), [1, -0.25, 3, 0.5]);
  });

  it('reads the non-finite names other tools write', () => {
    const values = parseSampleText('nan\nInf\n-inf\nNaN\n', 'a.txt');
    assert.ok(Number.isNaN(values[0]));
    assert.equal(values[1], Infinity);
    assert.equal(values[2], -Infinity);
  });

  it('reads a JSON array', () => {
    const values = parseSampleText(' [1, 2.5, "NaN"]', 'a.json');
    assert.equal(values.length, 3);
    assert.equal(values[1], 2.5);
  });

  it('names the file and line of text that is not a number', () => {
    assert.throws(
      () => parseSampleText('1\n2\n0x10\n', 'b.txt'),
      userError(/^b\.txt: line 3: "0x10" is not a number$/),
    );
    assert.throws(
      () => parseSampleText('1\n1,5\n', 'b.txt'),
      userError(/line 2/),
    );
  });

  it('names the array element that is not a number', () => {
    assert.throws(
      () => parseSampleText('[1, null]', 'c.json'),
      userError(/c\.json: array element 1/),
    );
    assert.throws(() => parseSampleText('[1,', 'c.json'), userError(/JSON/));
  });

  it('refuses a file with no numbers', () => {
    assert.throws(
      () => parseSampleText('\n \n', 'd.txt'),
      userError(/no numbers/),
    );
    assert.throws(
      () => parseSampleText('[]', 'd.json'),
      userError(/no numbers/),
    );
  });
});

describe('parseTargetOption', () => {
  it('reads normal:MEAN,STD', () => {
    assert.deepEqual(parseTargetOption('normal:4,1.25'), {
      kind: 'normal',
      mean: 4,
      std: 1.25,
    });
    assert.deepEqual(parseTargetOption('normal:-1e1, 2').mean, -10);
  });

  it('says what form it wants', () => {
    for (const bad of ['normal:4', 'uniform:0,1', 'normal:a,1', 'normal:4,0']) {
      assert.throws(() => parseTargetOption(bad), UserError, bad);
    }
  });
});

describe('gansweep classify', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'gansweep-classify-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  // Each call starts the whole CLI (about 0.5 s, more on a busy machine),
  // so the options are covered by the unit tests above and only the exit
  // codes and output shape here.
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [MAIN, 'classify', ...args], {
      encoding: 'utf8',
    });

  it('prints one JSON line with --json, settled unknown', () => {
    const file = path.join(dir, 'spike.txt');
    writeFileSync(file, '-11\n-11.01\n-10.99\n-11\n');
    const result = run(file, '--json');
    assert.equal(result.status, 0, result.stderr);
    const line = JSON.parse(result.stdout);
    assert.equal(line.outcome, 'collapsed');
    assert.equal(line.settled, null);
  });

  it('exits 2 naming the file and line for text that is not a number', () => {
    const file = path.join(dir, 'bad.txt');
    writeFileSync(file, '4\nfour\n');
    const result = run(file);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /bad\.txt: line 2: "four" is not a number/);
  });

  it('exits 2 naming a misspelt --threshold and its nearest name', () => {
    const file = path.join(dir, 'ok.txt');
    writeFileSync(file, '4\n');
    const misspelt = run(file, '--threshold', 'colapsedStd=0.5');
    assert.equal(misspelt.status, 2);
    assert.match(misspelt.stderr, /Did you mean "collapsedStd"/);
  });
});
