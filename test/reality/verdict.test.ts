/**
 * The verdict against reality: every file in test/binaries and a deterministic sample of this
 * machine's own programs is run alone in an empty root; `fails` must be said exactly when the
 * program did not start, and the blocker must match how it failed (ENOENT: a missing loader,
 * ENOEXEC: not this machine's format).
 */
import { lstatSync, openSync, readSync, closeSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, it, type ExpectStatic } from "vitest";
import { inspect } from "../../src/index.js";
import { binPath, testBinaries } from "../support/binaries.js";
import { binfmtHandlers, runInEmptyRoot, unavailableReason, type RunResult } from "./empty-root.js";

const skip = unavailableReason(binPath("go-static"));
if (skip !== null) console.warn(`test/reality skipped: ${skip}`);

const HOST: Record<string, string> = { x64: "linux/amd64", arm64: "linux/arm64", ia32: "linux/386", s390x: "linux/s390x", ppc64: "linux/ppc64le", riscv64: "linux/riscv64" };
const target = HOST[process.arch] ?? "linux/amd64";
const emulation = binfmtHandlers();

function isElf(path: string): boolean {
  const fd = openSync(path, "r");
  try {
    const b = Buffer.alloc(4);
    return readSync(fd, b, 0, 4, 0) === 4 && b.toString("latin1") === "\x7fELF";
  } finally {
    closeSync(fd);
  }
}

/** Program headers include PT_INTERP (a quick look, only to pick static programs for the sample). */
function hasInterp(path: string): boolean {
  const b = readFileSync(path).subarray(0, 1 << 16);
  if (b[4] !== 2 || b[5] !== 1) return true; // only ELF64 LSB is examined; others count as dynamic
  const phoff = Number(b.readBigUInt64LE(32));
  const phentsize = b.readUInt16LE(54);
  const phnum = b.readUInt16LE(56);
  for (let i = 0; i < phnum && phoff + (i + 1) * phentsize <= b.length; i++) if (b.readUInt32LE(phoff + i * phentsize) === 3) return true;
  return false;
}

/**
 * Regular ELF files of /usr/bin and /usr/sbin, sorted; every k-th to about `count`, plus the
 * statically linked ones (first few by name), so programs that start are in the sample too.
 */
function systemSample(count: number): string[] {
  const all: string[] = [];
  for (const dir of ["/usr/bin", "/usr/sbin"]) {
    for (const n of readdirSync(dir)) {
      const p = join(dir, n);
      try {
        if (lstatSync(p).isFile() && isElf(p)) all.push(p);
      } catch {
        /* unreadable: not sampled */
      }
    }
  }
  all.sort();
  const step = Math.max(1, Math.floor(all.length / count));
  const sample = all.filter((_, i) => i % step === 0).slice(0, count);
  const statics = all.filter((p) => !sample.includes(p) && !hasInterp(p)).slice(0, 5);
  return [...sample, ...statics];
}

interface Row {
  name: string;
  verdict: string;
  run: RunResult;
  codes: string[];
}
const rows: Row[] = [];

async function check(expect: ExpectStatic, path: string, name: string, args: string[]): Promise<void> {
  const report = await inspect(new Uint8Array(readFileSync(path)), { platform: target, path: name });
  const codes = report.scratch.findings.map((f) => f.code);
  // A foreign binary may start through qemu-user when binfmt_misc has a handler: then the
  // kernel, not the file, decides, and the row is not counted.
  if (emulation.length > 0 && codes.includes("ARCH_MISMATCH")) return;
  const run = await runInEmptyRoot(path, name.replace(/\//g, "_"), { args, timeoutMs: 3000 });
  rows.push({ name, verdict: report.scratch.verdict, run, codes });
  const what = `${name}: verdict ${report.scratch.verdict} [${codes.join(",")}], run ${run.started ? "started" : `failed ${run.failure}`}`;
  expect(report.scratch.verdict === "fails", what).toBe(!run.started);
  if (run.failure === "ENOENT") expect(codes, what).toContain("NEEDS_INTERPRETER");
  if (run.failure === "ENOEXEC") expect(codes.some((c) => c === "ARCH_MISMATCH" || c === "NOT_EXECUTABLE"), what).toBe(true);
  if (run.failure?.startsWith("SIG")) expect(codes, what).toContain("NOT_EXECUTABLE");
}

describe.skipIf(skip !== null)("empty-root runs agree with the verdict", () => {
  // Concurrent: each run is a separate process in its own root.
  it.concurrent.for(testBinaries())("test binary %s", async (name, { expect }) => {
    await check(expect, binPath(name), name, []);
  });

  it.concurrent.for(systemSample(30))("system program %s", async (path, { expect }) => {
    await check(expect, path, path, ["--version"]);
  });

  afterAll(() => {
    const started = rows.filter((r) => r.run.started).length;
    console.log(`reality: ${rows.length} executables run in an empty root (${started} started, ${rows.length - started} did not); ${emulation.length > 0 ? `binfmt_misc handlers: ${emulation.join(", ")}` : "no binfmt_misc handlers"}`);
  });
});
