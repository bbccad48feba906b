/**
 * pclntab layouts no toolchain here writes (Go 1.2–1.15, 1.16–1.17; and 1.18/1.20 in both
 * byte orders and pointer sizes), built from Go src/debug/gosym/pclntab.go, plus damage.
 */
import { describe, expect, it } from "vitest";
import { limits } from "../../src/limits.js";
import { goElf, pclntab, TEXT_ADDR, type Layout } from "./fixtures.js";
import { analyzeBytes } from "./helpers.js";

const NAMES = [
  "runtime.main",
  "main.main",
  "crypto/x509.(*Certificate).Verify",
  "gopkg.in/yaml%2ev3.Marshal",
  "go.uber.org/zap.New",
  "example.com/app/internal/x.F[...]",
  "type..eq.[...]internal/cpu.option",
  "time.loadLocation",
  "net._C2func_getaddrinfo",
  "crosscall2",
  "go.buildid",
];
const PACKAGES = ["crypto/x509", "example.com/app/internal/x", "go.uber.org/zap", "gopkg.in/yaml.v3", "main", "net", "runtime", "time"];

const layouts: Layout[] = ["go1.2", "go1.16", "go1.18", "go1.20"];
const shapes: [32 | 64, boolean][] = [[32, true], [32, false], [64, true], [64, false]];

describe("layouts", () => {
  for (const layout of layouts) {
    for (const [cls, little] of shapes) {
      it(`${layout} ELF${cls} ${little ? "LE" : "BE"}`, async () => {
        const table = pclntab(layout, little, cls === 64 ? 8 : 4, NAMES);
        const { elf, go } = await analyzeBytes(goElf({ class: cls, little, moduleText: "path\tmain\n", pclntab: table }));
        expect(elf.warnings).toEqual([]);
        expect(go!.info.pclntab).toMatchObject({ layout, foundBy: "section", functions: NAMES.length, byteOrder: little ? "little" : "big" });
        expect(go!.functions!.names()).toEqual([...NAMES].sort());
        expect(go!.info.packages).toEqual(PACKAGES);
        expect(go!.info.thirdPartyPackages).toEqual(["example.com/app/internal/x", "go.uber.org/zap", "gopkg.in/yaml.v3", "main"]);
        expect(go!.hasFunction("time.loadLocation")).toBe(true);
        expect(go!.hasFunctionPrefix("crypto/x509.")).toBe(true);
        expect(go!.hasFunctionPrefix("crypto/tls.")).toBe(false);
        expect(go!.features()).toMatchObject({ x509: true, timezoneLoading: true, netCgoResolver: true });
        expect(go!.info.cgo).toBe(true);
        // Entry i is TEXT_ADDR + 16i: absolute in 1.2/1.16, textStart + offset from 1.18.
        NAMES.forEach((n, i) => expect(go!.functionEntry(n), n).toBe(TEXT_ADDR + BigInt(16 * i)));
        expect(go!.functionEntry("main.nothere")).toBeUndefined();
      });
    }
  }

  it("found by magic search without section headers, after unrelated data", async () => {
    // Decoys: a lone magic with bad pad bytes, and one with a good start but no table behind it.
    const decoys = new Uint8Array(64);
    decoys.set([0xf1, 0xff, 0xff, 0xff, 1, 0, 1, 8], 0);
    decoys.set([0xf1, 0xff, 0xff, 0xff, 0, 0, 1, 8, 0xff, 0xff, 0xff, 0x7f], 16);
    const bytes = goElf({ class: 64, little: true, sections: false, rodataPrefix: decoys, pclntab: pclntab("go1.20", true, 8, NAMES) });
    const { go } = await analyzeBytes(bytes);
    expect(go!.info.pclntab).toMatchObject({ foundBy: "scan", layout: "go1.20" });
    expect(go!.info.packages).toEqual(PACKAGES);
  });

  it("without build info: version range from the layout as the last resort", async () => {
    const bytes = goElf({ class: 64, little: true, buildinfo: "none", pclntab: pclntab("go1.16", true, 8, NAMES) });
    const { go } = await analyzeBytes(bytes);
    expect(go!.info.version).toBe("go1.16..go1.17");
    expect(go!.info.versionSource).toBe("pclntab-layout");
  });

  it("without build info: version string recovered from read-only data through its string header", async () => {
    const { DataBuilder } = await import("../support/elf-writer.js");
    const { RO_ADDR } = await import("./fixtures.js");
    // Packed strings as the linker writes them: no separators around "go1.17.13".
    const ro = new DataBuilder(true).bytes("ignore go1.99 textgo1.17.1312345678").finish();
    const hdr = new DataBuilder(true).zeros(64).word(RO_ADDR + 18n).word(9).finish();
    const bytes = goElf({ class: 64, little: true, buildinfo: "none", rodataPrefix: ro, dataSuffix: hdr, pclntab: pclntab("go1.16", true, 8, NAMES) });
    const { go } = await analyzeBytes(bytes);
    expect(go!.info.version).toBe("go1.17.13");
    expect(go!.info.versionSource).toBe("string-header");
  });
});

