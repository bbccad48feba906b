// One measurement in a fresh process, so peak RSS (process.resourceUsage().maxRSS) belongs to
// that measurement alone. Usage: node bench/worker.mjs <mode> <listfile> [options as JSON]
// Prints one JSON object on stdout. Modes:
//   fh       elfscope full report (inspect + JSON.stringify) through the FileHandle source
//   bytes    the same through the Uint8Array source (files preloaded, loading not timed)
//   elfy     npm `elfy`: readFile + parse (parse-only time reported too)
//   elfinfo  npm `elfinfo`: readFile + open (parse-only time reported too)
//   floor    per file: bytes read / read calls through FileHandle vs size and the floor
//   elf      the ELF layer's fields only (no analysis, no Go), through FileHandle
//   go       one file: full report + Go analysis through FileHandle, bytes read, calls
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { computeFloor } from "./floor.mjs";

const [mode, listFile, optJson] = process.argv.slice(2);
const opts = optJson ? JSON.parse(optJson) : {};
const files = readFileSync(listFile, "utf8").split("\n").filter(Boolean);
const concurrency = opts.concurrency ?? 8;
const require = createRequire(import.meta.url);

// ELFSCOPE_DIST: a private build (other engineers rebuild dist/ while the bench runs).
const dist = resolve(process.env.ELFSCOPE_DIST ?? new URL("../dist", import.meta.url).pathname);
const lib = await import(pathToFileURL(`${dist}/node.js`).href);
// `opts.pool`: large reads through one ReadBufferPool, as a host scanning many files may do
// (and the CLI does); builds before the pool existed run without one.
const readBuffers = opts.pool && typeof lib.ReadBufferPool === "function" ? new lib.ReadBufferPool() : undefined;

/** Runs `fn` over `items` with at most `n` in flight, in order of start. */
async function pool(items, n, fn) {
  let next = 0;
  const workers = Array.from({ length: Math.min(n, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i], i);
    }
  });
  await Promise.all(workers);
}

/** The ELF layer's part of the report (issue 2's fields), without the analysis and Go layers. */
async function elfOnly(source) {
  const elf = await lib.openElf(source);
  const [interp, dyn, notes, needs, defs, debug] = await Promise.all([elf.interpreter(), elf.dynamic(), elf.noteFacts(), elf.versionNeeds(), elf.versionDefs(), elf.debugInfo()]);
  return JSON.stringify({ h: elf.header, segments: elf.segments, sections: elf.sections, interp, dyn, notes, needs, defs, debug, w: elf.warnings }, (k, v) => (typeof v === "bigint" ? `0x${v.toString(16)}` : v)).length;
}

/** The full report, as the CLI produces it: inspect (+ Go when not yet part of it) and JSON. */
async function fullReport(source, path) {
  const r = await lib.inspect(source, { path });
  let extra = "";
  if (r.go === undefined && typeof lib.analyzeGo === "function") {
    // The Go layer has landed but inspect() does not include it yet: run it as the CLI would.
    const elf = await lib.openElf(source);
    extra = JSON.stringify((await lib.analyzeGo(elf)) ?? null);
  }
  return JSON.stringify(r).length + extra.length;
}

function rss() {
  return process.resourceUsage().maxRSS * 1024; // KiB -> bytes
}

