/**
 * `DT_GNU_HASH` lookups: the hash function, the imports outside the table, lookups by name, and
 * what a damaged table does (a warning and the whole `.dynsym` instead, never a wrong answer
 * where the full table gives the right one). Lookups on every test binary and on the machine's
 * own files are checked against readelf in readelf.test.ts and system-sweep.test.ts.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { gnuHash, unhashedRanges } from "../../src/elf/gnu-hash.js";
import { ElfFile, fromBytes, inspect } from "../../src/index.js";
import { binPath } from "../support/binaries.js";

const open = (bytes: Uint8Array, strict = false) => ElfFile.open(fromBytes(bytes), { strict });
const bytesOf = (name: string) => new Uint8Array(readFileSync(binPath(name)));

/** A copy of `name` with its `.gnu.hash` words patched: `words` maps a word index to its value. */
async function patchedHash(name: string, words: Record<number, number>): Promise<Uint8Array> {
  const bytes = bytesOf(name);
  const sec = (await open(bytes)).sectionByName(".gnu.hash")!;
  const dv = new DataView(bytes.buffer);
  for (const [i, v] of Object.entries(words)) dv.setUint32(sec.offset + 4 * Number(i), v, true);
  return bytes;
}

describe("the GNU hash function", () => {
  it("is glibc's dl_new_hash", () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(gnuHash(enc(""))).toBe(5381);
    // The worked example in the format's best-known write-up (flapenguin.me, "ELF: symbol lookup via DT_GNU_HASH").
    expect(gnuHash(enc("printf"))).toBe(0x156b2bb8);
  });
});

describe("unhashed ranges", () => {
  it("are below symoffset, and after the chains when a table hashes nothing", () => {
    expect(unhashedRanges({ symoffset: 5, hashedEnd: 9 }, 9)).toEqual([[0, 5]]);
    // GNU ld's table for a program that exports nothing: symoffset 1, no chains.
    expect(unhashedRanges({ symoffset: 1, hashedEnd: 1 }, 7)).toEqual([[0, 1], [1, 7]]);
    // A symoffset past the table: nothing is hashed.
    expect(unhashedRanges({ symoffset: 0xffffffff, hashedEnd: 0xffffffff + 3 }, 7)).toEqual([[0, 7]]);
    expect(unhashedRanges({ symoffset: 0, hashedEnd: 4 }, 4)).toEqual([]);
  });
});

describe("imports outside the hash table", () => {
  it("c-hardened: every import but the weak __cxa_finalize GNU ld hashed, which a lookup finds", async () => {
    const e = await open(bytesOf("c-hardened"), true);
    const outside = await e.importedNamesOutsideHash();
    const all = await e.importedNames();
    expect(outside.complete).toBe(false);
    expect(outside.names).toEqual(all.filter((n) => n !== "__cxa_finalize"));
    expect(outside.names).toContain("__stack_chk_fail");
    const hashed = await e.hashedSymbols(["__cxa_finalize", "__stack_chk_fail", "no_such_name"]);
    expect(hashed.map((s) => [s.name, s.index, s.shndx, s.version])).toEqual([["__cxa_finalize", 9, 0, "GLIBC_2.2.5"]]);
    // dynamicSymbol finds it either way: an import below symoffset, one in the table.
    expect((await e.dynamicSymbol("__stack_chk_fail"))?.index).toBe(5);
    expect((await e.dynamicSymbol("__cxa_finalize"))?.index).toBe(9);
    expect(await e.dynamicSymbol("main")).toBeUndefined();
  });

  it("c-nohardening: GNU ld's empty table (symoffset 1, no chains) hashes none of the imports", async () => {
    const e = await open(bytesOf("c-nohardening"), true);
    expect(await e.importedNamesOutsideHash()).toEqual({ names: await e.importedNames(), complete: true });
    expect((await e.dynamicSymbol("puts"))?.shndx).toBe(0);
  });

  it("libdemo.so: exports are found through the table with their versions", async () => {
    const e = await open(bytesOf("libdemo.so"), true);
    const found = await e.hashedSymbols(["demo_new", "demo_old", "__cxa_finalize"]);
    expect(found.map((s) => [s.name, s.version, s.value])).toEqual([["demo_new", "DEMO_2.0", 0x1110n], ["demo_old", "DEMO_1.0", 0x1100n]]);
  });

  it("without DT_GNU_HASH (Go's linker writes DT_HASH only) the list is the whole one", async () => {
    const e = await open(bytesOf("go-cgo-glibc"), true);
    expect(e.sectionByName(".gnu.hash")).toBeUndefined();
    const all = await e.importedNames();
    expect(all).toContain("malloc");
    expect(await e.importedNamesOutsideHash()).toEqual({ names: all, complete: true });
    expect(await e.hashedSymbols(["malloc"])).toEqual([]);
    expect((await e.dynamicSymbol("malloc"))?.shndx).toBe(0);
  });
});

