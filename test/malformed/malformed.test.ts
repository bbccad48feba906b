/**
 * The malformed-case suite (issue 6): each case is the builder's valid file with one field
 * broken. Each asserts the error code and offset that lenient mode records, what strict mode
 * throws, and which partial results survive. Every case runs in ELF32/ELF64, LE/BE.
 */
import { describe, expect, it } from "vitest";
import { ElfError, inspect, openElf, type Warning } from "../../src/index.js";
import { exercise } from "../fuzz/oracle.js";
import { build, F, type Built } from "./builder.js";
import { CASES, caseNamed } from "./cases.js";

const VARIANTS = [
  { class: 32, endian: "little" },
  { class: 32, endian: "big" },
  { class: 64, endian: "little" },
  { class: 64, endian: "big" },
] as const;

type Report = Awaited<ReturnType<typeof inspect>>;
interface Got {
  bytes: Uint8Array;
  built: Built;
  r: Report;
  strict: ElfError | undefined;
  w: (code: string) => Warning | undefined;
}

async function run(name: string, v: (typeof VARIANTS)[number]): Promise<Got> {
  const { bytes, built } = caseNamed(name).make(v);
  const r = await inspect(bytes);
  let strict: ElfError | undefined;
  try {
    await inspect(bytes, { strict: true });
  } catch (e) {
    if (!(e instanceof ElfError)) throw e;
    strict = e;
  }
  return { bytes, built, r, strict, w: (code) => r.warnings.find((x) => x.code === code) };
}

/** What the undamaged file reports, for comparison. */
const GOOD_NEEDED = ["libc.so.6", "libm.so.6"];
const GOOD_VERSIONS = { "libc.so.6": ["GLIBC_2.2.5", "GLIBC_2.34"] };
const hex = (n: number | bigint) => `0x${n.toString(16)}`;

