/**
 * Reading `runs/`: every record that parses and passes its schema, and a
 * reason for every one that does not.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';

import { UserError } from '../errors.js';
import { errorCode, isTemporaryName } from './atomic.js';
import { RECORD_EXTENSION, resultsLayout } from './layout.js';
import type { RunRecord } from './record.js';
import { parseRecord } from './schema.js';

/** A file in the results folder that could not be trusted, and why. */
export interface ResultsProblem {
  /** Path of the file, as joined from the folder given to readResults. */
  file: string;
  message: string;
}

export interface RecordsRead {
  records: RunRecord[];
  problems: ResultsProblem[];
  strayFiles: string[];
}

/** Every record in `dir/runs/`, sorted by run id; none when absent. */
export async function readRecords(dir: string): Promise<RecordsRead> {
  const runsDir = resultsLayout(dir).runsDir;
  const names = await listFolder(runsDir);
  const read: RecordsRead = { records: [], problems: [], strayFiles: [] };

  for (const name of names) {
    const file = path.join(runsDir, name);
    if (isTemporaryName(name)) {
      read.strayFiles.push(file);
      continue;
    }
    if (!name.endsWith(RECORD_EXTENSION)) continue;

    const runId = name.slice(0, -RECORD_EXTENSION.length);
    const parsed = await readOneRecord(file, runId);
    if (parsed.ok) read.records.push(parsed.record);
    else read.problems.push({ file, message: parsed.message });
  }

  return read;
}

async function readOneRecord(file: string, runId: string) {
  try {
    return parseRecord(await fs.readFile(file, 'utf8'), runId);
  } catch (error) {
    return { ok: false as const, message: `unreadable: ${describe(error)}` };
  }
}

/** Sorted entry names of `dir`, or none when it does not exist yet. */
async function listFolder(dir: string): Promise<string[]> {
  try {
    return (await fs.readdir(dir)).sort();
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return [];
    throw new UserError(
      `cannot list ${dir} (${describe(error)})`,
      'Check the folder permissions.',
    );
  }
}

export function describe(error: unknown): string {
  return errorCode(error) ?? (error as Error)?.message ?? String(error);
}
