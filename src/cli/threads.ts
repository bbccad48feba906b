/**
 * `--threads N`: the main thread inspects files AND shares the walk's candidates with N-1 worker
 * threads, yielding outcomes in walk order exactly as `scan` does, so the output is the same
 * byte for byte. Inspection is CPU-bound parsing; one thread leaves the other cores idle.
 *
 * Work-sharing rather than a fixed split: one queue of candidates in walk order; a worker is
 * handed small batches and refilled while it still has several in hand (the main thread may be
 * busy with a file when a worker's results arrive, so a worker never waits on an empty hand);
 * the main thread takes what the workers leave, one file at a time once they run. A worker that
 * dies loses nothing: its unfinished candidates go back to the main thread.
 */
import { Worker } from "node:worker_threads";
import { ByteBudget, DEFAULT_BYTE_BUDGET, inspectCandidate, type Candidate, type Outcome, type WalkEvent } from "./scan.js";
import type { FromWorker, Task, ToWorker, WorkerSettings } from "./worker.js";

/**
 * Workers start only once the walk has produced more candidates than this: a worker's start-up
 * (~50 ms to load the bundle) is more than a handful of files take on the main thread, so
 * `elfscope one-binary` never pays it.
 */
const LAZY_START = 16;
/**
 * Tasks per hand-over: small, so the last files of a run spread over every thread, but not one
 * by one, as each message wakes the other thread.
 */
const BATCH = 8;
/**
 * Tasks a worker holds (running or waiting in its own queue). The main thread answers a worker
 * only between its own files, so a worker needs work in hand to bridge that delay; the main
 * thread takes candidates only when every worker's hand is full, as it also walks and renders.
 */
const HAND = 32;
/**
 * Candidates each thread may run ahead of the oldest unfinished one. Outcomes are yielded in walk
 * order, so a slow file at the head holds back everything behind it: without this slack the other
 * threads run out of candidates and wait. Finished reports are small (at most ~150 KB as JSON for
 * the largest Go binaries in /usr), so holding these costs little next to the files in flight.
 */
const AHEAD = 64;

export interface ThreadOptions {
  threads: number;
  /** Files in flight per thread. */
  jobs: number;
  platform: string | undefined;
  /** The worker's module: the CLI bundle itself (see worker.ts). */
  workerUrl: URL;
}

interface Job extends Task {
  resolve: (o: Outcome) => void;
  settled: boolean;
}

interface Helper {
  worker: Worker;
  ready: boolean;
  alive: boolean;
  /** Handed over and not yet answered. */
  jobs: Map<number, Job>;
}

function settle(job: Job, outcome: Outcome): void {
  // A worker's late answer and the main thread's re-run of the same file can both arrive.
  if (job.settled) return;
  job.settled = true;
  job.resolve(outcome);
}

/** Walk events in, outcomes out in walk order; inspection spread over `threads` threads. */
export async function* scanThreaded(events: AsyncIterable<WalkEvent>, opts: ThreadOptions): AsyncGenerator<Outcome> {
  // Each thread gets its share of the budget, so the peak memory stays that of one thread.
  const budget = Math.floor(DEFAULT_BYTE_BUDGET / opts.threads);
  const mainSettings = { platform: opts.platform, budget: new ByteBudget(budget) };
  const queue: Job[] = [];
  /** Candidates a dead worker left unfinished: the main thread's, oldest first. */
  const retry: Job[] = [];
  const helpers: Helper[] = [];
  let mainInFlight = 0;

  const dispatch = (): void => {
    for (const h of helpers) {
      while (h.ready && h.alive && h.jobs.size + BATCH <= HAND && queue.length > 0) hand(h, queue.splice(0, BATCH));
    }
    // With workers running, the main thread inspects one file at a time: it also walks, hands out
    // batches and renders, and a worker waiting on it wastes a whole core.
    const limit = helpers.some((h) => h.ready && h.alive) ? 1 : opts.jobs;
    while (mainInFlight < limit && (retry.length > 0 || queue.length > 0)) {
      const job = retry.length > 0 ? retry.shift()! : queue.shift()!;
      if (job.settled) continue;
      mainInFlight++;
      void inspectCandidate(job.candidate, mainSettings).then((outcome) => {
        mainInFlight--;
        settle(job, outcome);
        // Reads of cached files are mostly synchronous, so back-to-back files would run in one
        // microtask chain: yield to the event loop first, or the walk and the workers' messages
        // (their next batch) wait until the main thread runs out of files.
        setImmediate(dispatch);
      });
    }
  };

  const hand = (h: Helper, jobs: Job[]): void => {
    for (const job of jobs) h.jobs.set(job.id, job);
    h.worker.postMessage(jobs.map(({ id, candidate }) => ({ id, candidate })) satisfies ToWorker);
  };

  const requeue = (jobs: Job[]): void => {
    retry.push(...jobs);
    retry.sort((a, b) => a.id - b.id);
  };

  const lost = (h: Helper): void => {
    if (!h.alive) return;
    h.alive = false;
    requeue([...h.jobs.values()]);
    h.jobs.clear();
    dispatch();
  };

  const onMessage = (h: Helper, m: FromWorker): void => {
    if (m.kind === "ready") h.ready = true;
    for (const { id, outcome } of m.kind === "done" ? m.results : []) {
      const job = h.jobs.get(id);
      if (job === undefined) continue;
      h.jobs.delete(id);
      if (outcome !== undefined) settle(job, outcome);
      else requeue([job]);
    }
    dispatch();
  };

  const start = (): void => {
    const data: WorkerSettings = { platform: opts.platform, budget, jobs: opts.jobs };
    for (let i = 1; i < opts.threads; i++) {
      let worker: Worker;
      try {
        worker = new Worker(opts.workerUrl, { workerData: data });
      } catch {
        continue; // no worker: the main thread does its share
      }
      const h: Helper = { worker, ready: false, alive: true, jobs: new Map() };
      helpers.push(h);
      worker.on("message", (m: FromWorker) => onMessage(h, m));
      // A message that cannot be read names no task: end the worker, its tasks are re-run.
      worker.on("messageerror", () => void worker.terminate());
      worker.on("error", () => lost(h));
      worker.on("exit", () => lost(h));
    }
  };

  const pending: Promise<Outcome>[] = [];
  const window = opts.threads * (opts.jobs + AHEAD);
  let id = 0;
  try {
    for await (const ev of events) {
      if (ev.kind !== "file") {
        pending.push(Promise.resolve(ev));
      } else {
        const candidate: Candidate = { path: ev.path, root: ev.root, explicit: ev.explicit };
        pending.push(new Promise<Outcome>((resolve) => queue.push({ id: id++, candidate, resolve, settled: false })));
        if (id === LAZY_START + 1) start();
        dispatch();
      }
      if (pending.length >= window) yield await pending.shift()!;
    }
    while (pending.length > 0) yield await pending.shift()!;
  } finally {
    for (const h of helpers) {
      h.alive = false;
      void h.worker.terminate();
    }
  }
}
