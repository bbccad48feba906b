/**
 * The fuzz loop, shared by `npm run fuzz` (scripts/fuzz.ts) and the CI test: pick a seed, mutate
 * it, run the oracle, time it, sample the heap. Deterministic for a given seed and corpus, so
 * any failure can be reproduced from its run's `--seed` and execution number, and is also saved
 * as a regression input.
 */
import { readFileSync } from "node:fs";
import v8 from "node:v8";
import vm from "node:vm";
import { mutate } from "./mutate.js";
import { exercise, type Failure } from "./oracle.js";
import { Rng } from "./prng.js";

export interface FuzzOptions {
  execs: number;
  seed: number;
  corpus: readonly Uint8Array[];
  /** Inputs are capped at this size (the 50 ms budget applies up to 64 KiB). */
  maxBytes?: number;
  /** Per-input time limit in ms for inputs ≤ 64 KiB. */
  slowMs?: number;
  /** Called for each failure with the input that caused it. Return false to stop. */
  onFailure?: (f: Failure, input: Uint8Array, exec: number) => boolean | void;
  /** Called every `progressEvery` executions. */
  onProgress?: (done: number) => void;
  progressEvery?: number;
  /** Called before each input, with the input (the hang watchdog keeps a copy). */
  onInput?: (input: Uint8Array) => void;
}

export interface FuzzStats {
  execs: number;
  seconds: number;
  execsPerSecond: number;
  /** CPU time used (user + system, all threads): on a busy machine a fairer speed measure. */
  cpuSeconds: number;
  execsPerCpuSecond: number;
  failures: number;
  slowest: { ms: number; size: number };
  /** Largest heap growth over the baseline (each window's low point), bytes. */
  maxHeapGrowth: number;
  /** Full collections forced to re-check a large heap reading, and their time. */
  gcs: number;
  gcMs: number;
}

/** The heap bound of issue 6: at most 8 × input + 16 MiB over the baseline. */
export const heapAllowance = (inputBytes: number): number => 8 * inputBytes + 16 * 1024 * 1024;

/**
 * This thread's CPU time in ms, from Linux's /proc/thread-self/stat (utime + stime, in 10 ms
 * USER_HZ ticks); undefined where there is no such file. Node 20 has no per-thread CPU clock,
 * and process.cpuUsage() counts every thread: with two fuzz workers, both of them.
 */
function threadCpuMs(): number | undefined {
  try {
    const stat = readFileSync("/proc/thread-self/stat", "latin1");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch {
    return undefined;
  }
}

/** CPU milliseconds (user + system) since `start`. */
function cpuMs(start: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
}

/**
 * A full GC, to tell live memory from garbage when the heap looks too big. `--expose-gc` is not
 * on under vitest, so turn it on at runtime and fetch `gc` from a fresh context.
 */
const gc: (() => void) | undefined = (() => {
  try {
    v8.setFlagsFromString("--expose-gc");
    return vm.runInNewContext("gc") as () => void;
  } catch {
    return undefined;
  }
})();

export async function fuzz(o: FuzzOptions): Promise<FuzzStats> {
  const rng = new Rng(o.seed);
  const maxBytes = o.maxBytes ?? 64 * 1024;
  const slowMs = o.slowMs ?? 50;
  const every = o.progressEvery ?? 10_000;
  let failures = 0;
  let slowest = { ms: 0, size: 0 };
  let maxHeapGrowth = 0;
  let gcs = 0;
  let gcMs = 0;
  let samples = 0;
  let windowLow = Infinity;
  gc?.();
  const baseline = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let i = 0;
  const fail = (f: Failure, input: Uint8Array): boolean => {
    failures++;
    return o.onFailure?.(f, input, i) !== false;
  };
  for (; i < o.execs; i++) {
    const seed = o.corpus[rng.int(o.corpus.length)]!;
    // A few unmutated seeds keep the baseline honest; the rest are mutants.
    const input = rng.chance(0.002) ? seed.slice(0, maxBytes) : mutate(rng, seed, o.corpus, maxBytes);
    o.onInput?.(input);
    const start = performance.now();
    const failure = await exercise(input, i);
    const ms = performance.now() - start;
    if (failure !== undefined && !fail(failure, input)) break;
    if (ms > slowest.ms) slowest = { ms, size: input.length };
    if (ms > slowMs && input.length <= 64 * 1024) {
      // One slow run can be a GC pause, a JIT tier-up or another process on a shared machine
      // (CI runners, the other fuzz worker): time it again in CPU time before calling it slow
      // (a syscall or a /proc read, too dear for every input). The best of three re-runs, each
      // counted in this thread's CPU time where Linux tells it, else the process's (which
      // includes the other workers), and never more than its wall time.
      let ms2 = Infinity;
      for (let k = 0; k < 3 && ms2 > slowMs; k++) {
        const again = process.cpuUsage();
        const thread = threadCpuMs();
        const t = performance.now();
        await exercise(input, i);
        const wall = performance.now() - t;
        const threadAfter = threadCpuMs();
        const cpu = thread !== undefined && threadAfter !== undefined ? threadAfter - thread : cpuMs(again);
        ms2 = Math.min(ms2, cpu, wall);
      }
      if (ms2 > slowMs && !fail({ kind: "slow", detail: `${ms.toFixed(1)} ms then ${ms2.toFixed(1)} ms (best re-run) for ${input.length} bytes` }, input)) break;
    }
    // Sample the heap every 256 inputs and judge each window of 32 samples by its lowest
    // reading: V8's own collections bring the heap down to what is live several times per
    // window, so a low point above the allowance is memory that stays. Only then (rarely) is a
    // full GC forced to confirm it: forcing one on every high reading made V8 shrink its young
    // generation and re-tune again and again, which cost more CPU than the inputs themselves.
    if ((i & 255) === 255) {
      windowLow = Math.min(windowLow, process.memoryUsage().heapUsed);
      if (++samples === 32 || i + 1 === o.execs) {
        let growth = windowLow - baseline;
        if (growth > heapAllowance(maxBytes) && gc !== undefined) {
          const g0 = performance.now();
          gc();
          gcMs += performance.now() - g0;
          gcs++;
          growth = process.memoryUsage().heapUsed - baseline;
        }
        maxHeapGrowth = Math.max(maxHeapGrowth, growth);
        samples = 0;
        windowLow = Infinity;
        if (growth > heapAllowance(maxBytes) && !fail({ kind: "heap", detail: `heap grew ${growth} bytes` }, input)) break;
      }
    }
    if ((i + 1) % every === 0) o.onProgress?.(i + 1);
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpuSeconds = cpuMs(cpu0) / 1000;
  return { execs: i, seconds, execsPerSecond: i / seconds, cpuSeconds, execsPerCpuSecond: i / cpuSeconds, failures, slowest, maxHeapGrowth, gcs, gcMs };
}
