/**
 * Renders a sweep's events for a person or a script: bars on a terminal,
 * a plain line every few seconds elsewhere, newline-delimited JSON with
 * `--json`, nothing with `--quiet`. The sweep itself never prints.
 */
import cliProgress from 'cli-progress';

import type { SweepEvent } from '../sweep/index.js';

export type ProgressMode = 'bars' | 'lines' | 'json' | 'quiet';

export interface ProgressRenderer {
  onEvent(event: SweepEvent): void;
  /** Stops timers and bars; call once, after the sweep ends or throws. */
  stop(): void;
}

/** `--json` wins over `--quiet`; bars only when stderr is a terminal. */
export function progressMode(options: {
  json: boolean;
  quiet: boolean;
  isTTY: boolean;
}): ProgressMode {
  if (options.json) return 'json';
  if (options.quiet) return 'quiet';
  return options.isTTY ? 'bars' : 'lines';
}

export interface RendererOptions {
  /** Where people read progress (stderr by default). */
  stderr?: NodeJS.WritableStream;
  /** Where `--json` events go (stdout by default). */
  stdout?: NodeJS.WritableStream;
  /** Milliseconds between plain lines, and between JSON progress events of one run. */
  intervalMs?: number;
  now?: () => number;
}

export function createProgressRenderer(
  mode: ProgressMode,
  options: RendererOptions = {},
): ProgressRenderer {
  switch (mode) {
    case 'bars':
      return new BarsRenderer(options);
    case 'lines':
      return new LinesRenderer(options);
    case 'json':
      return new JsonRenderer(options);
    case 'quiet':
      return { onEvent: () => {}, stop: () => {} };
  }
}

/** Counts of a session, shared by the bar and line renderers. */
class Tally {
  total = 0;
  skipped = 0;
  ran = 0;
  failed = 0;
  private started = 0;

  constructor(private readonly now: () => number) {}

  start(total: number, skipped: number): void {
    this.total = total;
    this.skipped = skipped;
    this.started = this.now();
  }

  /** Runs that ended in this session, per minute. */
  ratePerMinute(): number {
    const minutes = (this.now() - this.started) / 60_000;
    return minutes > 0 ? this.ran / minutes : 0;
  }

  /** Seconds until every run has ended at the current rate, or null. */
  etaSeconds(): number | null {
    const rate = this.ratePerMinute();
    const left = this.total - this.skipped - this.ran;
    return rate > 0 ? (left / rate) * 60 : null;
  }

  done(): number {
    return this.skipped + this.ran;
  }
}

/** What a failed or retried run deserves to say at once, or null. */
function faultLine(event: SweepEvent): string | null {
  switch (event.type) {
    case 'run-retry':
      return `run ${event.runId} attempt ${event.attempt} failed (${event.kind}: ${event.message}); retrying`;
    case 'run-end':
      if (event.error === null) return null;
      return `run ${event.runId} (${event.group}, seed ${event.seed}) failed after ${event.attempts} attempt(s): ${event.error.kind}: ${event.error.message}`;
    default:
      return null;
  }
}

class BarsRenderer implements ProgressRenderer {
  private readonly multibar: cliProgress.MultiBar;
  private readonly tally: Tally;
  private overall: cliProgress.SingleBar | null = null;
  private readonly workerBars: cliProgress.SingleBar[] = [];

  constructor(options: RendererOptions) {
    this.tally = new Tally(options.now ?? Date.now);
    this.multibar = new cliProgress.MultiBar(
      {
        stream: options.stderr ?? process.stderr,
        hideCursor: true,
        clearOnComplete: false,
        etaBuffer: 20,
        format:
          '{bar} {value}/{total} runs | {failed} failed | {rate} runs/min | ETA {eta_formatted}',
      },
      cliProgress.Presets.shades_classic,
    );
  }

  onEvent(event: SweepEvent): void {
    const fault = faultLine(event);
    if (fault !== null) this.multibar.log(`${fault}\n`);

    switch (event.type) {
      case 'sweep-start':
        this.start(event.total, event.skipped, event.workers);
        return;
      case 'run-start':
        // start() replaces the payload, so the slot goes in again.
        this.workerBars[event.slot]?.start(event.rounds, 0, {
          label: `${event.group}, seed ${event.seed}`,
          slot: event.slot + 1,
        });
        return;
      case 'run-progress':
        this.workerBars[event.slot]?.update(event.round);
        return;
      case 'run-end':
        this.tally.ran++;
        if (event.error !== null) this.tally.failed++;
        this.updateOverall();
        this.workerBars[event.slot]?.update(0, { label: 'idle' });
        return;
      case 'run-retry':
      case 'sweep-end':
        return;
    }
  }

  private start(total: number, skipped: number, workers: number): void {
    this.tally.start(total, skipped);
    this.overall = this.multibar.create(total, skipped, this.payload());
    const lines = Math.min(workers, total - skipped);
    for (let slot = 0; slot < lines; slot++) {
      const bar = this.multibar.create(
        1,
        0,
        { label: 'idle', slot: slot + 1 },
        { format: '  worker {slot} {bar} round {value}/{total} | {label}' },
      );
      this.workerBars.push(bar);
    }
  }