describe("a damaged GNU hash table costs a warning, not an answer", () => {
  const cases: [string, string, Record<number, number>][] = [
    ["a Bloom filter size that is not a power of two", "libdemo.so", { 2: 3 }],
    ["no buckets", "libdemo.so", { 0: 0 }],
    ["a bucket pointing below symoffset", "libdemo.so", { 6: 1, 7: 1, 8: 1 }],
    ["chains that never end", "libdemo.so", { 9: 0x10, 10: 0x10, 11: 0x10, 12: 0x10 }],
    ["a Bloom filter and buckets running past the file", "libdemo.so", { 2: 0x4000_0000 }],
  ];
  it.each(cases)("%s", async (_what, name, words) => {
    const bytes = await patchedHash(name, words);
    const good = await open(bytesOf(name));
    const e = await open(bytes);
    // Every lookup still answers as the whole table does.
    for (const n of ["demo_new", "demo_old", "__cxa_finalize"]) {
      expect((await e.dynamicSymbol(n))?.index, n).toBe((await good.dynamicSymbol(n))?.index);
    }
    const outside = await e.importedNamesOutsideHash();
    const all = await e.importedNames();
    expect(all).toEqual(await good.importedNames());
    for (const n of outside.names) expect(all).toContain(n);
    if (!outside.complete) expect(outside.names).toEqual(all);
    expect(e.warnings.map((w) => w.code)).toContain("BAD_HASH_TABLE");
    // The report is the undamaged file's but for the warning.
    const [r, g] = [await inspect(bytes), await inspect(bytesOf(name))];
    expect({ ...r, warnings: [] }).toEqual({ ...g, warnings: [] });
    // Strict mode throws the same typed error instead.
    const strict = open(bytes, true).then((s) => Promise.all([s.importedNamesOutsideHash(), s.hashedSymbols(["demo_new", "demo_old"])]));
    await expect(strict).rejects.toMatchObject({ code: "BAD_HASH_TABLE" });
  });
});

describe("chain walking is bounded per call", () => {
  it("names past the budget cost a warning and the whole table answers", async () => {
    // Every name through the Bloom filter: each one walks a chain to its end.
    const bytes = await patchedHash("libdemo.so", { 4: 0xffffffff, 5: 0xffffffff });
    const e = await open(bytes);
    const names = [...Array.from({ length: 8000 }, (_, i) => `absent_${i}`), "demo_new"];
    const found = await e.hashedSymbols(names);
    expect(found.map((s) => [s.name, s.index])).toEqual([["demo_new", 8]]);
    expect(e.warnings.map((w) => w.code)).toEqual(["LIMIT_EXCEEDED"]);
    // A few names stay well inside it.
    const f = await open(bytes);
    expect((await f.hashedSymbols(["demo_old", "absent"])).map((s) => s.name)).toEqual(["demo_old"]);
    expect(f.warnings).toEqual([]);
  });
});
