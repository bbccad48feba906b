/**
 * elfscope's fuzzer: `npm run fuzz -- --execs N --seed S [--workers W] [--max-bytes B]`.
 *
 * Dependency-free and deterministic (test/fuzz/prng.ts): the same seed and corpus give the same
 * inputs. Each worker thread runs the loop of test/fuzz/engine.ts on its own seed. The main
 * thread is the watchdog that an in-process fuzzer cannot be: a worker that stops reporting
 * (an endless loop) or dies of an out-of-memory is terminated, the input it was on — which it
 * copies into shared memory before each run — is saved, and a fresh worker carries on.
 *
 * `--ci` (`npm run fuzz:ci`, the last step of `npm test`) is the fixed-seed run of issue 6:
 * seed 0x6e1f, two workers, seeds of at most 8 KiB, 200,000 executions when CI is set and
 * 20,000 otherwise (FUZZ_EXECS or --execs set any count). It runs as plain Node worker threads,
 * outside vitest (whose per-test isolation halves the rate), prints a closing
 * "fuzz: N passed, N failed" line with wall and CPU time, and exits 1 on any failure or when
 * fewer executions ran than asked.
 *
 * Every failure is saved as test/fuzz/regressions/<kind>-<hash>.bin (+ .txt with the detail);
 * test/fuzz/regressions.test.ts replays them all. Rename a file after the bug once it is fixed.
 */
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";

const MAX_INPUT = 1 << 20;
/** The CI run (issue 6): a fixed seed, 200,000 executions in under two minutes. */
const CI_SEED = 0x6e1f;
const CI_EXECS = 200_000;
const CI_BUDGET_S = 120;
/** A local `npm test` (CI unset): a tenth, about ten seconds. */
const LOCAL_EXECS = 20_000;
/** Shared slots: [0] heartbeat (executions done), [1] current input length; then the bytes. */
const HEADER = 8;

interface WorkerData {
  seed: number;
  execs: number;
  maxBytes: number;
  shared: SharedArrayBuffer;
}

interface Msg {
  type: "failure" | "progress" | "done";
  kind?: string;
  detail?: string;
  input?: Uint8Array;
  done?: number;
  stats?: Record<string, unknown>;
}

function parseArgs(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith("--")) continue;
    const [k, v] = a.slice(2).split("=", 2) as [string, string | undefined];
    // A flag without a value (--ci) is followed by the next flag, not by its value.
    const next = argv[i + 1];
    out[k] = v ?? (next === undefined || next.startsWith("--") ? "" : argv[++i]!);
  }
  return out;
}

