/*
 * Issue 12, item 17: `--jobs` has a cap. Worker threads are counted, not timed: a fake Worker
 * answers each task at once, so the test sees how many threads checkAll starts.
 */
import { availableParallelism } from 'node:os';
import { describe, expect, it, vi } from 'vitest';

const started = vi.hoisted(() => ({ count: 0 }));
vi.mock('node:worker_threads', async () => {
  const { EventEmitter } = await import('node:events');
  class Worker extends EventEmitter {
    constructor() {
      super();
      started.count++;
    }
    postMessage(task: { index: number; file: string }): void {
      setImmediate(() => this.emit('message', { index: task.index, ok: { file: task.file } }));
    }
    terminate(): Promise<number> {
      return Promise.resolve(0);
    }
  }
  return { Worker };
});

const { checkAll } = await import('./pool.js');

// The cap --help states: at most 4 threads per core.
const CAP = 4 * availableParallelism();

const files = (n: number): string[] => Array.from({ length: n }, (_, i) => `b${i}.md`);
const options = { cwd: '/', root: '/' };

describe('checkAll: how many worker threads', () => {
  it('--jobs 1000000000 on 200 files starts no more than a few per core', async () => {
    started.count = 0;
    const results = await checkAll(files(200), options, { count: 1_000_000_000, explicit: true });
    expect(results).toHaveLength(200);
    expect(started.count).toBe(Math.min(200, CAP));
  });

  it('never more threads than files', async () => {
    started.count = 0;
    await checkAll(files(3), options, { count: 64, explicit: true });
    expect(started.count).toBe(Math.min(3, CAP));
  });
});
