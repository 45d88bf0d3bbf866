/**
 * Atomic file writes: a reader sees the old file or the new one, never a
 * half-written one, even when the writer is killed part way or when several
 * processes (shards) write into the same folder at once.
 */
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/** Suffix of every temporary file; readers skip names that end with it. */
export const TEMPORARY_SUFFIX = '.tmp';

/**
 * A unique temporary name beside `target`. It starts with a dot and ends
 * with `.tmp`, so no reader mistakes it for a record; pid and a random UUID
 * keep two writers (threads, processes or hosts) from ever sharing one.
 */
export function temporaryPath(target: string): string {
  const dir = path.dirname(target);
  const base = path.basename(target);
  const unique = `${process.pid}.${randomUUID()}`;
  return path.join(dir, `.${base}.${unique}${TEMPORARY_SUFFIX}`);
}

/** True for a name that `temporaryPath` made. */
export function isTemporaryName(name: string): boolean {
  return name.startsWith('.') && name.endsWith(TEMPORARY_SUFFIX);
}

/**
 * Writes `text` to `target` atomically: a temporary file in the same folder
 * (rename is only atomic within one file system), flushed to disk, then
 * renamed over the target. Throws what the file system throws; the
 * temporary file is removed when the write fails.
 */
export async function writeFileAtomic(
  target: string,
  text: string,
): Promise<void> {
  const temporary = await writeTemporary(target, text);

  try {
    await fs.rename(temporary, target);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
}

/**
 * Creates `target` with `text` only if it does not exist yet, atomically.
 * Returns false, writing nothing, when `target` already exists.
 *
 * A hard link from a complete temporary file fails with EEXIST when the
 * target exists, so of several writers racing, exactly one wins and no one
 * ever sees a partial file.
 */
export async function createFileExclusive(
  target: string,
  text: string,
): Promise<boolean> {
  const temporary = await writeTemporary(target, text);

  try {
    await fs.link(temporary, target);
    return true;
  } catch (error) {
    const code = errorCode(error);
    if (code === 'EEXIST') return false;
    if (code && NO_HARD_LINKS.has(code)) return createWithoutLink(target, text);
    throw error;
  } finally {
    await fs.rm(temporary, { force: true });
  }
}

/** Errors of file systems that have no hard links (some FUSE and SMB mounts). */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);

/*
 * Still exclusive, but no longer atomic: a reader racing the writer could
 * see a short file. Acceptable for sweep.yaml, which is written once at
 * the start, before any record.
 */
async function createWithoutLink(target: string, text: string) {
  try {
    await fs.writeFile(target, text, { flag: 'wx' });
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  }
}

async function writeTemporary(target: string, text: string): Promise<string> {
  const temporary = temporaryPath(target);
  const handle = await fs.open(temporary, 'wx');

  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } catch (error) {
    await handle.close();
    await fs.rm(temporary, { force: true });
    throw error;
  }

  await handle.close();
  return temporary;
}

/** The `code` of a Node system error, or undefined. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}
