/**
 * `npm run bench`: the article's spec on every engine that runs here,
 * measured in one process, side by side (issue 3).
 *
 * Prints milliseconds per round (process CPU time and wall clock) and the
 * projected seconds per 5,000-round run for the fused engine, each tfjs
 * backend that loads (cpu, wasm, and tensorflow when @tensorflow/tfjs-node
 * is installed) and, where python3 imports torch, the PyTorch reference in
 * bench/reference_torch.py run as a child process; then the ratios, the
 * heap used before and after 1,000 fused rounds (gc forced on both sides:
 * run node with --expose-gc, as the npm script does), and the peak resident
 * memory of a child process that trains 1,000 fused rounds.
 *
 * CPU time is the headline: on a shared machine the wall clock also counts
 * the time other processes held the cores. Every engine here computes on
 * one thread (tfjs wasm without threads, torch.set_num_threads(1)).
 *
 *   npm run bench
 *   node --expose-gc dist/bench/bench.js [--quick]
 */
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

import { defaultRunSpec, type RunSpec } from '../src/config/spec.js';
import type { Engine } from '../src/engines/engine.js';
import { createFusedEngine } from '../src/engines/fused/engine.js';
import { initialParameters } from '../src/engines/parameters.js';
import { createStream } from '../src/workloads/random.js';
import { RoundRunner, type RoundTiming } from './rounds.js';

/** Rounds per phase; --quick shrinks them for a smoke run. */
const QUICK = process.argv.includes('--quick');
const FUSED = { warmup: 300, chunks: 7, rounds: QUICK ? 50 : 200 };
const TFJS = { warmup: 3, rounds: QUICK ? 2 : 10 };
const TORCH = { warmup: QUICK ? 3 : 10, rounds: QUICK ? 5 : 30 };
const MEMORY_ROUNDS = 1000;
const RUN_ROUNDS = 5000;

/** Targets of issue 3. */
const TARGET_FUSED_MS = 4;
const TARGET_VS_TORCH = 10;
const TARGET_VS_TFJS_CPU = 50;
const TARGET_RESIDENT_MB = 150;

/** One row of the table: a timing, or why there is none. */
interface Row {
  name: string;
  timing: RoundTiming | null;
  note: string;
}

const spec: RunSpec = defaultRunSpec();
const initial = initialParameters(spec, createStream(spec.seed, 'weights'));
const out = (line = '') => process.stdout.write(`${line}\n`);

out(header());
const fused = await timeFused();
const heap = await heapCheck(fused.engine);
const resident = residentCheck();
const rows: Row[] = [fused.row];
for (const backend of ['cpu', 'wasm', 'tensorflow'] as const) {
  rows.push(await timeTfjs(backend));
}
rows.push(timeTorch());

out();
out(table(rows, fused.row.timing as RoundTiming));
out();
out(heap);
out(resident.line);
out();
out(verdicts(rows, resident.peakMb));

function header(): string {
  const cpu = cpus()[0]?.model ?? 'unknown cpu';
  const load = loadavg().map((l) => l.toFixed(2));
  return [
    "gansweep bench: the article's spec (minibatch 500, 20 + 20 steps a " +
      'round, 217 parameters), one process, one thread per engine',
    `node ${process.version}, ${cpus().length} x ${cpu}, load average ` +
      `${load.join(' ')}${QUICK ? ', --quick' : ''}`,
  ].join('\n');
}

async function timeFused(): Promise<{ row: Row; engine: Engine }> {
  const engine = await createFusedEngine(spec, initial);
  const runner = new RoundRunner(spec, engine);
  runner.run(FUSED.warmup);
  const timing = runner.timeMedian(FUSED.chunks, FUSED.rounds);
  const note =
    `median of ${FUSED.chunks} x ${FUSED.rounds} rounds after ` +
    `${FUSED.warmup} warm-up rounds`;
  return { row: { name: `fused ${engine.backend}`, timing, note }, engine };
}

/** Heap used before and after 1,000 more rounds, gc forced on each side. */
async function heapCheck(engine: Engine): Promise<string> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) {
    return 'heap check skipped: run node with --expose-gc (npm run bench does)';
  }

  const runner = new RoundRunner(spec, engine);
  runner.run(10);
  gc();
  const before = process.memoryUsage().heapUsed;
  runner.run(MEMORY_ROUNDS);
  const unforced = process.memoryUsage().heapUsed;
  gc();
  const after = process.memoryUsage().heapUsed;
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
  return (
    `fused heap used, ${MEMORY_ROUNDS} rounds: before ${kb(before)}, ` +
    `after ${kb(after)} (change ${kb(after - before)}; ` +
    `${kb(unforced - before)} before the closing gc)`
  );
}

