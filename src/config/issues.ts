/**
 * Problems found in a sweep file or an override, gathered so that several
 * can be reported at once, each with where it is, the key path, the rule
 * broken and the value found.
 */
import type { z } from 'zod';

import { ConfigError } from '../errors.js';

/** A key path in the sweep file: names, and list positions as numbers. */
export type LogicalPath = (string | number)[];

/**
 * Where a value came from: a key path of the sweep file, and the `--set`
 * or `--seeds` argument that supplied it, when one did.
 */
export interface Origin {
  path: LogicalPath;
  arg?: string;
}

/** One problem, ready to print. */
export interface ConfigIssue {
  /** `file:line:col`, the `--set ...` argument, or null when unknown. */
  where: string | null;
  /** The key path, e.g. `spec.discriminator.optimizer.learningRate`. */
  path: string;
  /** The rule broken and the value found. */
  message: string;
}

/** Turns an origin into a printable place (file position or argument). */
export interface Locator {
  where(origin: Origin, asKey: boolean): string | null;
}

/** A locator for values that have no file behind them. */
export const NO_FILE: Locator = {
  where: (origin) => (origin.arg === undefined ? null : origin.arg),
};

/**
 * One or more problems in a sweep file or its overrides; nothing has run.
 * `issues` lists them all; the message prints them one a line.
 */
export class SweepFileError extends ConfigError {
  readonly issues: ConfigIssue[];

  constructor(source: string, issues: ConfigIssue[]) {
    super('', describeIssues(source, issues), hintFor(source));
    this.name = 'SweepFileError';
    this.issues = issues;
  }
}

function hintFor(source: string): string {
  return source.endsWith('.yaml') || source.endsWith('.yml')
    ? `Fix it and check again with \`gansweep validate ${source}\`.`
    : 'Fix the value and try again.';
}

function describeIssues(source: string, issues: ConfigIssue[]): string {
  const lines = issues.map(formatIssue);
  if (lines.length === 1) return lines[0];

  const heading = `${issues.length} problems in ${source}:`;
  return [heading, ...lines.map((line) => `  ${line}`)].join('\n');
}

/** `where: path: message`, leaving out the parts that are unknown or empty. */
export function formatIssue(issue: ConfigIssue): string {
  const parts = [issue.where, issue.path, issue.message];
  return parts.filter((p) => p !== null && p !== '').join(': ');
}

/** `spec.generator.hidden[0]`: names joined with dots, positions in brackets. */
export function displayPath(path: LogicalPath): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text === '' ? segment : `.${segment}`;
  }
  return text;
}

/** A new issue at `origin`, placed by `locator`. */
export function issueAt(
  locator: Locator,
  origin: Origin,
  message: string,
  asKey = false,
): ConfigIssue {
  return {
    where: locator.where(origin, asKey),
    path: displayPath(origin.path),
    message,
  };
}

/**
 * Throws one `SweepFileError` when there are issues, dropping repeats:
 * arguments first, then file positions in reading order.
 */
export function throwIfAny(source: string, issues: ConfigIssue[]): void {
  if (issues.length === 0) return;

  const seen = new Set<string>();
  const unique = issues.filter((issue) => {
    const key = formatIssue(issue);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  unique.sort((a, b) => readingOrder(a) - readingOrder(b));
  throw new SweepFileError(source, unique);
}

/** Arguments (0) before positions (line, column) before the unplaced. */
function readingOrder(issue: ConfigIssue): number {
  const where = issue.where ?? '';
  if (where.startsWith('--')) return 0;

  const position = /:(\d+):(\d+)$/.exec(where);
  if (position === null) return Number.MAX_SAFE_INTEGER;
  return Number(position[1]) * 100_000 + Number(position[2]);
}

/**
 * The rule a zod issue says was broken, in words a person can act on, and
 * the value found. Unknown keys are reported elsewhere, with suggestions.
 */
export function ruleOf(issue: z.core.$ZodIssue, found: unknown): string {
  const rule = ruleText(issue, found);
  // A custom rule relates several keys; its message names them.
  if (found === undefined || issue.code === 'custom') return rule;
  return `${rule}; found ${renderValue(found)}`;
}

function ruleText(issue: z.core.$ZodIssue, found: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      if (found === undefined) return 'is required';
      return typeof found === 'number' && issue.expected === 'number'
        ? 'must be a finite number'
        : mustBe(issue.expected);
    case 'too_small':
      return boundText('at least', 'greater than', issue);
    case 'too_big':
      return boundText('at most', 'less than', issue);
    case 'invalid_value':
      return `must be one of ${issue.values.map(String).join(', ')}`;
    case 'invalid_union':
      return invalidUnionText(issue);
    case 'invalid_format':
      return `must be ${issue.message}`;
    default:
      return issue.message;
  }
}

function invalidUnionText(issue: z.core.$ZodIssueInvalidUnion): string {
  const options = (issue as unknown as { options?: unknown[] }).options;
  if (Array.isArray(options)) {
    return `must be one of ${options.map(String).join(', ')}`;
  }
  return issue.message;
}

function mustBe(expected: string): string {
  switch (expected) {
    case 'int':
      return 'must be an integer';
    case 'number':
      return 'must be a number';
    case 'object':
    case 'record':
      return 'must be a mapping of keys to values';
    case 'array':
      return 'must be a list';
    default:
      return `must be a ${expected}`;
  }
}

function boundText(
  inclusiveWord: string,
  exclusiveWord: string,
  issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig,
): string {
  const bound =
    'minimum' in issue ? Number(issue.minimum) : Number(issue.maximum);
  switch (issue.origin) {
    case 'array':
    case 'set':
      return `must have ${inclusiveWord} ${bound} item${bound === 1 ? '' : 's'}`;
    case 'string':
      return `must have ${inclusiveWord} ${bound} characters`;
    default:
      return issue.inclusive
        ? `must be ${inclusiveWord} ${bound}`
        : `must be ${exclusiveWord} ${bound}`;
  }
}

/** A value as it would be written in YAML flow style, cut to 60 characters. */
export function renderValue(value: unknown): string {
  const text = renderFull(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function renderFull(value: unknown): string {
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return '.nan';
    if (!Number.isFinite(value)) return value > 0 ? '.inf' : '-.inf';
    return String(value);
  }
  if (value === undefined) return 'nothing';
  return JSON.stringify(value) ?? String(value);
}
