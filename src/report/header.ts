/**
 * The report's header: what was swept, when, with what, on what machine,
 * how long it took, and the resolved sweep file (collapsed).
 */
import { VERSION } from '../version.js';
import { escapeHtml as h } from './escape.js';
import { plannedRuns, type ReportSource } from './model.js';

/** The page title: the sweep's name, or the names being compared. */
export function reportTitle(sources: ReportSource[]): string {
  if (sources.length === 1) return sources[0]!.sweep.name;
  return `Comparing ${sources.map((source) => source.label).join(' and ')}`;
}

/** The header section's HTML; `generatedAt` is when the report was written. */
export function headerHtml(sources: ReportSource[], generatedAt: Date): string {
  const descriptions = sources
    .filter((source) => source.sweep.description.trim() !== '')
    .map((source) => {
      const prefix = sources.length > 1 ? `<b>${h(source.label)}:</b> ` : '';
      return `<p class="description">${prefix}${h(source.sweep.description)}</p>`;
    });

  return [
    `<header>`,
    `<h1 id="sweep-name">${h(reportTitle(sources))}</h1>`,
    ...descriptions,
    factsList(sources, generatedAt),
    problemsDetails(sources),
    ...sources.map(yamlDetails),
    `</header>`,
  ].join('\n');
}

function factsList(sources: ReportSource[], generatedAt: Date): string {
  const records = sources.flatMap((source) => source.records);
  const facts: [string, string][] = [
    [
      'report written',
      generatedAt.toISOString().replace('T', ' ').slice(0, 16) + ' UTC',
    ],
    ['runs', runsFact(sources)],
    [
      'gansweep',
      distinct([...records.map((r) => r.gansweepVersion)]) +
        ` (report by ${VERSION})`,
    ],
    ['engine', distinct(records.map((r) => `${r.engine} on ${r.backend}`))],
    [
      'machine',
      distinct(records.map((r) => `${r.host.cores} cores, ${r.host.platform}`)),
    ],
    ['run time', runTime(records.map((r) => r.elapsedMs))],
    ['finished', finishedSpan(records.map((r) => r.finishedAt))],
  ];

  const items = facts.map(
    ([name, value]) => `<div><dt>${h(name)}</dt><dd>${h(value)}</dd></div>`,
  );
  return `<dl class="facts">${items.join('')}</dl>`;
}

/**
 * Runs finished against runs planned (a sweep may still be running, or be
 * one shard short), failed runs, and records the store could not trust.
 */
function runsFact(sources: ReportSource[]): string {
  const records = sources.flatMap((source) => source.records);
  const planned = sources.reduce(
    (sum, s) => sum + plannedRuns(s.sweep).length,
    0,
  );
  const failed = records.filter((r) => r.outcome === 'failed').length;
  const problems = sources.reduce((sum, s) => sum + s.problems.length, 0);

  const parts = [
    planned === 0 || planned === records.length
      ? `${records.length}`
      : `${records.length} of ${planned} planned`,
    failed > 0 ? `${failed} failed` : '',
    problems > 0 ? `${problems} unreadable (left out)` : '',
  ];
  return parts.filter((part) => part !== '').join(', ');
}

/** The records the store's reader did not trust, and why. */
function problemsDetails(sources: ReportSource[]): string {
  const problems = sources.flatMap((source) =>
    source.problems.map((p) => `<li>${h(p.file)}: ${h(p.message)}</li>`),
  );
  if (problems.length === 0) return '';
  return [
    `<details><summary>${problems.length} unreadable record(s) left out of this report</summary>`,
    `<ul>${problems.join('')}</ul>`,
    `</details>`,
  ].join('\n');
}

function yamlDetails(source: ReportSource): string {
  return [
    `<details><summary>Resolved sweep file: ${h(source.dir)}/sweep.yaml</summary>`,
    `<pre>${h(source.sweepYaml)}</pre>`,
    `</details>`,
  ].join('\n');
}

/** The distinct values, most frequent first, or "unknown". */
function distinct(values: string[]): string {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  const ordered = [...counts].sort((a, b) => b[1] - a[1]).map(([v]) => v);
  return ordered.length === 0 ? 'unknown' : ordered.join('; ');
}

/** Total of all runs' times, and the median and range of one run's. */
export function runTime(elapsedMs: number[]): string {
  if (elapsedMs.length === 0) return 'no runs';
  const sorted = [...elapsedMs].sort((a, b) => a - b);
  const total = sorted.reduce((sum, ms) => sum + ms, 0);
  const middle = sorted.length / 2;
  const median =
    sorted.length % 2 === 1
      ? sorted[Math.floor(middle)]!
      : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return (
    `${duration(total)} in all runs together; per run median ` +
    `${duration(median)} (${duration(sorted[0]!)} to ${duration(sorted[sorted.length - 1]!)})`
  );
}

function finishedSpan(stamps: string[]): string {
  const times = stamps.map((s) => Date.parse(s)).filter(Number.isFinite);
  if (times.length === 0) return 'unknown';
  const first = new Date(Math.min(...times)).toISOString().slice(0, 16);
  const last = new Date(Math.max(...times)).toISOString().slice(0, 16);
  const span = first === last ? first : `${first} to ${last}`;
  return `${span.replace(/T/g, ' ')} UTC`;
}

/** Milliseconds as "850 ms", "42.0 s", "3 min 4 s" or "2 h 5 min". */
export function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
