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

/**
 * The Vega-Lite colour encoding of a record's `outcome` field, with the
 * outcome colours and order fixed, and its legend at `orient`.
 */
export function outcomeColour(orient: 'top' | 'bottom' | 'right') {
  return {
    field: 'outcome',
    type: 'nominal' as const,
    scale: {
      domain: [...OUTCOMES],
      range: OUTCOMES.map((outcome) => OUTCOME_COLOURS[outcome]),
    },
    legend: { title: 'outcome', orient },
  };
}