describe.each(VARIANTS)("malformed ELF$class $endian", (v) => {
  const f = F[v.class];

  it("the undamaged file is clean", async () => {
    const r = await inspect(build(v).bytes, { strict: true });
    expect(r.warnings).toEqual([]);
    expect(r.dynamic?.needed).toEqual(GOOD_NEEDED);
    expect(r.versions.needed).toEqual(GOOD_VERSIONS);
  });

  it("e_shstrndx out of range: sections survive without names", async () => {
    const g = await run("shstrndx-out-of-range", v);
    expect(g.w("BAD_SECTION_INDEX")).toMatchObject({ offset: f.e.shstrndx, value: "17" });
    expect(g.strict?.code).toBe("BAD_SECTION_INDEX");
    expect(g.r.sections).toHaveLength(12);
    expect(g.r.sections.every((s) => s.name === "")).toBe(true);
    expect(g.r.dynamic?.needed).toEqual(GOOD_NEEDED);
  });

  it("valid extended numbering (e_shnum 0, PN_XNUM, SHN_XINDEX) reads like the original", async () => {
    const g = await run("extended-numbering-valid", v);
    const good = await inspect(build(v).bytes);
    expect(g.r.warnings).toEqual([]);
    expect(g.strict).toBeUndefined();
    // Section 0 now carries the counts (its sh_size); every real section reads the same.
    expect(g.r.sections[0]).toMatchObject({ type: "SHT_NULL", size: 12 });
    expect(g.r.sections.slice(1)).toEqual(good.sections.slice(1));
    expect(g.r.segments).toEqual(good.segments);
  });

  it("e_shnum 0 with section 0 sh_size 2^64-1: cut to what the file holds", async () => {
    const g = await run("shnum0-sh-size-max", v);
    // ELF32's sh_size is 32 bits: 0xffffffff. Either way far more than fit after e_shoff.
    expect(g.w("TRUNCATED")).toMatchObject({ offset: g.built.at.shoff });
    expect(g.strict?.code).toBe("TRUNCATED");
    expect(g.r.sections.map((s) => s.name)).toContain(".dynstr");
  });

  it("e_phnum PN_XNUM with a huge sh_info: the real segments are still first", async () => {
    const g = await run("phnum-xnum-huge-info", v);
    expect(g.w("TRUNCATED")).toMatchObject({ offset: g.built.at.phoff, value: "0xffffffff" });
    expect(g.r.segments.slice(0, 4).map((s) => s.type)).toEqual(["PT_LOAD", "PT_INTERP", "PT_DYNAMIC", "PT_NOTE"]);
    expect(g.r.dynamic?.needed).toEqual(GOOD_NEEDED);
  });

  for (const [name, value] of [["phentsize-0", "0"], ["phentsize-too-small", "8"]] as const) {
    it(`${name}: no segments; sections still give the dynamic section, symbols, versions`, async () => {
      const g = await run(name, v);
      expect(g.w("BAD_ENTRY_SIZE")).toMatchObject({ offset: f.e.phentsize, value });
      expect(g.strict?.code).toBe("BAD_ENTRY_SIZE");
      expect(g.r.segments).toEqual([]);
      expect(g.r.sections).toHaveLength(12);
      expect(g.r.dynamic?.needed).toEqual(GOOD_NEEDED);
      expect(g.r.versions.needed).toEqual(GOOD_VERSIONS);
      const elf = await openElf(g.bytes);
      expect((await elf.dynamicSymbols()).map((s) => `${s.name}@${s.version ?? ""}`)).toEqual(["@", "printf@GLIBC_2.2.5", "puts@GLIBC_2.34"]);
    });
  }

  for (const [name, value] of [["shentsize-0", "0"], ["shentsize-too-small", "12"]] as const) {
    it(`${name}: no sections; segments still give everything the loader sees`, async () => {
      const g = await run(name, v);
      expect(g.w("BAD_ENTRY_SIZE")).toMatchObject({ offset: f.e.shentsize, value });
      expect(g.r.sections).toEqual([]);
      expect(g.r.segments).toHaveLength(4);
      expect(g.r.interpreter).toBe("/lib/ld-test.so.1");
      expect(g.r.dynamic?.needed).toEqual(GOOD_NEEDED);
      expect(g.r.versions.needed).toEqual(GOOD_VERSIONS);
      expect(g.r.notes.gnuBuildId).toBe("deadbeef01020304");
    });
  }

  it("e_phoff 2^64-1: no segments, sections survive", async () => {
    const g = await run("phoff-max", v);
    expect(g.w("OUT_OF_BOUNDS")?.message).toBe("Invalid ELF program header table offset");
    expect(g.strict?.code).toBe("OUT_OF_BOUNDS");
    expect(g.r.segments).toEqual([]);
    expect(g.r.sections).toHaveLength(12);
    expect(g.r.dynamic?.needed).toEqual(GOOD_NEEDED);
  });

  it("e_shoff 2^64-1: no sections, segments survive", async () => {
    const g = await run("shoff-max", v);
    expect(g.w("OUT_OF_BOUNDS")?.message).toBe("Invalid ELF section header table offset");
    expect(g.r.sections).toEqual([]);
    expect(g.r.dynamic?.needed).toEqual(GOOD_NEEDED);
    expect(g.r.versions.needed).toEqual(GOOD_VERSIONS);
  });

  it("file cut inside the program header table: the whole entries survive", async () => {
    const g = await run("cut-inside-phdr-table", v);
    expect(g.w("TRUNCATED")).toMatchObject({ offset: g.built.at.phoff, value: "4" });
    expect(g.strict?.code).toBe("TRUNCATED");
    expect(g.r.segments.map((s) => s.type)).toEqual(["PT_LOAD", "PT_INTERP"]);
    expect(g.r.sections).toEqual([]);
  });

  it("sh_offset + sh_size wrapping: the name table is refused, sections kept", async () => {
    const g = await run("sh-offset-size-wraps", v);
    const w = g.w("OUT_OF_BOUNDS");
    expect(w).toBeDefined();
    // ELF64: an offset past 2^53 is the reported value; ELF32: the offset itself, past the end.
    if (v.class === 32) expect(w).toMatchObject({ offset: 0xfffffff8 });
    else expect(w?.value).toBe(hex(2n ** 64n));
    expect(g.r.sections).toHaveLength(12);
    expect(g.r.dynamic?.needed).toEqual(GOOD_NEEDED);
  });

  it("p_filesz past the end of the file: the mapping keeps the bytes that exist", async () => {
    const g = await run("load-filesz-past-eof", v);
    expect(g.w("TRUNCATED")).toMatchObject({ message: "PT_LOAD segment extends past the end of the file", offset: 0 });
    expect(g.r.dynamic?.needed).toEqual(GOOD_NEEDED);
    expect(g.r.versions.needed).toEqual(GOOD_VERSIONS);
    expect(g.r.warnings.filter((w) => w.code === "BAD_ADDRESS")).toEqual([]);
  });

  it("note with namesz 0xffffffff: earlier notes survive, one warning", async () => {
    const g = await run("note-namesz-max", v);
    const at = g.built.at.notes + g.built.at.notesSize - 12;
    expect(g.r.warnings.filter((w) => w.code === "BAD_NOTE")).toEqual([expect.objectContaining({ offset: at, value: "0xffffffff" })]);
    expect(g.strict?.code).toBe("BAD_NOTE");
    expect(g.r.notes.gnuBuildId).toBe("deadbeef01020304");
    expect(g.r.notes.abiTag).toBe("Linux 3.2.0");
  });

  it("note with descsz 0xfffffffc: earlier notes survive", async () => {
    const g = await run("note-descsz-fffffffc", v);
    const at = g.built.at.notes + g.built.at.notesSize - 16;
    expect(g.w("BAD_NOTE")).toMatchObject({ offset: at, value: "0xfffffffc" });
    expect(g.r.notes.gnuBuildId).toBe("deadbeef01020304");
  });

  it("note section with alignment 3: read as 4, warned", async () => {
    const g = await run("note-section-align-3", v);
    expect(g.w("BAD_NOTE")).toMatchObject({ message: "Invalid note alignment", offset: g.built.at.notes, value: "0x3" });
    expect(g.r.notes.gnuBuildId).toBe("deadbeef01020304");
  });

  it("dynamic section without DT_NULL: entries kept", async () => {
    const g = await run("dynamic-without-dt-null", v);
    expect(g.w("BAD_DYNAMIC")).toMatchObject({ offset: g.built.at.dynamic, value: "12" });
    expect(g.strict?.code).toBe("BAD_DYNAMIC");
    expect(g.r.dynamic?.needed).toEqual(GOOD_NEEDED);
    expect(g.r.dynamic?.soname).toBe("libtest.so.1");
  });

  it("DT_NEEDED past DT_STRSZ: that one entry lost, the others resolve", async () => {
    const g = await run("needed-past-strsz", v);
    expect(g.w("BAD_STRING")).toMatchObject({ offset: g.built.at.dynamic + f.dyn, value: hex(g.built.at.dynstrSize + 10) });
    expect(g.r.dynamic?.needed).toEqual(["libc.so.6"]);
    expect(g.r.dynamic?.soname).toBe("libtest.so.1");
  });

  it("DT_STRTAB at an unmapped address: .dynstr found through the section header", async () => {
    const g = await run("strtab-unmapped", v);
    expect(g.r.warnings).toEqual([expect.objectContaining({ code: "BAD_ADDRESS", value: "0x10" })]);
    expect(g.r.dynamic?.needed).toEqual(GOOD_NEEDED);
    expect(g.r.versions.needed).toEqual(GOOD_VERSIONS);
  });

  it("DT_STRTAB unmapped and no sections: entries kept, names unknown", async () => {
    const g = await run("strtab-unmapped-no-sections", v);
    expect(g.w("BAD_ADDRESS")).toMatchObject({ value: "0x10" });
    expect(g.r.dynamic?.needed).toEqual([]);
    expect(g.r.dynamic?.flags1).toEqual(["DF_1_PIE"]);
  });

  it("string tables without their final NUL: only the last string is lost", async () => {
    const g = await run("string-table-without-nul", v);
    const bad = g.r.warnings.filter((w) => w.code === "BAD_STRING");
    expect(bad.map((w) => w.offset).sort()).toEqual([g.built.at.dynstr + g.built.at.dynstrSize - 5, g.built.at.shstrtab + 1 + ".interp .note.gnu.build-id .dynstr .dynsym .hash .gnu.version .gnu.version_r .dynamic .symtab .strtab ".length].sort());
    expect(g.r.sections.filter((s) => s.name !== "")).toHaveLength(10);
    const syms = await (await openElf(g.bytes)).dynamicSymbols();
    expect(syms.map((s) => s.name)).toEqual(["", "printf", ""]);
  });

  for (const name of ["symtab-link-self", "symtab-link-out-of-range"]) {
    it(`${name}: symbols kept without names`, async () => {
      const g = await run(name, v);
      const symtab = g.built.sh[".symtab"]!;
      // The report of a dynamic file reads no .symtab (its imports answer), so ask for it.
      const elf = await openElf(g.bytes);
      const syms = await elf.symbols();
      expect(elf.warnings.find((w) => w.code === "BAD_SECTION_INDEX")).toMatchObject({
        offset: g.built.at.symtab,
        value: name.endsWith("self") ? String(symtab) : "9999",
      });
      expect(syms.map((s) => s.name)).toEqual(["", ""]);
      expect(syms[1]!.type).toBe(2);
    });
  }

  it("sh_entsize 0 on symbol tables: the standard size is used, no division by zero", async () => {
    const g = await run("symtab-entsize-0", v);
    expect(g.r.warnings).toEqual([]);
    const elf = await openElf(g.bytes);
    expect((await elf.symbols()).map((s) => s.name)).toEqual(["", "main"]);
    expect((await elf.dynamicSymbols()).map((s) => s.name)).toEqual(["", "printf", "puts"]);
  });

  it("verneed chain that wraps back (vn_next = -32 mod 2^32): earlier records kept", async () => {
    const g = await run("verneed-chain-loop", v);
    // The second record overlaps the first one's aux entries: the table (48 bytes) holds only
    // three 16-byte records, so the walk stops there, whatever the links say.
    expect(g.r.warnings.filter((w) => w.code === "LIMIT_EXCEEDED" || w.code === "BAD_VERSION_TABLE")).toEqual([
      expect.objectContaining({ code: "LIMIT_EXCEEDED", offset: g.built.at.verneed + 32 }),
    ]);
    expect(g.r.versions.needed["libc.so.6"]).toEqual(["GLIBC_2.2.5", "GLIBC_2.34"]);
  });

  it("verneed vn_next 0xffffffff with DT_VERNEEDNUM 0xffff: one record, no loop", async () => {
    const g = await run("verneed-next-self", v);
    expect(g.w("BAD_VERSION_TABLE")).toMatchObject({ offset: g.built.at.verneed, value: "0xffffffff" });
    expect(g.r.versions.needed).toEqual(GOOD_VERSIONS);
    expect(g.r.versions.glibc).toBe("2.34");
  });

  it("vn_cnt 0xffff: the chain's own end (vna_next 0) stops it", async () => {
    const g = await run("verneed-vn-cnt-ffff", v);
    expect(g.r.warnings).toEqual([]);
    expect(g.r.versions.needed).toEqual(GOOD_VERSIONS);
  });

  it("vn_cnt 0xffff with an aux chain running on: bounded by the table, real versions first", async () => {
    const g = await run("verneed-vn-cnt-ffff-aux-runs-on", v);
    const got = g.r.versions.needed["libc.so.6"]!;
    expect(got.slice(0, 2)).toEqual(["GLIBC_2.2.5", "GLIBC_2.34"]);
    expect(got.length).toBeLessThanOrEqual(g.bytes.length / 16);
  });

  it("overlapping PT_LOAD segments: the first by address and header order wins", async () => {
    const g = await run("overlapping-segments", v);
    expect(g.r.dynamic?.needed).toEqual(GOOD_NEEDED);
    expect(g.r.versions.needed).toEqual(GOOD_VERSIONS);
  });

  it("10,000 tiny notes: capped at limits.maxNotes, fast, the first notes kept", async () => {
    const t = performance.now();
    const g = await run("10000-tiny-notes", v);
    expect(performance.now() - t).toBeLessThan(2000);
    expect(g.w("LIMIT_EXCEEDED")).toMatchObject({ message: "Too many notes", value: "4096" });
    expect(g.r.notes.gnuBuildId).toBe("deadbeef01020304");
    expect((await (await openElf(g.bytes)).notes()).length).toBe(4096);
  });
});

describe("malformed: header-only shapes", () => {
  it("e_shnum 64768 with e_shentsize 0 in a 116-byte file: refused at once", async () => {
    const { bytes } = caseNamed("shnum-64768-shentsize-0-116-bytes").make({ class: 64 });
    expect(bytes.length).toBe(116);
    const r = await inspect(bytes);
    expect(r.warnings).toEqual([expect.objectContaining({ code: "BAD_ENTRY_SIZE", offset: 58, value: "0" })]);
    expect(r.sections).toEqual([]);
    await expect(inspect(bytes, { strict: true })).rejects.toMatchObject({ code: "BAD_ENTRY_SIZE", offset: 58 });
  });
});

describe("malformed: the fuzz oracle holds on every case", () => {
  for (const c of CASES) {
    it(c.name, async () => {
      for (const v of VARIANTS) expect(await exercise(c.make(v).bytes)).toBeUndefined();
    });
  }
});
