import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { open } from "node:fs/promises";
import { ElfFile } from "../../src/elf/file.js";
import { fromBytes } from "../../src/io/bytes.js";
import { fromFileHandle } from "../../src/io/filehandle.js";
import { inspectGo, type GoAnalysis } from "../../src/go/index.js";

export const BIN = new URL("../binaries/", import.meta.url).pathname;
export const GOLDEN = new URL("../golden/go-version-m/", import.meta.url).pathname;

/** A command's availability, once. */
export function hasTool(cmd: string, args: string[] = ["version"]): boolean {
  try {
    execFileSync(cmd, args, { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

export const hasGo = hasTool("go");

export async function openBytes(bytes: Uint8Array, strict = false): Promise<ElfFile> {
  return ElfFile.open(fromBytes(bytes), { strict });
}

export async function analyzeBytes(bytes: Uint8Array, strict = false): Promise<{ elf: ElfFile; go: GoAnalysis | null }> {
  const elf = await openBytes(bytes, strict);
  return { elf, go: await inspectGo(elf) };
}

export async function analyzePath(path: string): Promise<{ elf: ElfFile; go: GoAnalysis | null }> {
  return analyzeBytes(readFileSync(path));
}

/** Analyses through a FileHandle source, so `stats.bytesRead` counts real reads. */
export async function analyzeFile(path: string): Promise<{ go: GoAnalysis | null; bytesRead: number; size: number }> {
  const handle = await open(path, "r");
  try {
    const { size } = await handle.stat();
    const source = fromFileHandle(handle, size);
    const elf = await ElfFile.open(source);
    const go = await inspectGo(elf);
    return { go, bytesRead: source.stats.bytesRead, size };
  } finally {
    await handle.close();
  }
}

/**
 * `go version -m` run in `cwd` on `name`: stdout and stderr together (Go 1.19 prints "not a
 * Go executable" on stderr and still exits 0).
 */
export function liveVersionM(cwd: string, name: string): string {
  const r = spawnSync("go", ["version", "-m", name], { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return r.stdout + r.stderr;
}

export function golden(name: string): string | undefined {
  const p = `${GOLDEN}${name}.txt`;
  return existsSync(p) ? readFileSync(p, "utf8") : undefined;
}

/** Text symbols (T/t) from `go tool nm`. */
export function nmTextSymbols(path: string): string[] {
  const out = execFileSync("go", ["tool", "nm", path], { encoding: "utf8", maxBuffer: 512 * 1024 * 1024 });
  const names: string[] = [];
  for (const line of out.split("\n")) {
    const m = /^\s*[0-9a-f]*\s+\d*\s*([Tt])\s+(.*)$/.exec(line);
    if (m !== null) names.push(m[2]!);
  }
  return names;
}
