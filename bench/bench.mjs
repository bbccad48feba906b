#!/usr/bin/env node
// elfscope benchmark (issue 7). Not a test: run `npm run bench` (builds, then runs this).
//
//   node bench/bench.mjs [--dir D]... [--rounds N] [--npm-rounds N] [--go FILE] [--size-base FILE]
//                        [--concurrency N] [--no-npm] [--no-linear] [--quick] [--out FILE]
//
// Default file set: the ELF files directly in /usr/bin, /usr/sbin, /usr/local/bin, /bin, /sbin,
// /usr/lib/<multiarch> and /usr/lib64 (not recursive), symlinks resolved once, deduplicated by
// real path. Everything runs in one session, alternating between tools in every round
// (ABAB…, the order flipped every other round), and reports median and min–max.
// ELFSCOPE_DIST=/path/to/dist measures another build (default: ./dist).
import { execFileSync, spawn } from "node:child_process";
import { closeSync, mkdirSync, openSync, readSync, readdirSync, realpathSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..");
const dist = resolve(process.env.ELFSCOPE_DIST ?? join(root, "dist"));
const cli = join(dist, "cli.js");
const worker = join(here, "worker.mjs");
const nodeFloor = join(here, "node-floor.mjs");
const rssHook = join(here, "rss-hook.mjs");

// ---------------------------------------------------------------- arguments
const args = { dirs: [], rounds: 5, npmRounds: 3, concurrency: 8, npm: true, linear: true, quick: false, elfinfoSample: 10 };
{
  const a = process.argv.slice(2);
  for (let i = 0; i < a.length; i++) {
    const k = a[i];
    const v = () => a[++i];
    if (k === "--dir") args.dirs.push(v());
    else if (k === "--rounds") args.rounds = Number(v());
    else if (k === "--npm-rounds") args.npmRounds = Number(v());
    else if (k === "--go") args.go = v();
    else if (k === "--size-base") args.sizeBase = v();
    else if (k === "--concurrency") args.concurrency = Number(v());
    else if (k === "--no-npm") args.npm = false;
    else if (k === "--elfinfo-sample") args.elfinfoSample = Number(v());
    else if (k === "--no-linear") args.linear = false;
    else if (k === "--quick") args.quick = true;
    else if (k === "--out") args.out = v();
    else if (k === "-h" || k === "--help") {
      console.log(readHelp());
      process.exit(0);
    } else throw new Error(`unknown argument ${k}`);
  }
  if (args.quick) {
    args.rounds = Math.min(args.rounds, 3);
    args.npmRounds = 1;
  }
}
function readHelp() {
  return "node bench/bench.mjs [--dir D]... [--rounds N] [--npm-rounds N] [--go FILE] [--size-base FILE] [--concurrency N] [--no-npm] [--elfinfo-sample K] [--no-linear] [--quick] [--out FILE]\n(elfinfo takes minutes over a whole bin+lib set: by default it runs on every 10th file, compared with elfscope on the same files)";
}

// ---------------------------------------------------------------- helpers
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const stat = (xs) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs), n: xs.length, all: xs });
const fmtMs = (s) => `${s.median.toFixed(0)} ms (${s.min.toFixed(0)}–${s.max.toFixed(0)})`;
const fmtMB = (b) => `${(b / 1e6).toFixed(1)} MB`;
const fmtBytes = (b) => (b >= 1e6 ? `${(b / 1e6).toFixed(2)} MB` : b >= 1e3 ? `${(b / 1e3).toFixed(1)} kB` : `${b} B`);
const log = (...m) => process.stderr.write(m.join(" ") + "\n");

function isElf(path) {
  const fd = openSync(path, "r");
  try {
    const b = Buffer.alloc(4);
    return readSync(fd, b, 0, 4, 0) === 4 && b.readUInt32BE(0) === 0x7f454c46;
  } finally {
    closeSync(fd);
  }
}