async function workerMain(): Promise<void> {
  const { loadCorpus } = await import("../test/fuzz/corpus.js");
  const { fuzz } = await import("../test/fuzz/engine.js");
  const d = workerData as WorkerData;
  const beat = new Int32Array(d.shared, 0, 2);
  const bytes = new Uint8Array(d.shared, HEADER);
  const corpus = loadCorpus(d.maxBytes).map((s) => s.bytes);
  const post = (m: Msg) => parentPort!.postMessage(m);
  const stats = await fuzz({
    execs: d.execs,
    seed: d.seed,
    corpus,
    maxBytes: d.maxBytes,
    progressEvery: 1000,
    onInput(input) {
      bytes.set(input.subarray(0, MAX_INPUT));
      Atomics.store(beat, 1, Math.min(input.length, MAX_INPUT));
      Atomics.add(beat, 0, 1);
    },
    onFailure(f, input) {
      post({ type: "failure", kind: f.kind, detail: f.detail, input: input.slice() });
    },
    onProgress(done) {
      post({ type: "progress", done });
    },
  });
  post({ type: "done", stats: stats as unknown as Record<string, unknown> });
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const ci = "ci" in args;
  const ciExecs = Number(process.env.FUZZ_EXECS ?? (process.env.CI ? CI_EXECS : LOCAL_EXECS));
  const execs = Number(args.execs ?? (ci ? ciExecs : 100_000));
  const seed = Number(args.seed ?? (ci ? CI_SEED : 1));
  const workers = Math.max(1, Number(args.workers ?? (ci ? 2 : 1)));
  const maxBytes = Number(args["max-bytes"] ?? (ci ? 8 * 1024 : 64 * 1024));
  const budget = Number(args["budget-s"] ?? (ci ? CI_BUDGET_S : Infinity));
  const cpu0 = process.cpuUsage();
  const hangMs = Number(args["hang-ms"] ?? 10_000);
  const heapMb = Number(args["heap-mb"] ?? 512);
  const outDir = args.out ?? join(import.meta.dirname, "..", "test", "fuzz", "regressions");
  const t0 = performance.now();
  const seen = new Set<string>();
  let totalDone = 0;
  /** Executions of the running worker of each slot, from its progress messages. */
  const live: number[] = [];
  let failures = 0;

  const save = (kind: string, detail: string, input: Uint8Array): void => {
    const hash = createHash("sha1").update(input).digest("hex").slice(0, 10);
    // One file per distinct failure signature (kind + first line of the detail), not per input.
    const sig = `${kind}:${detail.split("\n")[0]!.replace(/\d+/g, "N")}`;
    failures++;
    if (seen.has(sig)) return;
    seen.add(sig);
    mkdirSync(outDir, { recursive: true });
    const name = `${kind}-${hash}`;
    writeFileSync(join(outDir, `${name}.bin`), input);
    writeFileSync(join(outDir, `${name}.txt`), `${detail}\n`);
    console.log(`[fuzz] ${kind}: ${detail.split("\n")[0]} -> ${name}.bin`);
  };

  const run = (w: number, share: number, round: number): Promise<Record<string, unknown> | undefined> =>
    new Promise((resolve) => {
      const shared = new SharedArrayBuffer(HEADER + MAX_INPUT);
      const beat = new Int32Array(shared, 0, 2);
      const data: WorkerData = { seed: (seed + w * 0x9e3779b9 + round * 0x85ebca6b) >>> 0, execs: share, maxBytes, shared };
      // Loader hooks (tsx) do not follow a script into worker threads: the worker registers tsx
      // itself, then imports this file.
      const boot = `import("tsx/esm/api").then((m) => { m.register(); return import(${JSON.stringify(import.meta.url)}); })`;
      const worker = new Worker(boot, { eval: true, workerData: data, resourceLimits: { maxOldGenerationSizeMb: heapMb } });
      let last = -1;
      let lastChange = performance.now();
      let done = 0;
      let finished = false;
      const current = () => new Uint8Array(shared, HEADER, Atomics.load(beat, 1)).slice();
      const finish = (stats: Record<string, unknown> | undefined, rest: number) => {
        if (finished) return;
        finished = true;
        clearInterval(timer);
        totalDone += done;
        live[w] = 0;
        // A worker lost to a hang or an OOM: the rest of its share runs in a new one.
        if (rest > 0) void run(w, rest, round + 1).then(resolve);
        else resolve(stats);
      };
      const timer = setInterval(() => {
        const now = Atomics.load(beat, 0);
        if (now !== last) {
          last = now;
          lastChange = performance.now();
        } else if (performance.now() - lastChange > hangMs) {
          save("hang", `no progress for ${hangMs} ms`, current());
          void worker.terminate();
          finish(undefined, share - now);
        }
      }, 250);
      worker.on("message", (m: Msg) => {
        if (m.type === "failure") save(m.kind!, m.detail!, m.input!);
        else if (m.type === "progress") {
          done = m.done!;
          live[w] = done;
        }
        else if (m.type === "done") {
          done = Number(m.stats!.execs);
          finish(m.stats, 0);
        }
      });
      worker.on("error", (e: Error & { code?: string }) => {
        const kind = e.code === "ERR_WORKER_OUT_OF_MEMORY" ? "oom" : "crash";
        save(kind, `${e.code ?? ""} ${e.message}`, current());
        // A worker that dies before its first input is broken, not fuzzing: do not respawn it.
        const ran = Atomics.load(beat, 0);
        finish(undefined, ran === 0 ? 0 : share - ran);
      });
      worker.on("exit", () => finish(undefined, 0));
    });

  const progress = setInterval(() => {
    const s = (performance.now() - t0) / 1000;
    const n = totalDone + live.reduce((a, b) => a + (b ?? 0), 0);
    console.log(`[fuzz] ${s.toFixed(0)} s, ${n} execs (${Math.round(n / s)}/s), ${failures} failures`);
  }, ci ? 20_000 : 60_000);
  const shares = Array.from({ length: workers }, (_, w) => Math.floor(execs / workers) + (w < execs % workers ? 1 : 0));
  const results = await Promise.all(shares.map((n, w) => run(w, n, 0)));
  clearInterval(progress);
  const seconds = (performance.now() - t0) / 1000;
  // The whole process: both workers, their GC threads and the watchdog.
  const cpuUsed = process.cpuUsage(cpu0);
  const cpu = (cpuUsed.user + cpuUsed.system) / 1e6;
  const slowest = results.reduce((a, r) => Math.max(a, Number((r?.slowest as { ms: number } | undefined)?.ms ?? 0)), 0);
  const heap = results.reduce((a, r) => Math.max(a, Number(r?.maxHeapGrowth ?? 0)), 0);
  console.log(
    JSON.stringify({
      execs: totalDone,
      seed,
      workers,
      maxBytes,
      seconds: Number(seconds.toFixed(1)),
      cpuSeconds: Number(cpu.toFixed(1)),
      execsPerSecond: Math.round(totalDone / seconds),
      execsPerCpuSecond: cpu > 0 ? Math.round(totalDone / cpu) : null,
      slowestMs: Number(slowest.toFixed(1)),
      maxHeapGrowthMb: Number((heap / 2 ** 20).toFixed(1)),
      failures,
      distinct: seen.size,
    }),
  );
  const short = totalDone < execs;
  if (short) console.log(`[fuzz] only ${totalDone} of ${execs} executions ran`);
  if (seconds > budget) console.log(`[fuzz] warning: ${seconds.toFixed(1)} s is over the ${budget} s budget (CPU ${cpu.toFixed(1)} s: a loaded machine, or slower parsing?)`);
  console.log(
    `fuzz: ${Math.max(0, totalDone - failures)} passed, ${failures} failed — ${totalDone} executions, seed 0x${seed.toString(16)}, ${workers} workers, ` +
      `${seconds.toFixed(1)} s wall, ${cpu.toFixed(1)} s CPU, ${Math.round(totalDone / seconds)}/s` +
      (failures > 0 ? `; inputs saved to ${outDir}` : ""),
  );
  process.exitCode = failures > 0 || short ? 1 : 0;
}

if (isMainThread) await main();
else await workerMain();
