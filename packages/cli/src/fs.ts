import { constants, readFileSync } from 'node:fs';
import { chmod, chown, link, lstat, mkdir, open, readlink, realpath, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { CitecheckError } from '@citecheck/model';
import { describeKind, kindOf } from '@citecheck/registry';
import { removeStaleTempFiles, tempPathFor, withTempFile } from './temp-files.js';

export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

export function readJsonSchema(url: URL): object {
  return JSON.parse(readFileSync(url, 'utf8')) as object;
}

/** Where a write goes once links are followed, and how it must be done. */
type Target =
  /** Nothing there yet: a new file. */
  | { kind: 'new'; path: string }
  /** A regular file: replaced whole, by rename, keeping its mode (and owner, as root). */
  | { kind: 'file'; path: string; mode: number; uid: number; gid: number }
  /** A named pipe, a terminal, /dev/null, a descriptor's link: written to, never replaced. */
  | { kind: 'stream'; path: string; what: string; append: boolean };

export interface WriteOptions {
  /**
   * Where `-o /dev/stdout` (or a link to /proc/self/fd/1) goes: the run's own standard output.
   * Opening that path anew fails when standard output is a socket, as a parent process's pipe
   * often is, and bypasses what the caller buffers.
   */
  stdout?: (text: string) => void;
  /**
   * For files citecheck alone reads back (the cache): a pipe or device is refused, not
   * written to, since what went in would never come out again.
   */
  regularOnly?: boolean;
}

/**
 * Writes an output (a report, a badge, the cache). A regular file is written beside itself and
 * renamed over, so an interrupted run never leaves half a report; a link is followed and its
 * target replaced, the link kept. What is not a regular file (`-o /dev/stdout`, a FIFO) is
 * written in place: renaming over it would replace the user's device or pipe with a file.
 */
export async function writeOutput(path: string, data: string, options: WriteOptions = {}): Promise<void> {
  if (options.stdout !== undefined && (await descriptorNamed(path)) === 1) {
    if (options.regularOnly) throw new CitecheckError(`cannot write ${path}: it is standard output, not a file`);
    options.stdout(data);
    return;
  }
  const target = await targetOf(path);
  if (target.kind === 'stream') {
    if (options.regularOnly) throw new CitecheckError(`cannot write ${path}: it is ${target.what}, not a file`);
    return writeInPlace(path, target, data);
  }
  await makeFolderFor(target.path, path);
  const folder = dirname(target.path);
  await removeStaleTempFiles(folder);
  const temp = tempPathFor(target.path);
  await withTempFile(temp, async () => {
    try {
      // Created no wider than the file it replaces (the umask can only narrow it), then given
      // exactly that file's mode: a private report never passes through a readable state.
      await writeFile(temp, data, { flag: 'wx', ...(target.kind === 'file' ? { mode: target.mode & 0o777 } : {}) });
      if (target.kind === 'file') {
        // As root, a replaced file would otherwise pass to root; chown before chmod, which it resets.
        if (process.getuid?.() === 0) await chown(temp, target.uid, target.gid).catch(() => undefined);
        await chmod(temp, target.mode & 0o7777);
      }
      await rename(temp, target.path);
    } catch (error) {
      throw writeFailure(path, error);
    }
  });
}

/**
 * Writes a file the user will go on to edit (a registry, a config): atomically, and never over
 * one that exists unless `force` says so, since that would lose their work.
 */
export async function writeNewFile(path: string, data: string, force: boolean): Promise<void> {
  if (force) return writeOutput(path, data);
  await makeFolderFor(path, path);
  await removeStaleTempFiles(dirname(path));
  const temp = tempPathFor(path);
  await withTempFile(temp, async () => {
    try {
      await writeFile(temp, data, { flag: 'wx' });
      // A hard link fails if the target exists, so no check-then-write race can clobber it.
      await link(temp, path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new CitecheckError(`${path} already exists; nothing was written (add --force to replace it)`);
      throw writeFailure(path, error);
    }
  });
}

/** Enough for any chain of links a person makes; the kernel's own limit is 40. */
const MAX_LINKS = 40;
/** Paths that name an open descriptor of a process: writing there is writing to that stream. */
const DESCRIPTOR = /^\/(?:proc\/(self|thread-self|\d+)\/fd|dev\/fd)\/(\d+)$/;
const STANDARD = new Map([
  ['/dev/stdin', 0],
  ['/dev/stdout', 1],
  ['/dev/stderr', 2],
]);

async function targetOf(path: string, hops = 0): Promise<Target> {
  if (hops > MAX_LINKS) throw new CitecheckError(`cannot write ${path}: it is a symbolic link that leads back to itself`);
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') throw new CitecheckError(`cannot write ${path}: it is a symbolic link that leads back to itself`);
    if (code === 'ENOTDIR') throw new CitecheckError(`cannot write ${path}: ${await blocker(path)}`);
    if (code !== 'ENOENT') throw writeFailure(path, error);
    // A link to nothing yet: its target is created, as a shell's `>` would, and the link kept.
    const own = await lstat(path).catch(() => null);
    if (own?.isSymbolicLink()) return targetOf(resolve(await realpath(dirname(path)), await readlink(path)), hops + 1);
    return { kind: 'new', path };
  }
  const kind = kindOf(info);
  if (kind === 'folder') throw new CitecheckError(`cannot write ${path}: it is a folder`);
  if (kind === 'file') {
    // `-o /dev/stdout` with standard output redirected to a file: that is the shell's file,
    // opened for appending; replacing it would cut it off from the shell.
    if ((await descriptorNamed(path)) !== null) return { kind: 'stream', path, what: 'an open file of this process', append: true };
    return { kind: 'file', path: await realpath(path), mode: info.mode, uid: info.uid, gid: info.gid };
  }
  if (kind === 'fifo' || (kind === 'device' && info.isCharacterDevice())) return { kind: 'stream', path, what: kind === 'fifo' ? describeKind('fifo') : 'a device', append: false };
  // A disk, a socket: nothing a report is meant to go to, and a disk would be destroyed by one.
  throw new CitecheckError(`cannot write ${path}: it is ${info.isBlockDevice() ? 'a disk (block device)' : describeKind(kind)}; name a file, a named pipe or a terminal`);
}

/**
 * The descriptor that `path`, or a link on the way to it, names (/dev/stdout, /dev/fd/N,
 * /proc/self/fd/N): its number if it is this process's, 'another process' if not, else null.
 */
async function descriptorNamed(path: string): Promise<number | 'another process' | null> {
  let current = resolve(path);
  for (let hop = 0; hop <= MAX_LINKS; hop++) {
    const standard = STANDARD.get(current);
    if (standard !== undefined) return standard;
    const match = DESCRIPTOR.exec(current);
    if (match !== null) return match[1] === undefined || !/^\d+$/.test(match[1]) || Number(match[1]) === process.pid ? Number(match[2]) : 'another process';
    const info = await lstat(current).catch(() => null);
    if (!info?.isSymbolicLink()) return null;
    current = resolve(await realpath(dirname(current)), await readlink(current));
  }
  return null;
}

async function writeInPlace(path: string, target: Extract<Target, { kind: 'stream' }>, data: string): Promise<void> {
  // Opening a FIFO for writing waits for a reader, forever if none comes; non-blocking, the
  // open fails at once instead (ENXIO), and that is said.
  let probe;
  try {
    probe = await open(path, constants.O_WRONLY | constants.O_NONBLOCK);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENXIO') {
      throw new CitecheckError(
        target.what === describeKind('fifo')
          ? `cannot write ${path}: it is ${target.what} that nothing is reading; start the reader first (nothing was written)`
          : `cannot write ${path}: it is ${target.what} that cannot be opened (no such device)`,
      );
    }
    throw writeFailure(path, error);
  }
  try {
    // Writes on the non-blocking descriptor would fail whenever the reader lags behind; with a
    // reader there, a blocking descriptor opens at once, and the probe holds the pipe open
    // until it has.
    const handle = await open(path, constants.O_WRONLY | (target.append ? constants.O_APPEND : 0));
    try {
      await handle.writeFile(data);
    } finally {
      await handle.close();
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EPIPE') throw new CitecheckError(`cannot write ${path}: the program reading it closed it before the whole report was written`);
    throw writeFailure(path, error);
  } finally {
    await probe.close();
  }
}

/** `-o reports/ci/out.sarif` in a fresh checkout: make the folder, as other linters do. */
async function makeFolderFor(path: string, shown: string): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') throw new CitecheckError(`cannot create the folder for ${shown}: ${await blocker(path)}`);
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') throw new CitecheckError(`cannot create the folder for ${shown}: permission denied; choose a folder you can write to`);
    throw new CitecheckError(`cannot create the folder for ${shown}: ${(error as Error).message}`);
  }
}

/** "out is a file, not a folder": the nearest ancestor of `path` that exists and is not a folder. */
async function blocker(path: string): Promise<string> {
  for (let folder = dirname(path); dirname(folder) !== folder; folder = dirname(folder)) {
    const info = await stat(folder).catch(() => null);
    if (info === null) continue;
    if (info.isDirectory()) break;
    return `${folder} is ${describeKind(kindOf(info))}, not a folder`;
  }
  return 'a file stands where a folder of its path should be';
}

function writeFailure(path: string, error: unknown): CitecheckError {
  if (error instanceof CitecheckError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'EISDIR':
      return new CitecheckError(`cannot write ${path}: it is a folder`);
    case 'EACCES':
    case 'EPERM':
      return new CitecheckError(`cannot write ${path}: permission denied; choose a folder you can write to`);
    case 'EROFS':
      return new CitecheckError(`cannot write ${path}: the file system is read-only; choose a place you can write to`);
    case 'ENOSPC':
    case 'EDQUOT':
      return new CitecheckError(`cannot write ${path}: the disk is full; the earlier file, if any, is untouched`);
    default:
      return new CitecheckError(`cannot write ${path}: ${(error as Error).message}`);
  }
}
