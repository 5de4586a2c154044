import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { lstat, readdir, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * The files citecheck writes before renaming or linking them into place. Each is named after
 * the process that writes it, so a later run can tell a dead run's leftover from a live run's
 * write in progress, and each is removed if the process is interrupted while it exists.
 */

const SUFFIX = '.citecheck.tmp';
/** `.<name>.<pid>.<random>.citecheck.tmp`; earlier versions wrote `.<pid>.<time>.citecheck.tmp`. */
const TEMP_NAME = /^\.(?:.*\.)?(\d+)\.[0-9a-z]+\.citecheck\.tmp$/;
/** Room for the pid and the random part within the 255 bytes most file systems allow a name. */
const NAME_ROOM = 100;

/** A fresh temp path beside `target`. */
export function tempPathFor(target: string): string {
  const name = basename(target).slice(0, NAME_ROOM);
  return join(dirname(target), `.${name}.${process.pid}.${randomBytes(4).toString('hex')}${SUFFIX}`);
}

// SIGHUP too: a closed terminal ends a run as surely as Ctrl-C does.
const SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const live = new Set<string>();

function onSignal(signal: NodeJS.Signals): void {
  for (const temp of live) rmSync(temp, { force: true });
  live.clear();
  stopListening();
  // With our listener gone the default action applies again, so the run ends as the signal
  // meant and whoever started it sees the signal in its exit status.
  process.kill(process.pid, signal);
}

function stopListening(): void {
  for (const signal of SIGNALS) process.off(signal, onSignal);
}

/**
 * Runs `write`, which creates `temp` and moves it into place; whatever happens (an error, or
 * SIGINT/SIGTERM/SIGHUP while it runs) `temp` does not outlive it. The listeners exist only
 * while a temp file does, so they never change how the rest of a run answers a signal.
 */
export async function withTempFile<T>(temp: string, write: () => Promise<T>): Promise<T> {
  if (live.size === 0) for (const signal of SIGNALS) process.on(signal, onSignal);
  live.add(temp);
  try {
    return await write();
  } finally {
    await rm(temp, { force: true }).catch(() => undefined);
    live.delete(temp);
    if (live.size === 0) stopListening();
  }
}

/**
 * Removes the temp files in `folder` left by runs that were killed outright (SIGKILL, a power
 * cut), recognised by a pid that no longer runs. A live process's file is left alone: it may
 * be another run writing there right now.
 */
export async function removeStaleTempFiles(folder: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return;
  }
  for (const name of names) {
    const match = TEMP_NAME.exec(name);
    if (match === null) continue;
    const pid = Number(match[1]);
    if (pid === process.pid || isRunning(pid)) continue;
    const path = join(folder, name);
    const info = await lstat(path).catch(() => null);
    if (info?.isFile()) await rm(path, { force: true }).catch(() => undefined);
  }
}

function isRunning(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0 || pid > 0x7fffffff) return false;
  try {
    // Signal 0 only asks whether the process exists; EPERM means it does, as another user's.
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
