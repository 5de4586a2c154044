import { parentPort } from 'node:worker_threads';
import { CitecheckError } from '@citecheck/model';
import type { EvidenceIndex } from '@citecheck/evidence';
import { check } from './check.js';
import type { Task, TaskError } from './pool.js';

// Each worker indexes a registry's source text once, for every briefing it is given.
const evidenceCache = new Map<string, Promise<EvidenceIndex | null>>();

parentPort?.on('message', (task: Task) => {
  check(task.file, { ...task.options, config: false, evidenceCache }).then(
    (result) => parentPort?.postMessage({ index: task.index, ok: result }),
    (error: unknown) => {
      const failure: TaskError =
        error instanceof CitecheckError
          ? { message: error.message, file: error.file, line: error.line, column: error.column, known: true }
          : { message: error instanceof Error ? error.message : String(error), known: false };
      parentPort?.postMessage({ index: task.index, error: failure });
    },
  );
});