/** Peak resident memory of a process that trains 1,000 fused rounds. */
function residentCheck(): { line: string; peakMb: number | null } {
  const child = fileURLToPath(new URL('./fused-child.js', import.meta.url));
  const result = spawnSync(process.execPath, [child, `${MEMORY_ROUNDS}`], {
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    return { line: `resident check failed: ${result.stderr}`, peakMb: null };
  }

  const { peakMb } = JSON.parse(result.stdout) as { peakMb: number | null };
  const line =
    peakMb === null
      ? 'resident check skipped: no /proc/self/status here'
      : `peak resident memory (VmHWM) of a process training ` +
        `${MEMORY_ROUNDS} fused rounds through train(): ` +
        `${peakMb.toFixed(1)} MB (target < ${TARGET_RESIDENT_MB} MB)`;
  return { line, peakMb };
}

async function timeTfjs(backend: string): Promise<Row> {
  const name = `tfjs ${backend}`;
  process.env.GANSWEEP_TFJS_BACKEND = backend;
  let engine: Engine;
  try {
    const { createTfjsEngine } = await import('../src/engines/tfjs/engine.js');
    engine = await createTfjsEngine(spec, initial);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { name, timing: null, note: `does not load: ${firstLine(reason)}` };
  } finally {
    delete process.env.GANSWEEP_TFJS_BACKEND;
  }

  try {
    const runner = new RoundRunner(spec, engine);
    runner.run(TFJS.warmup);
    const timing = runner.time(TFJS.rounds);
    const note = `${TFJS.rounds} rounds after ${TFJS.warmup} warm-up rounds`;
    return { name: `tfjs ${engine.backend}`, timing, note };
  } finally {
    engine.dispose();
  }
}

/** The PyTorch reference in a child process, if python3 imports torch. */
function timeTorch(): Row {
  const name = 'pytorch, 1 thread';
  const python = ['python3', '/usr/bin/python3'].find(
    (command) => spawnSync(command, ['-c', 'import torch']).status === 0,
  );
  if (python === undefined) {
    return { name, timing: null, note: 'skipped: python3 cannot import torch' };
  }

  const script = fileURLToPath(
    new URL('../../bench/reference_torch.py', import.meta.url),
  );
  const args = [script, '--warmup', `${TORCH.warmup}`, '--rounds'];
  const result = spawnSync(python, [...args, `${TORCH.rounds}`], {
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    return { name, timing: null, note: `failed: ${firstLine(result.stderr)}` };
  }

  const parsed = JSON.parse(result.stdout) as {
    torch: string;
    wallMsPerRound: number;
    cpuMsPerRound: number;
  };
  return {
    name: `pytorch ${parsed.torch}, 1 thread`,
    timing: { wallMs: parsed.wallMsPerRound, cpuMs: parsed.cpuMsPerRound },
    note: `${TORCH.rounds} rounds after ${TORCH.warmup} warm-up, ${python}`,
  };
}

function table(rows: Row[], fusedTiming: RoundTiming): string {
  const head = [
    'engine',
    'ms/round CPU',
    'ms/round wall',
    `s/${RUN_ROUNDS} rounds CPU`,
    'fused faster CPU',
    'fused faster wall',
  ];
  const lines = rows.map((row) => {
    const t = row.timing;
    if (t === null) return [row.name, '-', '-', '-', '-', '-', row.note];
    return [
      row.name,
      t.cpuMs.toFixed(2),
      t.wallMs.toFixed(2),
      ((t.cpuMs * RUN_ROUNDS) / 1000).toFixed(1),
      `${(t.cpuMs / fusedTiming.cpuMs).toFixed(1)}x`,
      `${(t.wallMs / fusedTiming.wallMs).toFixed(1)}x`,
      row.note,
    ];
  });
  return formatColumns([[...head, 'how'], ...lines]);
}

function formatColumns(cells: string[][]): string {
  const widths = cells[0].map((_, c) =>
    Math.max(...cells.map((row) => row[c].length)),
  );
  return cells
    .map((row) =>
      row
        .map((cell, c) =>
          c === row.length - 1 ? cell : cell.padEnd(widths[c]),
        )
        .join('  '),
    )
    .join('\n');
}

function verdicts(rows: Row[], peakMb: number | null): string {
  const cpuOf = (prefix: string) =>
    rows.find((r) => r.name.startsWith(prefix))?.timing?.cpuMs ?? null;
  const fusedMs = cpuOf('fused') as number;
  const torchMs = cpuOf('pytorch');
  const tfjsCpuMs = cpuOf('tfjs cpu');
  const check = (ok: boolean | null, text: string) =>
    `${ok === null ? 'n/a ' : ok ? 'met ' : 'MISS'}  ${text}`;

  return [
    'targets (issue 3), on CPU time:',
    check(
      fusedMs <= TARGET_FUSED_MS,
      `fused <= ${TARGET_FUSED_MS} ms per round: ${fusedMs.toFixed(2)} ms`,
    ),
    check(
      torchMs === null ? null : torchMs / fusedMs >= TARGET_VS_TORCH,
      `fused >= ${TARGET_VS_TORCH}x faster than pytorch: ` +
        (torchMs === null
          ? 'not measured'
          : `${(torchMs / fusedMs).toFixed(1)}x`),
    ),
    check(
      tfjsCpuMs === null ? null : tfjsCpuMs / fusedMs >= TARGET_VS_TFJS_CPU,
      `fused >= ${TARGET_VS_TFJS_CPU}x faster than tfjs cpu: ` +
        (tfjsCpuMs === null
          ? 'not measured'
          : `${(tfjsCpuMs / fusedMs).toFixed(1)}x`),
    ),
    check(
      peakMb === null ? null : peakMb < TARGET_RESIDENT_MB,
      `fused process < ${TARGET_RESIDENT_MB} MB resident: ` +
        (peakMb === null ? 'not measured' : `${peakMb.toFixed(1)} MB`),
    ),
  ].join('\n');
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}
