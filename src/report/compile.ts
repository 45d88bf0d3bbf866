/**
 * Vega-Lite to Vega, in Node, so the page needs only vega and vega-embed.
 * Vega-Lite reports problems through a logger rather than by throwing; the
 * logger here keeps them so tests can insist that there are none.
 */
import type { Spec as VegaSpec } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

export interface CompiledChart {
  vega: VegaSpec;
  /** Vega-Lite's warnings and errors, each as one line of text. */
  warnings: string[];
}

/** Compiles one Vega-Lite spec, capturing what Vega-Lite's logger says. */
export function compileChart(spec: TopLevelSpec): CompiledChart {
  const logger = new CapturingLogger();
  const vega = compile(spec, { logger }).spec;

  // The schema URL is only a hint for editors; the page embeds in 'vega'
  // mode, so drop it and keep the file free of addresses it never fetches.
  delete vega.$schema;
  return { vega, warnings: logger.messages };
}

/** Vega's LoggerInterface, keeping warnings and errors as text. */
class CapturingLogger {
  readonly messages: string[] = [];
  private current = 2;

  level(value?: number): number | this {
    if (value === undefined) return this.current;
    this.current = value;
    return this;
  }

  error(...args: unknown[]): this {
    this.messages.push(`error: ${args.map(String).join(' ')}`);
    return this;
  }

  warn(...args: unknown[]): this {
    this.messages.push(`warning: ${args.map(String).join(' ')}`);
    return this;
  }

  info(): this {
    return this;
  }

  debug(): this {
    return this;
  }
}
