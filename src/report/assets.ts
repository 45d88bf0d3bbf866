/**
 * The browser bundles of vega and vega-embed, read from node_modules and
 * inlined into the report so it opens without a network.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The scripts the page needs, in load order. */
export interface BrowserAssets {
  vega: string;
  vegaEmbed: string;
}

let cached: BrowserAssets | null = null;

/**
 * Reads the minified UMD builds once per process. vega-embed's UMD build
 * looks for a global `vegaLite` but only uses it to compile Vega-Lite specs;
 * the report hands it compiled Vega, so vega-lite's 750 kB stay out.
 */
export function browserAssets(): BrowserAssets {
  if (cached) return cached;

  cached = {
    vega: readBuild('vega', 'build/vega.min.js'),
    vegaEmbed: readBuild('vega-embed', 'build/vega-embed.min.js'),
  };
  return cached;
}

function readBuild(pkg: string, file: string): string {
  return readFileSync(join(packageRoot(pkg), file), 'utf8');
}

/**
 * The folder of an installed package. Resolved from its entry point and
 * walked up, because vega-embed's `exports` does not expose package.json.
 */
function packageRoot(pkg: string): string {
  const require = createRequire(import.meta.url);
  let folder = dirname(require.resolve(pkg));
  while (!isRootOf(folder, pkg)) {
    const parent = dirname(folder);
    if (parent === folder) throw new Error(`cannot find the ${pkg} package`);
    folder = parent;
  }
  return folder;
}

function isRootOf(folder: string, pkg: string): boolean {
  const manifest = join(folder, 'package.json');
  if (!existsSync(manifest)) return false;
  return (
    (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name ===
    pkg
  );
}
