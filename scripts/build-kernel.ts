/**
 * Part of `npm run build`: compiles the fused engine's generator kernels
 * from their WebAssembly text (src/engines/fused/kernel/generator-wat.ts)
 * with wabt, and writes the module where kernel.ts loads it from.
 */
import { writeFileSync } from 'node:fs';

import wabt from 'wabt';

import { generatorWat } from '../src/engines/fused/kernel/generator-wat.js';
import { KERNEL_FILE } from '../src/engines/fused/kernel/kernel.js';

const tools = await wabt();
const module = tools.parseWat('generator.wat', generatorWat(), {
  simd: true,
});
try {
  module.validate();
  writeFileSync(KERNEL_FILE, module.toBinary({}).buffer);
} finally {
  module.destroy();
}
