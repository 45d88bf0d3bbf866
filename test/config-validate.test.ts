/**
 * `gansweep validate` end to end: the description on stdout and exit 0, or
 * every problem on stderr and exit 2, with nothing run.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';

import { parseSweep } from '../src/config/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MAIN = join(ROOT, 'dist/src/cli/main.js');

function gansweep(...args: string[]) {
  return spawnSync(process.execPath, [MAIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
}

describe('gansweep validate', () => {
  it('describes a valid sweep: groups, seeds, runs, results folder', () => {
    const result = gansweep(
      'validate',
      'configs/quick.yaml',
      '--set',
      'retries=1',
      '--seeds',
      '1..4',
    );
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^sweep quick: /);
    assert.match(
      result.stdout,
      /groups \(2\):\n {4}discriminator.input=moments {2}\(baseline\)\n {4}discriminator.input=raw\n/,
    );
    assert.match(result.stdout, /seeds \(4\): 1..4/);
    assert.match(result.stdout, /runs: 8 \(2 groups x 4 seeds\)/);
    assert.match(result.stdout, /retries: 1/);
    assert.match(result.stdout, /results folder: reports\/quick\//);
  });

  it('prints JSON with --json', () => {
    const result = gansweep('validate', 'configs/article.yaml', '--json');
    assert.equal(result.status, 0, result.stderr);
    const description = JSON.parse(result.stdout) as Record<string, unknown>;
    assert.equal(description.runs, 10);
    assert.deepEqual(description.groups, ['all']);
  });

  it('lists every problem and exits 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gansweep-validate-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'name: x\nspec:\n  discrimnator: { input: raw }\n');
    const result = gansweep('validate', file, '--set', 'retrys=1');
    assert.equal(result.status, 2);
    assert.equal(result.stdout, '');
    assert.equal(
      result.stderr,
      [
        `gansweep: 2 problems in ${file}:`,
        '  --set retrys=1: unknown key `retrys`; did you mean `retries`?',
        `  ${file}:3:3: spec.discrimnator: unknown key \`discrimnator\`; did you mean \`discriminator\`?`,
        `Fix it and check again with \`gansweep validate ${file}\`.`,
        '',
      ].join('\n'),
    );
  });

  it('exits 2 for a file that does not exist', () => {
    const result = gansweep('validate', 'configs/nope.yaml');
    assert.equal(result.status, 2);
    assert.match(
      result.stderr,
      /cannot read the sweep file configs\/nope.yaml \(ENOENT\)/,
    );
  });
});

describe('empty sections', () => {
  it('mean the same as leaving the key out', () => {
    const empty = parseSweep(
      'name: x\nspec:\ngrid:\nvariants:\noutcomes:\n',
      'e',
    );
    assert.deepEqual(empty, parseSweep('name: x\n', 'e'));
  });
});