async function main() {
  const out = { mode, files: files.length, errors: 0, errorSamples: [] };
  const err = (path, e) => {
    out.errors++;
    if (out.errorSamples.length < 5) out.errorSamples.push(`${path}: ${e?.message ?? e}`);
  };
  if (mode === "fh" || mode === "go" || mode === "elf") {
    // warmup: one untimed pass first (for per-file curves, where JIT warm-up would dominate).
    for (let pass = opts.warmup ? 0 : 1; pass < 2; pass++) {
    out.errors = 0;
    let bytesRead = 0;
    let calls = 0;
    let chars = 0;
    const t0 = performance.now();
    await pool(files, mode === "go" ? 1 : concurrency, async (path) => {
      let source;
      try {
        source = await lib.openFile(path, readBuffers === undefined ? {} : { pool: readBuffers });
        // Not `chars += await …`: that reads `chars` before the await and loses the other files' counts.
        const n = mode === "elf" ? await elfOnly(source) : await fullReport(source, path);
        chars += n;
      } catch (e) {
        err(path, e);
      } finally {
        if (source) {
          bytesRead += source.stats.bytesRead;
          calls += source.stats.calls;
          await source.close?.();
        }
      }
    });
    out.ms = performance.now() - t0;
    Object.assign(out, { bytesRead, calls, chars });
    }
  } else if (mode === "bytes") {
    // Preload in chunks of at most 256 MB; only inspect + stringify is timed.
    let ms = 0;
    let bytesRead = 0;
    let calls = 0;
    for (let i = 0; i < files.length; ) {
      const chunk = [];
      let size = 0;
      while (i < files.length && (chunk.length === 0 || size < 256e6)) {
        const data = readFileSync(files[i]);
        chunk.push([files[i++], new Uint8Array(data.buffer, data.byteOffset, data.byteLength)]);
        size += data.byteLength;
      }
      const t0 = performance.now();
      for (const [path, data] of chunk) {
        try {
          const source = lib.fromBytes(data);
          await fullReport(source, path);
          bytesRead += source.stats.bytesRead;
          calls += source.stats.calls;
        } catch (e) {
          err(path, e);
        }
      }
      ms += performance.now() - t0;
    }
    Object.assign(out, { ms, bytesRead, calls });
  } else if (mode === "elfy" || mode === "elfinfo") {
    const parse = mode === "elfy" ? require("elfy").parse : require("elfinfo").open;
    let parseMs = 0;
    let t0 = performance.now();
    // warmup: one untimed pass first, as for elfscope's warm figure.
    if (opts.warmup) {
      for (const path of files) {
        try {
          await parse(await readFile(path));
        } catch {
          // counted in the timed pass
        }
      }
      t0 = performance.now();
    }
    // Sequential, like their READMEs (and it keeps at most one file in memory).
    for (const path of files) {
      try {
        const data = await readFile(path);
        const p0 = performance.now();
        const r = await parse(data);
        parseMs += performance.now() - p0;
        if (r === undefined || r === null) throw new Error("no result");
        if (mode === "elfinfo" && r.success === false) throw new Error(r.errors?.join("; ") ?? "failed");
      } catch (e) {
        err(path, e);
      }
    }
    Object.assign(out, { ms: performance.now() - t0, parseMs });
  } else if (mode === "floor") {
    out.perFile = [];
    for (const path of files) {
      let source;
      try {
        source = await lib.openFile(path);
        const report = await lib.inspect(source, { path });
        const f = computeFloor(await readFile(path));
        const rec = { path, size: source.size, bytesRead: source.stats.bytesRead, calls: source.stats.calls, floor: f.floor, analysisFloor: f.analysisFloor, parts: f.parts, go: report.go !== null };
        // Where the bytes go: the ELF layer's report fields alone, then what the analysis adds
        // (each step on the same source, so a step only pays for what earlier steps did not read).
        const s2 = await lib.openFile(path);
        try {
          const elf = await lib.openElf(s2);
          await Promise.all([elf.interpreter(), elf.dynamic(), elf.noteFacts(), elf.versionNeeds(), elf.versionDefs(), elf.debugInfo()]);
          const steps = { elf: { ...s2.stats } };
          let prev = { ...s2.stats };
          const step = async (name, fn) => {
            await fn();
            steps[name] = { bytesRead: s2.stats.bytesRead - prev.bytesRead, calls: s2.stats.calls - prev.calls };
            prev = { ...s2.stats };
          };
          await step("dynsym", () => elf.dynamicSymbols());
          await step("symtab", () => elf.symbols());
          for (const name of [".rodata", ".comment"]) {
            const sec = elf.sectionByName(name);
            await step(name, async () => {
              if (sec !== undefined && sec.type !== 8) await elf.readSection(sec, 64 * 1024 * 1024).catch(() => {});
            });
          }
          rec.steps = steps;
        } finally {
          await s2.close?.();
        }
        out.perFile.push(rec);
      } catch (e) {
        err(path, e);
      } finally {
        await source?.close?.();
      }
    }
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
  out.maxRSS = rss();
  process.stdout.write(JSON.stringify(out) + "\n");
}

await main();
