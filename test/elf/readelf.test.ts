import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ElfFile } from "../../src/index.js";
import { binPath, GOLDEN_DIR, testBinaries } from "../support/binaries.js";
import { compareWithReadelf } from "../support/compare-readelf.js";
import { checkHashLookups } from "../support/hash-lookup.js";
import { hasReadelf, parseReadelf, readelfDynamicSymbols, readelfImports, readelfText } from "../support/readelf.js";
import { SOURCE_KINDS, sourceFor } from "../support/sources.js";

if (!hasReadelf()) console.warn("readelf not found: comparing with the golden readelf text in test/golden/readelf");

describe.each(SOURCE_KINDS)("agreement with readelf -W, through the %s source", (kind) => {
  it.each(testBinaries())("%s", async (name) => {
    const text = readelfText(binPath(name), join(GOLDEN_DIR, "readelf", `${name}.txt`));
    expect(text, "readelf output or its golden copy").toBeDefined();
    // Where readelf itself reports an error (its golden stderr, written by the build script:
    // a separate debug file's PT_INTERP without a path), we must warn too, and agree on the rest.
    const readelfComplains = existsSync(join(GOLDEN_DIR, "readelf", `${name}.stderr.txt`));
    const source = await sourceFor(kind, binPath(name));
    try {
      const elf = await ElfFile.open(source, { strict: !readelfComplains });
      const diffs = await compareWithReadelf(elf, parseReadelf(text!));
      expect(diffs).toEqual([]);
      if (readelfComplains) expect(elf.warnings.length).toBeGreaterThan(0);
      else expect(elf.warnings).toEqual([]);
    } finally {
      await source.close?.();
    }
  });
});

describe("section headers removed (e_shoff = e_shnum = e_shstrndx = 0)", () => {
  // readelf and Go's debug/elf need section headers for versions; we read them through the
  // dynamic section and the PT_LOAD map, so the stripped copy must say what the original says.
  it.each([
    ["c-glibc-dynamic-noshdr", "c-glibc-dynamic"],
    ["libdemo-noshdr.so", "libdemo.so"],
  ])("%s answers like %s", async (damaged, original) => {
    const a = await ElfFile.open(await sourceFor("bytes", binPath(damaged)), { strict: true });
    const b = await ElfFile.open(await sourceFor("bytes", binPath(original)), { strict: true });
    expect(a.sections).toEqual([]);
    const pick = async (e: ElfFile) => {
      const d = await e.dynamic();
      return {
        interp: await e.interpreter(),
        needed: d?.needed,
        soname: d?.soname,
        runpath: d?.runpath,
        rpath: d?.rpath,
        needs: await e.versionNeeds(),
        defs: await e.versionDefs(),
        buildId: (await e.noteFacts()).gnuBuildId,
        dynsyms: (await e.dynamicSymbols()).map((s) => `${s.name}@${s.version ?? ""}`),
      };
    };
    const [x, y] = [await pick(a), await pick(b)];
    expect(x).toEqual(y);
    expect(x.dynsyms.length).toBeGreaterThan(1);
  });
});

describe("imports: importedNames() is importedSymbols() without versions, and readelf's UND entries", () => {
  it.each(testBinaries())("%s", async (name) => {
    const e = await ElfFile.open(await sourceFor("bytes", binPath(name)), { strict: true });
    const full = await e.importedSymbols();
    const names = await e.importedNames();
    expect(names).toEqual(full.map((s) => s.name));
    expect(names.every((n) => n !== "")).toBe(true);
    if (!hasReadelf()) return;
    // readelf lists no dynamic symbols without section headers: ask it about the original.
    expect(names).toEqual(readelfImports(binPath(name.replace("-noshdr", ""))) ?? []);
  });
});

describe("lookups by name through DT_GNU_HASH agree with readelf's .dynsym", () => {
  it.each(testBinaries())("%s", async (name) => {
    if (!hasReadelf()) return;
    const syms = readelfDynamicSymbols(binPath(name.replace("-noshdr", "")));
    const e = await ElfFile.open(await sourceFor("bytes", binPath(name)), { strict: true });
    if (syms === undefined) {
      expect(await e.dynamicSymbol("main")).toBeUndefined();
      return;
    }
    expect(await checkHashLookups(e, syms, 1000)).toEqual([]);
  });
});
