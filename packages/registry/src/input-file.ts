import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';

/**
 * Reading a file that someone else named (a registry, a snapshot, a baseline, a cache): only a
 * regular file is read, and never more than a bound. A FIFO would block the run forever, a
 * device such as /dev/zero would fill memory, and `readFile` does both without a word.
 *
 * The file is opened first and then inspected through the open descriptor, so what is read is
 * what was inspected (no check-then-read race). O_NONBLOCK lets a FIFO open without a writer.
 */

export type InputKind = 'file' | 'folder' | 'fifo' | 'device' | 'socket' | 'other';

export type InputRead =
  | { ok: true; bytes: Buffer }
  | {
      ok: false;
      /** missing: nothing there (or a dangling link); loop: links that lead back to themselves. */
      reason: 'missing' | 'loop' | 'not-a-file' | 'too-large' | 'unreadable';
      /** For not-a-file: what stands there instead. */
      kind?: InputKind;
      /** For too-large: the size the file has, when known. */
      size?: number;
      /** What is wrong, without the path: "is a named pipe (FIFO), not a file". */
      problem: string;
    };

export interface InputReadOptions {
  /** Bytes beyond this are not read: the result is `too-large`. */
  maxBytes: number;
}

const OPEN_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK;

/** What a path holds, as a person would say it. */
export function describeKind(kind: InputKind): string {
  switch (kind) {
    case 'file':
      return 'a file';
    case 'folder':
      return 'a folder';
    case 'fifo':
      return 'a named pipe (FIFO)';
    case 'device':
      return 'a device';
    case 'socket':
      return 'a socket';
    case 'other':
      return 'not a regular file';
  }
}

export function kindOf(stats: Stats): InputKind {
  if (stats.isFile()) return 'file';
  if (stats.isDirectory()) return 'folder';
  if (stats.isFIFO()) return 'fifo';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'device';
  if (stats.isSocket()) return 'socket';
  return 'other';
}

/**
 * Reads `path` if it is a regular file of at most `maxBytes`; otherwise says why not. The read
 * itself is synchronous (inputs are small and read one at a time, as linters do); the promise
 * keeps callers free to change that.
 */
export async function readInputFile(path: string, options: InputReadOptions): Promise<InputRead> {
  return readInputFileSync(path, options);
}

/** The same, for callers that must answer at once (a cache lookup). */
export function readInputFileSync(path: string, options: InputReadOptions): InputRead {
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (error) {
    return openFailure(error);
  }
  try {
    const stats = fstatSync(fd);
    const refused = refusal(stats, options.maxBytes);
    if (refused !== null) return refused;
    // The size may change between stat and read; one byte more than allowed tells.
    const buffer = Buffer.alloc(Math.min(stats.size, options.maxBytes) + 1);
    let filled = 0;
    for (;;) {
      const bytesRead = readSync(fd, buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
      if (filled === buffer.length) {
        if (filled > options.maxBytes) return tooLarge(options.maxBytes, filled);
        break;
      }
    }
    return { ok: true, bytes: buffer.subarray(0, filled) };
  } catch (error) {
    return openFailure(error);
  } finally {
    closeSync(fd);
  }
}

function refusal(stats: Stats, maxBytes: number): InputRead | null {
  const kind = kindOf(stats);
  if (kind !== 'file') return { ok: false, reason: 'not-a-file', kind, problem: `is ${describeKind(kind)}, not a file` };
  if (stats.size > maxBytes) return tooLarge(maxBytes, stats.size);
  return null;
}

function tooLarge(maxBytes: number, size: number): InputRead {
  // `size` is at least this much: a file that grew while being read is larger still.
  return { ok: false, reason: 'too-large', size, problem: `is ${formatBytes(size)}, more than the ${formatBytes(maxBytes)} citecheck reads of one file` };
}

function openFailure(error: unknown): InputRead {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return { ok: false, reason: 'missing', problem: 'was not found' };
    case 'ELOOP':
      return { ok: false, reason: 'loop', problem: 'is a symbolic link that leads back to itself' };
    case 'ENOTDIR':
      return { ok: false, reason: 'missing', problem: 'was not found (a file stands where a folder of its path should be)' };
    case 'EISDIR':
      return { ok: false, reason: 'not-a-file', kind: 'folder', problem: `is ${describeKind('folder')}, not a file` };
    case 'ENXIO':
      // Opening a socket, or a FIFO for writing with no reader, fails this way.
      return { ok: false, reason: 'not-a-file', kind: 'socket', problem: `is ${describeKind('socket')}, not a file` };
    case 'EACCES':
    case 'EPERM':
      return { ok: false, reason: 'unreadable', problem: 'cannot be read: permission denied' };
    default:
      return { ok: false, reason: 'unreadable', problem: `cannot be read: ${(error as Error).message}` };
  }
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round(bytes / (1024 * 1024))} MiB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KiB`;
  return `${bytes} bytes`;
}