function defaultDirs() {
  const dirs = ["/usr/bin", "/usr/sbin", "/usr/local/bin", "/bin", "/sbin", "/usr/lib64"];
  try {
    const arch = execFileSync("gcc", ["-print-multiarch"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    if (arch) dirs.push(`/usr/lib/${arch}`);
  } catch {
    dirs.push(`/usr/lib/${process.arch === "arm64" ? "aarch64" : "x86_64"}-linux-gnu`);
  }
  return dirs;
}

/** ELF files directly in `dirs`: symlinks resolved once, deduplicated by real path, sorted. */
function collect(dirs) {
  const seen = new Map();
  for (const d of dirs) {
    let names;
    try {
      names = readdirSync(d);
    } catch {
      continue;
    }
    for (const n of names) {
      try {
        const real = realpathSync(join(d, n));
        if (seen.has(real)) continue;
        const st = statSync(real);
        if (!st.isFile() || st.size < 16 || !isElf(real)) continue;
        seen.set(real, st.size);
      } catch {
        // unreadable, dangling: not part of the set
      }
    }
  }
  return [...seen.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([path, size]) => ({ path, size }));
}

/**
 * Batches of paths whose argv fits in ARG_MAX (with the environment and a margin), identical
 * for every tool so both pay the same number of process starts.
 */
function batches(paths) {
  let argMax = 2 * 1024 * 1024;
  try {
    argMax = Number(execFileSync("getconf", ["ARG_MAX"], { encoding: "utf8" }).trim()) || argMax;
  } catch {}
  let env = 0;
  for (const [k, v] of Object.entries(process.env)) env += k.length + String(v).length + 2 + 8;
  const budget = Math.floor(argMax / 2) - env - 16 * 1024;
  const out = [];
  let cur = [];
  let used = 0;
  for (const p of paths) {
    const cost = Buffer.byteLength(p) + 1 + 8;
    if (cur.length > 0 && used + cost > budget) {
      out.push(cur);
      cur = [];
      used = 0;
    }
    cur.push(p);
    used += cost;
  }
  if (cur.length > 0) out.push(cur);
  return out;
}

const TIME = (() => {
  try {
    execFileSync("/usr/bin/time", ["-f", "%e", "true"], { stdio: "ignore" });
    return "/usr/bin/time";
  } catch {
    return undefined;
  }
})();

/**
 * Runs a process, drains stdout (counting bytes and lines), returns wall time and, through
 * /usr/bin/time when present, CPU time (user + sys) and peak RSS: on a shared machine CPU time
 * is the steadier measure.
 */
function run(cmd, argv, { env } = {}) {
  if (TIME) {
    argv = ["-f", "__elfscope_bench %U %S %M", cmd, ...argv];
    cmd = TIME;
  }
  return new Promise((res, rej) => {
    const t0 = performance.now();
    const child = spawn(cmd, argv, { stdio: ["ignore", "pipe", "pipe"], env: env ? { ...process.env, ...env } : process.env });
    let bytes = 0;
    let lines = 0;
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => {
      bytes += d.length;
      for (let i = 0; i < d.length; i++) if (d[i] === 10) lines++;
      if (out.length < 1e6) out += d;
    });
    child.stderr.on("data", (d) => {
      if (err.length < 1e4) err += d;
    });
    child.on("error", rej);
    // /usr/bin/time's line comes last, after whatever the tool wrote to stderr, and may arrive
    // split over two chunks: keep the tail and parse it at the end (per chunk, most were lost).
    let tail = "";
    child.stderr.on("data", (d) => {
      tail = (tail + String(d)).slice(-4096);
    });
    let cpuMs = NaN;
    let rss = NaN;
    child.on("close", (code) => {
      const m = /__elfscope_bench ([\d.]+) ([\d.]+) (\d+)/.exec(tail);
      if (m) {
        cpuMs = (Number(m[1]) + Number(m[2])) * 1000;
        rss = Number(m[3]) * 1024;
      }
      res({ ms: performance.now() - t0, cpuMs, rss, code, bytes, lines, out, err });
    });
  });
}

/** Each whole-process tool's command for one argv batch `g`. */
const WHOLE_PROCESS = {
  readelf: (g) => ["readelf", ["-hldnW", ...g]],
  elfscope: (g) => [process.execPath, [cli, "--json", ...g]],
  // One V8 platform thread instead of Node's four (README's tip for small machines).
  elfscopePool1: (g) => [process.execPath, [cli, "--json", ...g], { env: { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --v8-pool-size=1`.trim() } }],
  // What any Node program pays: start-up once per batch; start-up + open, read 64 B, close each file.
  nodeStart: () => [process.execPath, ["-e", ""]],
  nodeFloor: (g) => [process.execPath, [nodeFloor, ...g]],
};

async function wholeProcess(tool, groups) {
  let ms = 0;
  let cpuMs = 0;
  let rss = 0;
  let lines = 0;
  let bytes = 0;
  let worst = 0;
  for (const g of groups) {
    const [cmd, argv, opts] = WHOLE_PROCESS[tool](g);
    const r = await run(cmd, argv, opts);
    ms += r.ms;
    cpuMs += r.cpuMs;
    rss = Math.max(rss, r.rss);
    lines += r.lines;
    bytes += r.bytes;
    if (tool === "elfscope" && r.code !== 0) log(`  elfscope exit ${r.code}: ${r.err.slice(0, 300)}`);
    worst = Math.max(worst, r.code ?? 0);
  }
  return { ms, cpuMs, rss, lines, bytes, code: worst };
}

let listSeq = 0;
const tmp = join(tmpdir(), `elfscope-bench-${process.pid}`);
mkdirSync(tmp, { recursive: true });
function listFile(paths) {
  const f = join(tmp, `list-${listSeq++}.txt`);
  writeFileSync(f, paths.join("\n") + "\n");
  return f;
}

async function workerRun(mode, list, opts = {}) {
  const r = await run(process.execPath, [worker, mode, list, JSON.stringify(opts)], { env: { ELFSCOPE_DIST: dist } });
  if (r.code !== 0) throw new Error(`worker ${mode} failed: ${r.err}`);
  return JSON.parse(r.out);
}

/** Peak RSS of the CLI itself, via a --import hook that reports maxRSS at exit. */
async function cliRss(groups) {
  let peak = 0;
  for (const g of groups) {
    const f = join(tmp, `rss-${listSeq++}.json`);
    await run(process.execPath, ["--import", rssHook, cli, "--json", ...g], { env: { ELFSCOPE_BENCH_RSS: f } });
    try {
      peak = Math.max(peak, JSON.parse(await import("node:fs").then((m) => m.readFileSync(f, "utf8"))).maxRSS);
    } catch {}
  }
  return peak;
}

function findGoBinary(files) {
  if (args.go) return args.go;
  for (const p of ["/usr/local/bin/docker", "/usr/bin/docker", "/usr/bin/dockerd", "/usr/bin/containerd", "/usr/bin/kubectl"]) {
    try {
      if (statSync(p).size > 10e6 && isElf(p)) return realpathSync(p);
    } catch {}
  }
  // The largest file with a .go.buildinfo section, found by readelf.
  for (const f of [...files].sort((a, b) => b.size - a.size).slice(0, 40)) {
    try {
      if (execFileSync("readelf", ["-SW", f.path], { encoding: "utf8" }).includes(".go.buildinfo")) return f.path;
    } catch {}
  }
  return undefined;
}

function which(cmd) {
  try {
    return execFileSync("sh", ["-c", `command -v ${cmd}`], { encoding: "utf8" }).trim() || undefined;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------- the session
const dirs = args.dirs.length > 0 ? args.dirs : defaultDirs();
const files = collect(dirs);
if (files.length === 0) throw new Error(`no ELF files in ${dirs.join(", ")}`);
const paths = files.map((f) => f.path);
const totalSize = files.reduce((s, f) => s + f.size, 0);
const groups = batches(paths);
const allList = listFile(paths);
log(`elfscope bench: ${files.length} ELF files, ${fmtMB(totalSize)}, from ${dirs.join(" ")}; ${groups.length} batch(es); ${args.rounds} rounds; dist ${dist}`);

const result = {
  date: new Date().toISOString(),
  node: process.version,
  machine: { cpus: (await import("node:os")).cpus().length, platform: `${process.platform}/${process.arch}` },
  commit: (() => {
    try {
      return execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, encoding: "utf8" }).trim();
    } catch {
      return null;
    }
  })(),
  set: { dirs, files: files.length, bytes: totalSize, batches: groups.length },
  rounds: args.rounds,
};

// (a) + (b): whole process vs readelf; in-process through FileHandle and Uint8Array
const T = { readelf: [], elfscope: [], fh: [], elf: [], bytes: [], elfy: [], elfyParse: [], elfinfo: [], elfinfoParse: [], fhSample: [], bytesSample: [], fhWarm: [], elfWarm: [], elfyWarm: [], largeElfy: [], largeElf: [], largeFh: [] };
const C = { readelf: [], elfscope: [], elfscopePool1: [], nodeStart: [], nodeFloor: [] };
// What any Node program pays (start-up; open, read the header, close every file), timed in the
// same rounds, so the whole-process target's room for the report itself is measured, not argued.
T.nodeStart = [];
T.nodeFloor = [];
// The CLI with one V8 platform thread instead of Node's four (README's tip for small machines):
// on 2 cores the four run TurboFan jobs side by side and preempt the main thread.
T.elfscopePool1 = [];
const R = {};
const samplePaths = paths.filter((_, i) => i % args.elfinfoSample === 0);
const sampleList = listFile(samplePaths);
// The files where reading whole costs most (the issue measured elfy 80× slower than readelf on
// large Go binaries): elfy against elfscope on them alone, warm.
const LARGE = 16 * 1024 * 1024;
const largePaths = files.filter((f) => f.size >= LARGE).map((f) => f.path);
const largeList = largePaths.length > 0 ? listFile(largePaths) : undefined;
let cliCheck;
let fhLast;
let elfLast;
let bytesLast;
let npmLast = {};
for (let r = 0; r < args.rounds; r++) {
  const order = r % 2 === 0 ? ["readelf", "elfscope", "elfscopePool1", "nodeStart", "nodeFloor"] : ["nodeFloor", "nodeStart", "elfscopePool1", "elfscope", "readelf"];
  for (const tool of order) {
    const w = await wholeProcess(tool, groups);
    T[tool].push(w.ms);
    C[tool].push(w.cpuMs);
    R[tool] = Math.max(R[tool] ?? 0, w.rss);
    if (tool === "elfscope") cliCheck = w;
  }
  fhLast = await workerRun("fh", allList, { concurrency: args.concurrency });
  T.fh.push(fhLast.ms);
  elfLast = await workerRun("elf", allList, { concurrency: args.concurrency });
  T.elf.push(elfLast.ms);
  bytesLast = await workerRun("bytes", allList);
  T.bytes.push(bytesLast.ms);
  // Warm: the second pass in one process, as a long-running host (an editor extension, a
  // server) sees it once V8 has compiled the hot code; the cold figures above include that.
  T.fhWarm.push((await workerRun("fh", allList, { concurrency: args.concurrency, warmup: true })).ms);
  T.elfWarm.push((await workerRun("elf", allList, { concurrency: args.concurrency, warmup: true })).ms);
  if (args.npm && r < args.npmRounds) {
    T.elfyWarm.push((await workerRun("elfy", allList, { warmup: true })).ms);
    if (largeList !== undefined) {
      T.largeElfy.push((await workerRun("elfy", largeList, { warmup: true })).ms);
      T.largeElf.push((await workerRun("elf", largeList, { concurrency: args.concurrency, warmup: true })).ms);
      T.largeFh.push((await workerRun("fh", largeList, { concurrency: args.concurrency, warmup: true })).ms);
    }
    T.fhSample.push((await workerRun("fh", sampleList, { concurrency: args.concurrency })).ms);
    T.bytesSample.push((await workerRun("bytes", sampleList)).ms);
    for (const m of r % 2 === 0 ? ["elfy", "elfinfo"] : ["elfinfo", "elfy"]) {
      const w = await workerRun(m, m === "elfinfo" ? sampleList : allList);
      T[m].push(w.ms);
      T[`${m}Parse`].push(w.parseMs);
      npmLast[m] = w;
    }
  }
  log(`  round ${r + 1}: readelf ${T.readelf.at(-1).toFixed(0)} ms, elfscope CLI ${T.elfscope.at(-1).toFixed(0)} ms, in-process fh ${T.fh.at(-1).toFixed(0)} ms (ELF layer ${T.elf.at(-1).toFixed(0)} ms), bytes ${T.bytes.at(-1).toFixed(0)} ms${T.elfy.length > r ? `, elfy ${T.elfy.at(-1).toFixed(0)} ms, elfinfo ${T.elfinfo.at(-1).toFixed(0)} ms` : ""}`);
}
if (cliCheck.lines !== files.length) log(`  WARNING: the CLI printed ${cliCheck.lines} reports for ${files.length} files`);
result.wholeProcess = {
  readelf: stat(T.readelf),
  elfscope: stat(T.elfscope),
  ratio: median(T.elfscope) / median(T.readelf),
  // The machine is shared: the ratio of the fastest rounds is the least disturbed estimate.
  ratioOfMins: Math.min(...T.elfscope) / Math.min(...T.readelf),
  cpu: { readelf: stat(C.readelf), elfscope: stat(C.elfscope), ratio: median(C.elfscope) / median(C.readelf) },
  // Node start-up once per batch, and a Node program that only opens, reads 64 bytes and closes.
  pool1: { ...stat(T.elfscopePool1), ratio: median(T.elfscopePool1) / median(T.readelf), cpu: stat(C.elfscopePool1), peakRss: R.elfscopePool1 },
  nodeStart: stat(T.nodeStart),
  nodeFloor: { ...stat(T.nodeFloor), ratio: median(T.nodeFloor) / median(T.readelf), cpu: stat(C.nodeFloor) },
  peakRss: R,
  elfscopeReports: cliCheck.lines,
  elfscopeOutputBytes: cliCheck.bytes,
  elfscopeExit: cliCheck.code,
};
result.inProcess = {
  concurrency: args.concurrency,
  fileHandle: { ...stat(T.fh), perFileUs: (median(T.fh) * 1000) / files.length, filesPerSec: files.length / (median(T.fh) / 1000), errors: fhLast.errors, errorSamples: fhLast.errorSamples, maxRSS: fhLast.maxRSS },
  elfLayerOnly: { ...stat(T.elf), perFileUs: (median(T.elf) * 1000) / files.length, filesPerSec: files.length / (median(T.elf) / 1000), bytesRead: elfLast.bytesRead, calls: elfLast.calls, maxRSS: elfLast.maxRSS },
  bytes: { ...stat(T.bytes), perFileUs: (median(T.bytes) * 1000) / files.length, filesPerSec: files.length / (median(T.bytes) / 1000), errors: bytesLast.errors },
  fileHandleWarm: { ...stat(T.fhWarm), perFileUs: (median(T.fhWarm) * 1000) / files.length, filesPerSec: files.length / (median(T.fhWarm) / 1000) },
  elfLayerOnlyWarm: { ...stat(T.elfWarm), perFileUs: (median(T.elfWarm) * 1000) / files.length, filesPerSec: files.length / (median(T.elfWarm) / 1000) },
};
if (args.npm) {
  result.npm = {};
  for (const m of ["elfy", "elfinfo"]) {
    const w = npmLast[m];
    const sample = m === "elfinfo" && args.elfinfoSample > 1;
    const fh = sample ? T.fhSample : T.fh;
    const bytes = sample ? T.bytesSample : T.bytes;
    result.npm[m] = {
      files: w.files,
      elfscopeSameFiles: { fileHandle: stat(fh), bytes: stat(bytes) },
      withRead: stat(T[m]),
      parseOnly: stat(T[`${m}Parse`]),
      errors: w.errors,
      errorSamples: w.errorSamples,
      maxRSS: w.maxRSS,
      // Both read from a path: elfscope through FileHandle vs the package's readFile + parse.
      ratioVsFileHandle: median(T[m]) / median(fh),
      // Like for like: these packages parse headers and tables, as elfscope's ELF layer does.
      ratioVsElfLayer: sample ? null : median(T[m]) / median(T.elf),
      // Both from bytes in memory: parse only vs elfscope's Uint8Array source.
      ratioParseVsBytes: median(T[`${m}Parse`]) / median(bytes),
      // Both warm (second pass in one process), both from a path.
      ...(m === "elfy" && T.elfyWarm.length > 0
        ? { warm: stat(T.elfyWarm), ratioWarm: median(T.elfyWarm) / median(T.fhWarm), ratioWarmVsElfLayer: median(T.elfyWarm) / median(T.elfWarm) }
        : {}),
      ...(m === "elfy" && T.largeElfy.length > 0
        ? {
            largeFiles: {
              minSize: LARGE,
              files: largePaths.length,
              elfy: stat(T.largeElfy),
              elfLayer: stat(T.largeElf),
              fullReport: stat(T.largeFh),
              ratioVsElfLayer: median(T.largeElfy) / median(T.largeElf),
              ratioVsFullReport: median(T.largeElfy) / median(T.largeFh),
            },
          }
        : {}),
    };
  }
}

// (c) bytes read and read calls vs sizes and the floor (sequential, one source per file)
{
  const fl = await workerRun("floor", allList);
  let bytesRead = 0;
  let calls = 0;
  let floor = 0;
  let size = 0;
  const parts = {};
  const steps = {};
  const worst = [];
  for (const p of fl.perFile) {
    bytesRead += p.bytesRead;
    calls += p.calls;
    floor += p.floor;
    size += p.size;
    for (const [k, v] of Object.entries(p.parts)) parts[k] = (parts[k] ?? 0) + v;
    for (const [k, v] of Object.entries(p.steps ?? {})) {
      steps[k] ??= { bytesRead: 0, calls: 0 };
      steps[k].bytesRead += v.bytesRead;
      steps[k].calls += v.calls;
    }
    worst.push({ path: p.path, size: p.size, bytesRead: p.bytesRead, calls: p.calls, floor: p.floor, ratio: p.bytesRead / p.floor });
  }
  worst.sort((a, b) => b.bytesRead - b.floor - (a.bytesRead - a.floor));
  const ratios = fl.perFile.map((p) => p.bytesRead / p.floor);
  // The full report of the files without Go (issue 7: "bytes read for non-Go analysis").
  const nonGo = fl.perFile.filter((p) => p.go === false);
  const nonGoRead = nonGo.reduce((a, p) => a + p.bytesRead, 0);
  const nonGoFloor = nonGo.reduce((a, p) => a + p.floor, 0);
  const nonGoAnalysisFloor = nonGo.reduce((a, p) => a + p.analysisFloor, 0);
  result.bytes = {
    files: fl.perFile.length,
    errors: fl.errors,
    size,
    bytesRead,
    calls,
    callsPerFile: calls / fl.perFile.length,
    floor,
    floorParts: parts,
    ratioToFloor: bytesRead / floor,
    // The ELF layer's own report fields (issue 2) alone, then what each further table costs.
    steps,
    elfLayerRatioToFloor: (steps.elf?.bytesRead ?? NaN) / floor,
    nonGo: { files: nonGo.length, bytesRead: nonGoRead, floor: nonGoFloor, ratio: nonGoRead / nonGoFloor, analysisFloor: nonGoAnalysisFloor, ratioToAnalysisFloor: nonGoRead / nonGoAnalysisFloor },
    perFileRatioMedian: median(ratios),
    perFileRatioMax: Math.max(...ratios),
    fractionOfSize: bytesRead / size,
    worstExcess: worst.slice(0, 8),
  };
}

// (d) peak RSS of the CLI over the whole set (each batch its own process; the max)
result.rss = {
  cli: await cliRss(groups),
  inProcessFileHandle: fhLast.maxRSS,
  // The same host, passing one ReadBufferPool to every file (one run, for its peak).
  inProcessWithPool: (await workerRun("fh", allList, { concurrency: args.concurrency, pool: true })).maxRSS,
};

// (f) a large Go binary
const goFile = findGoBinary(files);
if (goFile !== undefined) {
  const size = statSync(goFile).size;
  const G = { elfscope: [], readelf: [], goVersion: [], inProc: [] };
  let last;
  const goTool = which("go");
  for (let r = 0; r < args.rounds; r++) {
    last = await workerRun("go", listFile([goFile]));
    G.inProc.push(last.ms);
    const order = r % 2 === 0 ? ["elfscope", "readelf", "go"] : ["go", "readelf", "elfscope"];
    for (const t of order) {
      if (t === "elfscope") G.elfscope.push((await run(process.execPath, [cli, "--json", goFile])).ms);
      else if (t === "readelf") G.readelf.push((await run("readelf", ["-hldnW", goFile])).ms);
      else if (goTool) G.goVersion.push((await run(goTool, ["version", "-m", goFile])).ms);
    }
  }
  const cliOut = await run(process.execPath, [cli, "--json", goFile]);
  let hasGo = false;
  try {
    hasGo = JSON.parse(cliOut.out.split("\n")[0]).go != null;
  } catch {}
  result.go = {
    file: goFile,
    size,
    reportHasGo: hasGo,
    inProcess: stat(G.inProc),
    wholeProcess: stat(G.elfscope),
    readelf: stat(G.readelf),
    goVersionM: G.goVersion.length ? stat(G.goVersion) : null,
    bytesRead: last.bytesRead,
    calls: last.calls,
    fractionOfFile: last.bytesRead / size,
    maxRSS: last.maxRSS,
    cliRSS: await cliRss([[goFile]]),
    errors: last.errorSamples,
  };
}

// (g) linearity: number of files (1/4, 1/2, all: every 4th / 2nd file, so the mix is the same)
// and file size (one binary with an added section of 0, 1, 3, 7 × its size)
if (args.linear) {
  const L = [];
  for (const [label, step] of [["1/4", 4], ["1/2", 2], ["all", 1]]) {
    const sub = paths.filter((_, i) => i % step === 0);
    const subList = listFile(sub);
    const subGroups = batches(sub);
    const w = [];
    const p = [];
    for (let r = 0; r < Math.max(3, Math.min(args.rounds, 5)); r++) {
      w.push((await wholeProcess("elfscope", subGroups)).ms);
      p.push((await workerRun("fh", subList, { concurrency: args.concurrency })).ms);
    }
    L.push({ label, files: sub.length, bytes: sub.reduce((s, q) => s + statSync(q).size, 0), wholeProcess: stat(w), inProcess: stat(p) });
  }
  result.linearFiles = L;

  const base = args.sizeBase ?? [join(root, "test/binaries/go-https"), "/usr/bin/ls"].find((p) => {
    try {
      return statSync(p).isFile();
    } catch {
      return false;
    }
  });
  const S = [];
  if (base !== undefined && which("objcopy")) {
    const baseSize = statSync(base).size;
    for (const k of [1, 2, 4, 8]) {
      const f = join(tmp, `sized-${k}x`);
      if (k === 1) execFileSync("cp", [base, f]);
      else {
        const pad = join(tmp, "pad.bin");
        writeFileSync(pad, Buffer.alloc((k - 1) * baseSize, 0x5a));
        execFileSync("objcopy", ["--add-section", `.bench_pad=${pad}`, base, f]);
        rmSync(pad);
      }
      const list = listFile(Array(20).fill(f));
      const ts = [];
      let w;
      for (let r = 0; r < Math.max(3, Math.min(args.rounds, 5)); r++) {
        w = await workerRun("fh", list, { concurrency: 1, warmup: true });
        ts.push(w.ms / 20);
      }
      S.push({ factor: k, size: statSync(f).size, perFile: stat(ts), bytesRead: w.bytesRead / 20, calls: w.calls / 20 });
    }
    result.linearSize = { base, points: S };
  }
}

// ---------------------------------------------------------------- output
const rows = [];
const row = (what, value, target = "", ok = "") => rows.push([what, value, target, ok]);
const yes = (b) => (b ? "met" : "MISSED");
const wp = result.wholeProcess;
row(`readelf -hldnW, ${files.length} files`, fmtMs(wp.readelf));
row("elfscope --json (whole process)", fmtMs(wp.elfscope));
row("  ratio elfscope / readelf", `${wp.ratio.toFixed(2)}× of medians, ${wp.ratioOfMins.toFixed(2)}× of minimums`, "≤ 1.0×", yes(wp.ratio <= 1.0));
if (!Number.isNaN(wp.cpu.ratio)) row("  CPU time (user+sys) elfscope / readelf", `${fmtMs(wp.cpu.elfscope)} / ${fmtMs(wp.cpu.readelf)} = ${wp.cpu.ratio.toFixed(2)}×`);
if (wp.pool1.n > 0) {
  row("elfscope --json, NODE_OPTIONS=--v8-pool-size=1", `${fmtMs(wp.pool1)}; ${wp.pool1.ratio.toFixed(2)}× readelf; ${(wp.pool1.median / wp.elfscope.median).toFixed(2)}× the default run`);
}
if (wp.nodeFloor.n > 0) {
  row(`Node start-up alone (node -e "", ${groups.length}×)`, `${fmtMs(wp.nodeStart)}; ${(wp.nodeStart.median / wp.readelf.median).toFixed(2)}× readelf`);
  row("Node floor: start-up + open, read 64 B, close each file", `${fmtMs(wp.nodeFloor)}; ${wp.nodeFloor.ratio.toFixed(2)}× readelf`);
  row("  left for the full report at 1.0× readelf", `${Math.max(0, wp.readelf.median - wp.nodeFloor.median).toFixed(0)} ms (${((Math.max(0, wp.readelf.median - wp.nodeFloor.median) * 1000) / files.length).toFixed(1)} µs/file)`);
}
const ip = result.inProcess;
row(`in-process FileHandle (${ip.concurrency} in flight)`, `${fmtMs(ip.fileHandle)}; ${ip.fileHandle.perFileUs.toFixed(0)} µs/file; ${ip.fileHandle.filesPerSec.toFixed(0)} files/s`);
row("  of which the ELF layer alone", `${fmtMs(ip.elfLayerOnly)}; ${ip.elfLayerOnly.perFileUs.toFixed(0)} µs/file; ${ip.elfLayerOnly.filesPerSec.toFixed(0)} files/s`);
row("in-process Uint8Array (preloaded)", `${fmtMs(ip.bytes)}; ${ip.bytes.perFileUs.toFixed(0)} µs/file; ${ip.bytes.filesPerSec.toFixed(0)} files/s`);
if (ip.fileHandleWarm.n > 0) row("in-process FileHandle, warm (2nd pass)", `${fmtMs(ip.fileHandleWarm)}; ${ip.fileHandleWarm.perFileUs.toFixed(0)} µs/file; ${ip.fileHandleWarm.filesPerSec.toFixed(0)} files/s`);
if (ip.elfLayerOnlyWarm.n > 0) row("  of which the ELF layer alone, warm", `${fmtMs(ip.elfLayerOnlyWarm)}; ${ip.elfLayerOnlyWarm.perFileUs.toFixed(0)} µs/file; ${ip.elfLayerOnlyWarm.filesPerSec.toFixed(0)} files/s`);
if (result.npm) {
  for (const m of ["elfy", "elfinfo"]) {
    const n = result.npm[m];
    row(`${m}: readFile + parse, ${n.files} files`, `${fmtMs(n.withRead)}${n.errors ? `; ${n.errors} errors` : ""}; elfscope on the same files ${fmtMs(n.elfscopeSameFiles.fileHandle)}`);
    row(`  ratio ${m} / elfscope full report (from path)`, `${n.ratioVsFileHandle.toFixed(2)}×`, m === "elfy" ? "≥ 50×" : "", m === "elfy" ? yes(n.ratioVsFileHandle >= 50) : "");
    if (n.ratioVsElfLayer !== null) row(`  ratio ${m} / elfscope ELF layer alone`, `${n.ratioVsElfLayer.toFixed(2)}×`);
    if (m === "elfy") {
      // The room 50× leaves, next to the part of the report that alone needs more (the Go
      // analysis of the largest files, timed warm, so without V8's warm-up).
      const budget = n.withRead.median / 50;
      const big = n.largeFiles ? `; the full report of the ${n.largeFiles.files} files ≥ ${n.largeFiles.minSize >> 20} MiB alone, warm: ${n.largeFiles.fullReport.median.toFixed(0)} ms (${(n.largeFiles.fullReport.median / budget).toFixed(1)}× that)` : "";
      row("  what 50× leaves: elfy / 50", `${budget.toFixed(0)} ms (${((budget * 1000) / n.files).toFixed(1)} µs/file)${big}`);
    }
    row(`  ${m} parse only / elfscope Uint8Array`, `${fmtMs(n.parseOnly)}; ${n.ratioParseVsBytes.toFixed(2)}×`);
    if (n.warm) row(`  ${m} warm / elfscope warm (both 2nd pass, from path)`, `${fmtMs(n.warm)}; ${n.ratioWarm.toFixed(2)}× (ELF layer alone: ${n.ratioWarmVsElfLayer.toFixed(2)}×)`);
    const L = n.largeFiles;
    if (L) {
      row(`  files ≥ ${L.minSize >> 20} MiB (${L.files}), warm: ${m} / elfscope ELF layer`, `${fmtMs(L.elfy)} / ${fmtMs(L.elfLayer)} = ${L.ratioVsElfLayer.toFixed(1)}×`);
      row(`    ${m} / elfscope full report (with the Go analysis)`, `${fmtMs(L.elfy)} / ${fmtMs(L.fullReport)} = ${L.ratioVsFullReport.toFixed(2)}×`);
    }
  }
}
const b = result.bytes;
row("bytes read (all files, FileHandle)", `${fmtBytes(b.bytesRead)} of ${fmtBytes(b.size)} (${(b.fractionOfSize * 100).toFixed(3)} %)`);
row("read calls", `${b.calls} (${b.callsPerFile.toFixed(2)} per file)`);
row("floor (see bench/floor.mjs)", `${fmtBytes(b.floor)}`);
if (b.steps.elf) {
  row("  ELF layer alone (issue 2 fields)", `${fmtBytes(b.steps.elf.bytesRead)} in ${b.steps.elf.calls} calls; ${b.elfLayerRatioToFloor.toFixed(2)}× floor`, "≤ 2×", yes(b.elfLayerRatioToFloor <= 2));
  for (const [k, v] of Object.entries(b.steps)) if (k !== "elf") row(`  + ${k} (if read whole)`, `${fmtBytes(v.bytesRead)} in ${v.calls} calls`);
}
row("  ratio full report bytes / floor", `${b.ratioToFloor.toFixed(2)}× (per file: median ${b.perFileRatioMedian.toFixed(2)}×, max ${b.perFileRatioMax.toFixed(1)}×)`, "≤ 2×", yes(b.ratioToFloor <= 2));
row(`  files without Go (${b.nonGo.files}): full report / floor`, `${fmtBytes(b.nonGo.bytesRead)} / ${fmtBytes(b.nonGo.floor)} = ${b.nonGo.ratio.toFixed(2)}×`, "≤ 2×", yes(b.nonGo.ratio <= 2));
row("    / analysis floor (+ imports, .comment, static .symtab or .rodata)", `${fmtBytes(b.nonGo.bytesRead)} / ${fmtBytes(b.nonGo.analysisFloor)} = ${b.nonGo.ratioToAnalysisFloor.toFixed(2)}×`, "≤ 2×", yes(b.nonGo.ratioToAnalysisFloor <= 2));
row("peak RSS, CLI over the set", fmtMB(result.rss.cli), "< 100 MB", yes(result.rss.cli < 100e6));
row("peak RSS, in-process FileHandle", fmtMB(result.rss.inProcessFileHandle), "< 100 MB", yes(result.rss.inProcessFileHandle < 100e6));
row("  with a ReadBufferPool", fmtMB(result.rss.inProcessWithPool), "< 100 MB", yes(result.rss.inProcessWithPool < 100e6));
if (result.go) {
  const g = result.go;
  row(`Go: ${g.file} (${fmtMB(g.size)})`, `report ${g.reportHasGo ? "includes" : "lacks"} the go part`);
  row("  in-process full report", fmtMs(g.inProcess));
  row("  whole process elfscope --json", fmtMs(g.wholeProcess));
  row("  readelf -hldnW", fmtMs(g.readelf));
  if (g.goVersionM) row("  go version -m", fmtMs(g.goVersionM));
  row("  bytes read", `${fmtBytes(g.bytesRead)} in ${g.calls} calls (${(g.fractionOfFile * 100).toFixed(2)} % of the file)`, "≤ 25 %", yes(g.fractionOfFile <= 0.25));
  row("  peak RSS (in-process / CLI)", `${fmtMB(g.maxRSS)} / ${fmtMB(g.cliRSS)}`, "< 100 MB", yes(Math.max(g.maxRSS, g.cliRSS) < 100e6));
}
if (result.linearFiles) {
  const base = result.linearFiles[0];
  for (const p of result.linearFiles) {
    row(`files ${p.label} (${p.files})`, `whole ${fmtMs(p.wholeProcess)} (×${(p.wholeProcess.median / base.wholeProcess.median).toFixed(2)}); in-process ${fmtMs(p.inProcess)} (×${(p.inProcess.median / base.inProcess.median).toFixed(2)}); files ×${(p.files / base.files).toFixed(2)}`);
  }
}
if (result.linearSize) {
  const base = result.linearSize.points[0];
  for (const p of result.linearSize.points) {
    row(`size ${p.factor}× (${fmtMB(p.size)})`, `${p.perFile.median.toFixed(2)} ms/file (×${(p.perFile.median / base.perFile.median).toFixed(2)}); ${fmtBytes(p.bytesRead)} read in ${p.calls} calls`);
  }
}
const w0 = Math.max(...rows.map((r) => r[0].length));
const w1 = Math.max(...rows.map((r) => r[1].length));
const w2 = Math.max(...rows.map((r) => r[2].length));
console.log(`\nelfscope bench — ${result.date} — ${files.length} files, ${fmtMB(totalSize)} — ${args.rounds} rounds, median (min–max)\n`);
for (const [a, v, t, o] of rows) console.log(`${a.padEnd(w0)}  ${v.padEnd(w1)}  ${t.padEnd(w2)}  ${o}`.trimEnd());
if (result.bytes.worstExcess.length) {
  console.log("\nmost bytes over the floor:");
  for (const x of result.bytes.worstExcess.slice(0, 5)) console.log(`  ${x.path}: ${fmtBytes(x.bytesRead)} read, floor ${fmtBytes(x.floor)}, ${x.calls} calls, size ${fmtBytes(x.size)}`);
}

const out = args.out ?? join(here, "results", `${result.date.replace(/[:.]/g, "-")}.json`);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(result, null, 2) + "\n");
console.log(`\nwritten ${out}`);
rmSync(tmp, { recursive: true, force: true });
