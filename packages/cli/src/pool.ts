import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { CitecheckError } from '@citecheck/model';
import type { EvidenceIndex } from '@citecheck/evidence';
import { type CheckOptions, type CheckResult, check } from './check.js';

/** What a worker is told: plain data, with the config already read (`config: false`). */
export type TaskOptions = Omit<CheckOptions, 'evidenceCache' | 'config'> & { cwd: string; root: string };
export interface Task {
  index: number;
  file: string;
  options: TaskOptions;
}
export interface TaskError {
  message: string;
  file?: string | undefined;
  line?: number | undefined;
  column?: number | undefined;
  /** A CitecheckError (exit 2 with its message), not a bug. */
  known: boolean;
}
type Reply = { index: number; ok: CheckResult } | { index: number; error: TaskError };

/**
 * `--jobs` when not given: a worker per core, but only as many as have ~24 briefings each. A
 * worker takes about 0.7 s to load the pipeline, the time it takes to check ~24 briefings
 * (measured on the gold set: 29 ms a briefing, first result from a worker after 1.0 s).
 */
export const BRIEFINGS_PER_WORKER = 24;
export const defaultJobs = (): number => availableParallelism();
/**
 * `--jobs` beyond this is lowered: the checks are CPU-bound, so threads past a few per core only
 * add their ~0.7 s start-up and memory (`--jobs 1000000000` on 500 files once started 500
 * threads: 370 s, 10.7 GB).
 */
export const JOBS_PER_CORE = 4;
export const MAX_JOBS = (): number => JOBS_PER_CORE * availableParallelism();

/** How many worker threads check `files` briefings: never more than one a briefing, nor than MAX_JOBS. */
export function workerCount(files: number, jobs: Jobs): number {
  const count = Math.min(jobs.count, MAX_JOBS());
  return Math.min(count, jobs.explicit ? files : Math.floor(files / BRIEFINGS_PER_WORKER));
}

export interface Jobs {
  count: number;
  /** Given with --jobs: honoured as asked (up to one thread per file and MAX_JOBS), not scaled to the run. */
  explicit: boolean;
}

/**
 * Checks briefings, on worker threads when there is enough to share out, in process otherwise.
 * Results come back in the order of `files`, whatever order the workers finish in.
 */
export async function checkAll(files: readonly string[], options: TaskOptions, jobs: Jobs, progress?: (done: number) => void): Promise<CheckResult[]> {
  const threads = workerCount(files.length, jobs);
  if (threads <= 1) {
    const evidenceCache = new Map<string, Promise<EvidenceIndex | null>>();
    const out: CheckResult[] = [];
    for (const file of files) {
      out.push(await check(file, { ...options, config: false, evidenceCache }));
      progress?.(out.length);
    }
    return out;
  }
  return inWorkers(files, options, threads, progress);
}

/**
 * The worker's entry. Run from TypeScript source (tests, tsx), Node 20 does not apply a loader
 * given in a worker's execArgv to its entry file (nodejs/node#47747), so a small script
 * registers tsx first and then imports the TypeScript worker.
 */
function startWorker(): Worker {
  const entry = new URL(import.meta.url.endsWith('.ts') ? './worker.ts' : './worker.js', import.meta.url);
  if (entry.pathname.endsWith('.js')) return new Worker(entry);
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then((api) => { (api.register ?? api.default.register)(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { eval: true, execArgv: ['--conditions=source'] });
}

function inWorkers(files: readonly string[], options: TaskOptions, threads: number, progress?: (done: number) => void): Promise<CheckResult[]> {
  const results: CheckResult[] = new Array<CheckResult>(files.length);
  let next = 0;
  let done = 0;
  const workers: Worker[] = [];
  return new Promise<CheckResult[]>((resolve, reject) => {
    let failed = false;
    const fail = (error: Error): void => {
      if (failed) return;
      failed = true;
      for (const w of workers) void w.terminate();
      reject(error);
    };
    const feed = (worker: Worker): void => {
      const index = next++;
      const file = files[index];
      if (file === undefined) {
        void worker.terminate();
        return;
      }
      worker.postMessage({ index, file, options } satisfies Task);
    };
    for (let i = 0; i < threads; i++) {
      const worker = startWorker();
      workers.push(worker);
      worker.on('message', (reply: Reply) => {
        if ('error' in reply) {
          const { message, known, ...where } = reply.error;
          fail(known ? new CitecheckError(message, where) : new Error(message));
          return;
        }
        results[reply.index] = reply.ok;
        done++;
        progress?.(done);
        if (done === files.length) {
          for (const w of workers) void w.terminate();
          resolve(results);
        } else {
          feed(worker);
        }
      });
      worker.on('error', fail);
      feed(worker);
    }
  });
}
