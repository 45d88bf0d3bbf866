/**
 * One colour per outcome, used by every chart and table of the report so a
 * reader learns it once: healthy is green, failed (no samples) is grey.
 */
import { OUTCOMES, type Outcome } from '../analysis/types.js';

export const OUTCOME_COLOURS: Readonly<Record<Outcome, string>> = {
  healthy: '#2f9e44',
  collapsed: '#d62728',
  drifted: '#f08c00',
  misshapen: '#9c36b5',
  diverged: '#7f4f24',
  failed: '#9e9e9e',
};

/** The Vega-Lite colour scale that keeps outcome colours and order fixed. */
export function outcomeColourScale(): { domain: string[]; range: string[] } {
  return {
    domain: [...OUTCOMES],
    range: OUTCOMES.map((outcome) => OUTCOME_COLOURS[outcome]),
  };
}
