/**
 * Reading a sample set trained elsewhere (`gansweep classify`): one number
 * per line, or a JSON array of numbers; and the `--target` option.
 */
import type { TargetSpec } from '../config/spec.js';
import { UserError } from '../errors.js';

/**
 * A decimal number as other tools print it, plus the non-finite names
 * JavaScript, Python and R write ("NaN", "nan", "Inf", "-inf", ...): a
 * diverged run elsewhere should be judged diverged here, not rejected.
 */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const NON_FINITE: Record<string, number> = {
  nan: Number.NaN,
  inf: Infinity,
  '+inf': Infinity,
  '-inf': -Infinity,
  infinity: Infinity,
  '+infinity': Infinity,
  '-infinity': -Infinity,
};

/**
 * The numbers in the text of `file`. Blank lines are skipped. A text whose
 * first non-blank character is `[` is read as a JSON array.
 *
 * @throws UserError (exit 2) naming the file and the line (or the array
 *   element) when a value is not a number, or when there are no numbers
 */
export function parseSampleText(text: string, file: string): Float64Array {
  const values = text.trimStart().startsWith('[')
    ? parseJsonArray(text, file)
    : parseLines(text, file);

  if (values.length === 0) {
    throw new UserError(
      `${file} holds no numbers`,
      'Give one number per line, or a JSON array of numbers.',
    );
  }

  return Float64Array.from(values);
}

function parseLines(text: string, file: string): number[] {
  const values: number[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;

    const value = parseNumber(line);
    if (value === null) {
      throw new UserError(
        `${file}: line ${i + 1}: ${JSON.stringify(clip(line))} is not a number`,
        'Give one number per line, or a JSON array of numbers.',
      );
    }
    values.push(value);
  }

  return values;
}

function parseJsonArray(text: string, file: string): number[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UserError(
      `${file}: not valid JSON: ${(error as Error).message}`,
      'Give a JSON array of numbers, or one number per line.',
    );
  }

  if (!Array.isArray(json)) {
    throw new UserError(`${file}: the JSON is not an array of numbers`);
  }

  return json.map((element: unknown, index) => {
    const value =
      typeof element === 'number'
        ? element
        : typeof element === 'string'
          ? parseNumber(element.trim())
          : null;
    if (value === null) {
      throw new UserError(
        `${file}: array element ${index} (${clip(JSON.stringify(element))}) is not a number`,
      );
    }
    return value;
  });
}

/** The number a token spells, or null. */
export function parseNumber(token: string): number | null {
  if (DECIMAL.test(token)) return Number(token);
  const named = NON_FINITE[token.toLowerCase()];
  return named === undefined ? null : named;
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/**
 * The `--target` option: `normal:MEAN,STD`, e.g. `normal:4,1.25`.
 *
 * @throws UserError (exit 2) saying the expected form, for anything else or
 *   a std that is not positive
 */
export function parseTargetOption(text: string): TargetSpec {
  const hint = 'Write it as normal:MEAN,STD, e.g. --target normal:4,1.25.';
  const match = /^\s*normal\s*:\s*([^,]+),([^,]+)$/i.exec(text);
  if (match === null) {
    throw new UserError(
      `--target ${JSON.stringify(text)} is not a target`,
      hint,
    );
  }

  const mean = parseNumber(match[1].trim());
  const std = parseNumber(match[2].trim());
  if (mean === null || !Number.isFinite(mean)) {
    throw new UserError(
      `--target ${JSON.stringify(text)}: the mean is not a finite number`,
      hint,
    );
  }
  if (std === null || !Number.isFinite(std) || std <= 0) {
    throw new UserError(
      `--target ${JSON.stringify(text)}: the std must be a positive number`,
      hint,
    );
  }

  return { kind: 'normal', mean, std };
}
