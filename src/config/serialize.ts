/**
 * The resolved sweep written back as YAML, for `sweep.yaml` in the results
 * folder: every default filled, so the folder says exactly what ran, and
 * `parseSweep` of the text gives the same `ResolvedSweep`.
 */
import { Document, isScalar, isSeq, visit } from 'yaml';

import type { ResolvedSweep } from './plan.js';

const HEADER = 'Resolved by gansweep: every default filled in.';

/** `sweep` as a sweep file that resolves to itself. */
export function resolvedSweepToYaml(sweep: ResolvedSweep): string {
  const { seed: _seed, ...spec } = sweep.base;
  const doc = new Document({
    name: sweep.name,
    description: sweep.description,
    spec,
    seeds: sweep.seeds,
    grid: sweep.grid,
    variants: sweep.variants.map((v) => ({ name: v.name, spec: v.set })),
    timeout: sweep.timeoutSeconds,
    retries: sweep.retries,
    baseline: sweep.baseline,
    outcomes: sweep.outcomes,
  });
  doc.commentBefore = ` ${HEADER}`;
  flowShortLists(doc);
  return doc.toString({ lineWidth: 0 });
}

/** Lists of plain values (`hidden: [5, 5]`, seeds) on one line each. */
function flowShortLists(doc: Document): void {
  visit(doc, {
    Seq(_key, node) {
      if (node.items.every((item) => isScalar(item) || isSeq(item))) {
        node.flow = true;
      }
    },
  });
}
