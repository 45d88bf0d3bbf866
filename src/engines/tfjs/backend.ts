/**
 * Choosing and starting the TensorFlow.js backend, once per thread.
 *
 * Each worker thread has its own module instances, so the memo below starts
 * every backend at most once per process or worker, whichever runs it.
 */
import { createRequire } from 'node:module';
import path from 'node:path';

import * as tf from '@tensorflow/tfjs';

import { UserError } from '../../errors.js';

/** The environment variable that overrides the automatic choice. */
export const BACKEND_VARIABLE = 'GANSWEEP_TFJS_BACKEND';

/** Backends a person may ask for, by tfjs' own names. */
export const TFJS_BACKENDS = ['cpu', 'wasm', 'tensorflow'] as const;
export type TfjsBackendName = (typeof TFJS_BACKENDS)[number];

/**
 * Tried in order when GANSWEEP_TFJS_BACKEND is unset: the native backend
 * first, then the faster of the two pure-JavaScript ones. On the article's
 * spec (minibatch 500, 20 + 20 steps per round), Node 20 on a shared 2-core
 * x86 machine, each backend timed over 10 rounds after 3 warm-up rounds
 * (`npm run bench` times both side by side): wasm (SIMD, one thread) 91 ms per round, cpu 134 ms (wall clock,
 * load average 2); under load average 16, CPU time per round wasm 120 ms,
 * cpu 153 ms. So wasm comes before cpu.
 */
const AUTOMATIC_ORDER: readonly TfjsBackendName[] = [
  'tensorflow',
  'wasm',
  'cpu',
];

/** Kept as a variable so that TypeScript does not look for its types. */
const NATIVE_PACKAGE = '@tensorflow/tfjs-node';

/** One start attempt per backend per thread; the promise says if it worked. */
const started = new Map<TfjsBackendName, Promise<StartResult>>();

type StartResult = { ok: true } | { ok: false; reason: string };

/**
 * Reads GANSWEEP_TFJS_BACKEND from `env`: the backend it names, or null
 * when it is unset or empty (choose automatically).
 *
 * @throws UserError naming the variable and the allowed values.
 */
export function requestedBackend(
  env: NodeJS.ProcessEnv = process.env,
): TfjsBackendName | null {
  const value = env[BACKEND_VARIABLE]?.trim() ?? '';
  if (value === '') return null;

  const known = TFJS_BACKENDS.find((name) => name === value);
  if (known !== undefined) return known;

  throw new UserError(
    `${BACKEND_VARIABLE}=${JSON.stringify(value)} is not a tfjs backend; ` +
      `allowed values are ${TFJS_BACKENDS.join(', ')}`,
    `unset ${BACKEND_VARIABLE} to use the fastest backend that loads`,
  );
}

/**
 * Makes the requested backend (or, with none requested, the first of
 * tensorflow, wasm, cpu that starts) the active one, and returns its name
 * as tfjs reports it.
 *
 * @throws UserError when GANSWEEP_TFJS_BACKEND is invalid or names a backend
 *   that does not start here.
 */
export async function useBackend(
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  const requested = requestedBackend(env);
  const candidates = requested === null ? AUTOMATIC_ORDER : [requested];
  const failures: string[] = [];

  for (const name of candidates) {
    const result = await startOnce(name);
    if (result.ok && (await activate(name))) return tf.getBackend();
    if (!result.ok) failures.push(`${name}: ${result.reason}`);
  }

  throw new UserError(
    requested === null
      ? `no tfjs backend starts here (${failures.join('; ')})`
      : `${BACKEND_VARIABLE}=${requested} but that backend does not start ` +
          `here (${failures.join('; ')})`,
    `set ${BACKEND_VARIABLE} to one of ${TFJS_BACKENDS.join(', ')} that ` +
      'is installed, or unset it',
  );
}

function startOnce(name: TfjsBackendName): Promise<StartResult> {
  let result = started.get(name);
  if (result === undefined) {
    result = start(name);
    started.set(name, result);
  }
  return result;
}

async function start(name: TfjsBackendName): Promise<StartResult> {
  // tfjs greets Node users on stderr through console.warn; production mode
  // silences it, and the engine must never print.
  tf.enableProdMode();

  try {
    await register(name);
  } catch (error) {
    return { ok: false, reason: describe(error) };
  }

  if (!(await activate(name))) {
    return { ok: false, reason: 'tf.setBackend returned false' };
  }
  return { ok: true };
}

/** Loads the package that registers `name` with tfjs, if it needs one. */
async function register(name: TfjsBackendName): Promise<void> {
  switch (name) {
    case 'cpu':
      return;
    case 'wasm': {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      wasm.setWasmPaths(wasmFolder());
      return;
    }
    case 'tensorflow':
      await import(NATIVE_PACKAGE);
      return;
  }
}

/**
 * In Node the wasm backend reads its .wasm files from disk, relative to a
 * prefix it cannot guess from a bundler; they ship next to its main file.
 */
function wasmFolder(): string {
  const require = createRequire(import.meta.url);
  const main = require.resolve('@tensorflow/tfjs-backend-wasm');
  return path.dirname(main) + path.sep;
}

async function activate(name: TfjsBackendName): Promise<boolean> {
  // engine().backendName, unlike tf.getBackend(), does not start the
  // highest-priority backend (webgl, which fails in Node) when none is set.
  if (tf.engine().backendName === name) return true;
  try {
    return await tf.setBackend(name);
  } catch {
    return false;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
