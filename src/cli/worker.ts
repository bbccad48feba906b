/**
 * The worker side of `--threads`: a worker thread runs the same `inspectCandidate` as the main
 * thread and posts each Outcome back. Errors become Outcomes here, inside the worker, because an
 * `ElfError` crossing the thread boundary would arrive as a plain Error (structured clone keeps
 * no class), and `describeError` would then word it differently than in single-thread mode.
 *
 * The worker is the CLI bundle itself (dist/cli.js started with `isMainThread` false): one file
 * to ship, and no second copy of the library in the package.
 */
import { writeSync } from "node:fs";
import { parentPort, workerData, type MessagePort } from "node:worker_threads";
import { ByteBudget, inspectCandidate, type Candidate, type InspectSettings, type Outcome } from "./scan.js";

/** What the main thread passes at start-up. */
export interface WorkerSettings {
  platform: string | undefined;
  /** This thread's share of the byte budget (see `ByteBudget`). */
  budget: number;
  /** Files in flight in this thread, as `--jobs` on the main thread. */
  jobs: number;
}

export interface Task {
  id: number;
  candidate: Candidate;
}

/** Main → worker: a batch of tasks. */
export type ToWorker = Task[];

export interface Result {
  id: number;
  /** Undefined when the Outcome cannot be cloned (a report field the thread boundary cannot
   * carry): the main thread then inspects that file itself rather than losing it. */
  outcome: Outcome | undefined;
}

/**
 * Worker → main. `ready` once the bundle has loaded (tasks handed over earlier would wait for
 * the start-up while the main thread could have run them); `done` carries a few results at once,
 * as every message wakes the other thread, which costs more than cloning a report.
 */
export type FromWorker = { kind: "ready" } | { kind: "done"; results: Result[] };

/** Results per message; the main thread hands out a new batch as each arrives. */
const RESULTS_PER_MESSAGE = 8;

/**
 * Test hook, for test/cli only: ELFSCOPE_TEST_WORKER_CRASH_AFTER=N makes every worker throw an
 * uncaught error once it has posted N outcomes while files are still in its hands (N=0: as soon
 * as it starts), so the tests can check that a dying worker loses no file. It announces itself on
 * stderr (written synchronously, as the worker's own stderr stream dies with it) so a test can
 * tell the crash happened.
 */
function crashAfter(env: NodeJS.ProcessEnv): number | undefined {
  const text = env["ELFSCOPE_TEST_WORKER_CRASH_AFTER"];
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  return Number(text);
}

function post(port: MessagePort, results: Result[]): void {
  try {
    port.postMessage({ kind: "done", results } satisfies FromWorker);
  } catch {
    // One Outcome that cannot be cloned must not take the others with it.
    for (const r of results) {
      try {
        port.postMessage({ kind: "done", results: [r] } satisfies FromWorker);
      } catch {
        port.postMessage({ kind: "done", results: [{ id: r.id, outcome: undefined }] } satisfies FromWorker);
      }
    }
  }
}

/** Serves tasks until the main thread terminates the worker. */
export function serveWorker(): void {
  const port = parentPort!;
  const data = workerData as WorkerSettings;
  const settings: InspectSettings = { platform: data.platform, budget: new ByteBudget(data.budget) };
  const crashAt = crashAfter(process.env);
  const queue: Task[] = [];
  const results: Result[] = [];
  let inFlight = 0;
  let posted = 0;

  const crash = (): never => {
    writeSync(2, `elfscope: test hook: worker crashes after ${posted} files\n`);
    throw new Error("ELFSCOPE_TEST_WORKER_CRASH_AFTER");
  };
  if (crashAt === 0) crash();

  const pump = (): void => {
    if (crashAt !== undefined && posted >= crashAt && queue.length + inFlight > 0) crash();
    while (inFlight < data.jobs && queue.length > 0) {
      const task = queue.shift()!;
      inFlight++;
      void inspectCandidate(task.candidate, settings).then((outcome) => {
        inFlight--;
        results.push({ id: task.id, outcome });
        if (results.length >= RESULTS_PER_MESSAGE || inFlight + queue.length === 0) {
          posted += results.length;
          post(port, results.splice(0));
        }
        // Reads of cached files are mostly synchronous: yield to the event loop between files,
        // so batches the main thread sent meanwhile join the queue.
        setImmediate(pump);
      });
    }
  };

  port.on("message", (batch: ToWorker) => {
    queue.push(...batch);
    pump();
  });
  port.postMessage({ kind: "ready" } satisfies FromWorker);
}
