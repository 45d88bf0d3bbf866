import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';

import { UserError } from '../src/errors.js';
import {
  BACKEND_VARIABLE,
  requestedBackend,
  useBackend,
} from '../src/engines/tfjs/backend.js';

/** Whether @tensorflow/tfjs-node is installed here (it is optional). */
async function nativeInstalled(): Promise<boolean> {
  const name = '@tensorflow/tfjs-node';
  try {
    await import(name);
    return true;
  } catch {
    return false;
  }
}

describe('tfjs backend choice', () => {
  it('reads GANSWEEP_TFJS_BACKEND: unset or empty means automatic', () => {
    assert.equal(requestedBackend({}), null);
    assert.equal(requestedBackend({ [BACKEND_VARIABLE]: ' ' }), null);
    assert.equal(requestedBackend({ [BACKEND_VARIABLE]: 'wasm' }), 'wasm');
    assert.equal(requestedBackend({ [BACKEND_VARIABLE]: 'cpu' }), 'cpu');
  });

  it('names the variable and the allowed values for a wrong value', () => {
    assert.throws(
      () => requestedBackend({ [BACKEND_VARIABLE]: 'webgl' }),
      (error: unknown) =>
        error instanceof UserError &&
        error.message.includes('GANSWEEP_TFJS_BACKEND="webgl"') &&
        error.message.includes('cpu, wasm, tensorflow'),
    );
  });

  it('automatic: tensorflow when installed, else wasm (measured faster)', async () => {
    const expected = (await nativeInstalled()) ? 'tensorflow' : 'wasm';
    assert.equal(await useBackend({}), expected);
    assert.equal(await useBackend({ [BACKEND_VARIABLE]: 'cpu' }), 'cpu');
    assert.equal(await useBackend({}), expected);
  });

  it('says so when the requested backend does not start', async (t) => {
    if (await nativeInstalled()) {
      t.skip('@tensorflow/tfjs-node is installed here');
      return;
    }
    await assert.rejects(
      useBackend({ [BACKEND_VARIABLE]: 'tensorflow' }),
      (error: unknown) =>
        error instanceof UserError &&
        error.message.startsWith('GANSWEEP_TFJS_BACKEND=tensorflow') &&
        error.message.includes('does not start'),
    );
  });

  it('starts and trains inside a worker thread', async () => {
    // The engine module's URL, from this compiled test's own location.
    const engineUrl = new URL('../src/engines/tfjs/engine.js', import.meta.url);
    const specUrl = new URL('../src/config/spec.js', import.meta.url);
    const source = `
      const { parentPort } = require('node:worker_threads');
      (async () => {
        const { createTfjsEngine } = await import(${JSON.stringify(engineUrl.href)});
        const { defaultRunSpec } = await import(${JSON.stringify(specUrl.href)});
        const spec = { ...defaultRunSpec(), engine: 'tfjs' };
        spec.generator = { ...spec.generator, hidden: [2] };
        spec.discriminator = { ...spec.discriminator, hidden: [2] };
        const initial = {
          generator: new Float64Array(7).fill(0.5),
          discriminator: new Float64Array(13).fill(0.25),
        };
        const engine = await createTfjsEngine(spec, initial);
        const losses = new Float64Array(3);
        const real = new Float64Array(500).map((_, i) => i / 100);
        const noise = new Float64Array(500).map((_, i) => i / 500);
        engine.discriminatorStep(real, noise, losses);
        engine.generatorStep(noise, losses);
        parentPort.postMessage({ backend: engine.backend, losses: [...losses] });
        engine.dispose();
      })().catch((error) => parentPort.postMessage({ error: String(error) }));
    `;
    const worker = new Worker(source, {
      eval: true,
      env: { ...process.env, [BACKEND_VARIABLE]: '' },
    });
    const reply = await new Promise<{
      backend?: string;
      losses?: number[];
      error?: string;
    }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await worker.terminate();

    assert.equal(reply.error, undefined);
    assert.equal(
      reply.backend,
      (await nativeInstalled()) ? 'tensorflow' : 'wasm',
    );
    assert.equal(reply.losses?.length, 3);
    assert.ok(reply.losses.every((v) => Number.isFinite(v) && v > 0));
  });
});
