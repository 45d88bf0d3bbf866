/**
 * The seeds of a sweep: a list `[1, 2, 5]`, a range `"1..10"` (both ends
 * included) or a count `10` (= 1..10). Seeds are positive integers, each
 * used once.
 */
import { parse } from 'yaml';

/** The largest number of seeds one sweep may ask for. */
export const MAX_SEEDS = 100_000;

const RANGE = /^\s*(-?\d+)\s*\.\.\s*(-?\d+)\s*$/;
const FORMS = 'a list [1, 2, 5], a range "1..10" or a count 10';

/** The seeds `value` asks for, or what is wrong with it. */
export function parseSeeds(
  value: unknown,
): { seeds: number[] } | { message: string } {
  if (typeof value === 'number') return seedCount(value);
  if (typeof value === 'string') return seedRange(value);
  if (Array.isArray(value)) return seedList(value);
  return { message: `must be ${FORMS}` };
}

function seedCount(count: number) {
  if (!Number.isInteger(count) || count < 1 || count > MAX_SEEDS) {
    return {
      message: `a count of seeds must be an integer from 1 to ${MAX_SEEDS}; found ${count}`,
    };
  }
  return { seeds: range(1, count) };
}

function seedRange(text: string) {
  const match = RANGE.exec(text);
  if (match === null) {
    return { message: `must be ${FORMS}; found ${JSON.stringify(text)}` };
  }

  const first = Number(match[1]);
  const last = Number(match[2]);
  if (first < 1) {
    return {
      message: `seeds must be positive integers; the range "${text}" starts at ${first}`,
    };
  }
  if (first > last) {
    return { message: `a range "a..b" needs a <= b; found "${text}"` };
  }
  if (last - first + 1 > MAX_SEEDS) {
    return {
      message: `at most ${MAX_SEEDS} seeds; "${text}" asks for ${last - first + 1}`,
    };
  }
  return { seeds: range(first, last) };
}

function seedList(values: unknown[]) {
  if (values.length === 0) return { message: 'the list of seeds is empty' };

  const seen = new Set<number>();
  for (const [index, value] of values.entries()) {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
      return {
        message: `seeds must be positive integers; item ${index} is ${JSON.stringify(value)}`,
      };
    }
    if (seen.has(value)) {
      return { message: `seed ${value} is listed twice; each seed runs once` };
    }
    seen.add(value);
  }
  return { seeds: values as number[] };
}

function range(first: number, last: number): number[] {
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/**
 * The value of a `--seeds` argument: `1..10`, `10` (a count), `[3, 7]`, or
 * the shell-friendly `3,7`.
 */
export function seedsArgValue(text: string): unknown {
  if (/^\s*\d+\s*(,\s*\d+\s*)+$/.test(text)) {
    return text.split(',').map((part) => Number(part.trim()));
  }
  try {
    return parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Seeds as short text: `1..10` for a run of consecutive ones, else a list. */
export function formatSeeds(seeds: number[]): string {
  const consecutive = seeds.every(
    (seed, i) => i === 0 || seed === seeds[i - 1] + 1,
  );
  if (consecutive && seeds.length > 2)
    return `${seeds[0]}..${seeds[seeds.length - 1]}`;
  return seeds.join(', ');
}
