/**
 * The machine's own ELF files against readelf: NEEDED, interpreter, SONAME, RPATH/RUNPATH,
 * section names, GNU build-id and version needs, and beyond those every field the test
 * binaries are checked on (header, segments, sections, dynamic tags, notes). A deterministic sample by default (every n-th
 * file of the sorted list); `SWEEP=all` compares every file.
 */
import { openSync, readSync, closeSync, readdirSync, lstatSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ElfFile } from "../../src/index.js";
import { compareWithReadelf } from "../support/compare-readelf.js";
import { checkHashLookups } from "../support/hash-lookup.js";
import { hasReadelf, parseReadelf, readelfDynamicSymbols, readelfText } from "../support/readelf.js";
import { sourceFor } from "../support/sources.js";

const ROOTS = ["/usr/bin", "/usr/sbin", "/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/libexec"];
const SAMPLE = process.env.SWEEP === "all" ? Infinity : 300;

function isElf(path: string): boolean {
  const fd = openSync(path, "r");
  try {
    const b = Buffer.alloc(4);
    return readSync(fd, b, 0, 4, 0) === 4 && b.readUInt32BE(0) === 0x7f454c46;
  } finally {
    closeSync(fd);
  }
}

function walk(dir: string, out: string[], depth = 0): void {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return;
  }
  for (const n of names) {
    const p = join(dir, n);
    const st = lstatSync(p, { throwIfNoEntry: false });
    if (st === undefined || st.isSymbolicLink()) continue;
    if (st.isDirectory() && depth < 3) walk(p, out, depth + 1);
    else if (st.isFile() && st.size >= 64 && st.size < 512 * 1024 * 1024) {
      try {
        if (isElf(p)) out.push(p);
      } catch {
        // unreadable: not ours to judge
      }
    }
  }
}

function systemFiles(): string[] {
  const all: string[] = [];
  for (const r of ROOTS) walk(r, all);
  if (all.length <= SAMPLE) return all;
  const step = all.length / SAMPLE;
  return Array.from({ length: SAMPLE }, (_, i) => all[Math.floor(i * step)]!);
}

const readelf = hasReadelf();
const files = readelf ? systemFiles() : [];

describe.skipIf(!readelf)("the machine's ELF files agree with readelf", () => {
  if (!readelf) console.warn("readelf not found: skipping the system sweep");
  it("found files to compare", () => {
    expect(files.length).toBeGreaterThan(50);
  });
  it.each(files)("%s", async (file) => {
    const text = readelfText(file);
    if (text === undefined) return;
    const source = await sourceFor("filehandle", file);
    try {
      const elf = await ElfFile.open(source);
      expect(await compareWithReadelf(elf, parseReadelf(text), {})).toEqual([]);
      // The imports the canary and FORTIFY checks read: readelf's UND entries of .dynsym, whole
      // or, outside DT_GNU_HASH, plus those found through it.
      const syms = readelfDynamicSymbols(file);
      if (syms !== undefined) {
        expect(await elf.importedNames()).toEqual(syms.filter((s) => s.ndx === "UND" && s.index !== 0).map((s) => s.name));
        expect(await checkHashLookups(elf, syms)).toEqual([]);
        // Real tables are sound: no lookup fell back on the whole table.
        expect(elf.warnings.filter((w) => w.code === "BAD_HASH_TABLE" || w.code === "LIMIT_EXCEEDED")).toEqual([]);
      }
    } finally {
      await source.close?.();
    }
  });
});