  private payload() {
    return {
      failed: this.tally.failed,
      rate: this.tally.ratePerMinute().toFixed(1),
    };
  }

  private updateOverall(): void {
    this.overall?.update(this.tally.done(), this.payload());
  }

  stop(): void {
    this.multibar.stop();
  }
}

class LinesRenderer implements ProgressRenderer {
  private readonly stderr: NodeJS.WritableStream;
  private readonly tally: Tally;
  private readonly intervalMs: number;
  private timer: NodeJS.Timeout | null = null;
  private readonly running = new Map<
    number,
    { label: string; round: number; rounds: number }
  >();

  constructor(options: RendererOptions) {
    this.stderr = options.stderr ?? process.stderr;
    this.tally = new Tally(options.now ?? Date.now);
    this.intervalMs = options.intervalMs ?? 5000;
  }

  onEvent(event: SweepEvent): void {
    const fault = faultLine(event);
    if (fault !== null) this.print(fault);

    switch (event.type) {
      case 'sweep-start':
        this.tally.start(event.total, event.skipped);
        this.print(startLine(event));
        this.timer = setInterval(
          () => this.print(this.line()),
          this.intervalMs,
        );
        this.timer.unref();
        return;
      case 'run-start':
        this.running.set(event.slot, {
          label: `${event.group} seed ${event.seed}`,
          round: 0,
          rounds: event.rounds,
        });
        return;
      case 'run-progress': {
        const run = this.running.get(event.slot);
        if (run) run.round = event.round;
        return;
      }
      case 'run-end':
        this.tally.ran++;
        if (event.error !== null) this.tally.failed++;
        this.running.delete(event.slot);
        return;
      case 'run-retry':
        return;
      case 'sweep-end': {
        this.stop();
        const seconds = formatDuration(event.elapsedMs / 1000);
        this.print(
          `${event.cancelled ? 'stopped' : 'ended'} after ${seconds}: ${this.line()}`,
        );
        return;
      }
    }
  }

  private line(): string {
    const { tally } = this;
    const eta = tally.etaSeconds();
    const parts = [
      `${tally.done()}/${tally.total} runs done`,
      `${tally.failed} failed`,
      `${tally.ratePerMinute().toFixed(1)} runs/min`,
    ];
    if (eta !== null && tally.done() < tally.total) {
      parts.push(`ETA ${formatDuration(eta)}`);
    }
    if (this.running.size > 0) {
      const runs = [...this.running.values()].map(
        (run) => `${run.label} round ${run.round}/${run.rounds}`,
      );
      parts.push(`running: ${runs.join('; ')}`);
    }
    return parts.join(', ');
  }

  private print(text: string): void {
    this.stderr.write(`${text}\n`);
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }
}

function startLine(event: Extract<SweepEvent, { type: 'sweep-start' }>) {
  const toRun = event.total - event.skipped;
  const reruns: string[] = [];
  if (event.rerunFailed > 0) reruns.push(`${event.rerunFailed} failed earlier`);
  if (event.rerunUntrusted > 0) {
    reruns.push(`${event.rerunUntrusted} with untrusted records`);
  }
  const again = reruns.length > 0 ? `, rerunning ${reruns.join(' and ')}` : '';
  return `sweep ${event.sweepName}: ${event.total} runs, ${event.skipped} done earlier, ${toRun} to run on ${event.workers} workers${again} -> ${event.dir}`;
}

/** NDJSON on stdout; round progress at most once per interval per run. */
class JsonRenderer implements ProgressRenderer {
  private readonly stdout: NodeJS.WritableStream;
  private readonly intervalMs: number;
  private readonly now: () => number;
  private readonly lastProgress = new Map<string, number>();

  constructor(options: RendererOptions) {
    this.stdout = options.stdout ?? process.stdout;
    this.intervalMs = options.intervalMs ?? 1000;
    this.now = options.now ?? Date.now;
  }

  onEvent(event: SweepEvent): void {
    if (event.type === 'run-progress' && !this.due(event)) return;
    if (event.type === 'run-end') this.lastProgress.delete(event.runId);
    this.stdout.write(`${JSON.stringify(event)}\n`);
  }

  private due(event: Extract<SweepEvent, { type: 'run-progress' }>): boolean {
    if (event.round === event.rounds) return true;
    const last = this.lastProgress.get(event.runId) ?? -Infinity;
    if (this.now() - last < this.intervalMs) return false;
    this.lastProgress.set(event.runId, this.now());
    return true;
  }

  stop(): void {}
}

/** `1h02m`, `4m05s` or `12s`. */
export function formatDuration(seconds: number): string {
  const whole = Math.round(seconds);
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const secs = whole % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (hours > 0) return `${hours}h${pad(minutes)}m`;
  if (minutes > 0) return `${minutes}m${pad(secs)}s`;
  return `${secs}s`;
}