describe("function index", () => {
  it("duplicate names keep the first entry; prefixes count distinct names", async () => {
    const { FunctionIndex } = await import("../../src/go/functions.js");
    const idx = FunctionIndex.fromNames(["b.F", "a.G", "b.F", "a.H", "α.F"], [1, 2, 3, 4, 5]);
    expect(idx.size).toBe(4);
    expect(idx.names()).toEqual(["a.G", "a.H", "b.F", "α.F"]);
    expect(idx.entry("b.F")).toBe(1n);
    expect(idx.entry("α.F")).toBe(5n);
    expect(idx.countPrefix("a.")).toBe(2);
    expect(idx.countPrefix("")).toBe(4);
    expect(idx.countPrefix("c")).toBe(0);
    expect([...idx.packages].sort()).toEqual(["a", "b", "α"]);
  });

  it("names spill over several arena chunks and stay exact", async () => {
    const { FunctionIndex } = await import("../../src/go/functions.js");
    const names = Array.from({ length: 30_000 }, (_, i) => `example.com/pkg${i % 97}.Function${i}WithALongName`);
    const idx = FunctionIndex.fromNames(names, names.map((_, i) => 0x400000 + i));
    expect(idx.size).toBe(names.length);
    expect(idx.packages.size).toBe(97);
    for (const i of [0, 1, 12345, 29_999]) expect(idx.entry(names[i]!)).toBe(BigInt(0x400000 + i));
    expect(idx.names()).toEqual([...names].sort());
  });

  it("textStart 0 and no .symtab: entries unknown, names still read", async () => {
    const table = pclntab("go1.20", true, 8, NAMES, (b) => b.u64(0, 8 + 2 * 8));
    const { go } = await analyzeBytes(goElf({ class: 64, little: true, pclntab: table }));
    expect(go!.functions!.size).toBe(NAMES.length);
    expect(go!.functionEntry("runtime.main")).toBeUndefined();
  });
});

describe("damage", () => {
  const withTable = (table: Uint8Array) => goElf({ class: 64, little: true, moduleText: "path\tmain\n", pclntab: table });

  it("bad quantum: BAD_GO_PCLNTAB warning, build info still read; strict throws", async () => {
    const table = pclntab("go1.20", true, 8, NAMES, (b) => b.u8(3, 6));
    const { elf, go } = await analyzeBytes(withTable(table));
    expect(go!.info.pclntab).toBeNull();
    expect(go!.info.path).toBe("main");
    expect(elf.warnings.map((w) => w.code)).toContain("BAD_GO_PCLNTAB");
    await expect(analyzeBytes(withTable(table), true)).rejects.toMatchObject({ code: "BAD_GO_PCLNTAB" });
  });

  it("nfunc = 2^31: LIMIT_EXCEEDED before anything is allocated", async () => {
    expect(2 ** 31).toBeGreaterThan(limits.maxGoFunctions);
    const table = pclntab("go1.18", true, 8, NAMES, (b) => b.u64(2 ** 31, 8));
    const { elf, go } = await analyzeBytes(withTable(table));
    expect(go!.info.pclntab).toBeNull();
    expect(elf.warnings.map((w) => w.code)).toContain("LIMIT_EXCEEDED");
  });

  it("nfunc larger than the table: BAD_GO_PCLNTAB", async () => {
    const table = pclntab("go1.2", false, 4, NAMES, (b) => b.u32(100_000, 8));
    const { elf, go } = await analyzeBytes(goElf({ class: 32, little: false, pclntab: table }));
    expect(go!.info.pclntab).toBeNull();
    expect(elf.warnings.map((w) => w.code)).toContain("BAD_GO_PCLNTAB");
  });

  it("a name offset outside the name table: names read so far are kept, one warning", async () => {
    // go1.18 layout, 64-bit: header 72 bytes; patch the last _func's nameOff.
    const table = pclntab("go1.18", true, 8, NAMES, (b) => b.u32(0x7fffffff, b.length - 40 + 4));
    const { elf, go } = await analyzeBytes(withTable(table));
    expect(go!.functions!.size).toBe(NAMES.length - 1);
    expect(elf.warnings.length).toBe(1);
  });

  it("offsets out of order: rejected", async () => {
    const table = pclntab("go1.20", true, 8, NAMES, (b) => b.u64(4, 8 + 3 * 8));
    const { elf } = await analyzeBytes(withTable(table));
    expect(elf.warnings.map((w) => w.code)).toContain("BAD_GO_PCLNTAB");
  });
});
