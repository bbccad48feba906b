/**
 * cgo evidence from the symbol tables (the C side of runtime/cgo, which pclntab never lists),
 * read only when pclntab has not proved cgo; and the -buildmode setting against e_type.
 */
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ET_DYN, ET_EXEC } from "../../src/elf/constants.js";
import { ElfFile } from "../../src/elf/file.js";
import { fromBytes } from "../../src/io/bytes.js";
import { goExeFromElf, inspectGoExe, type GoExe } from "../../src/go/index.js";
import { goElf } from "./fixtures.js";
import { analyzeBytes, BIN } from "./helpers.js";

const have = (n: string) => existsSync(BIN + n);

/** The ELF view with `definedSymbols` counted. */
async function counted(name: string): Promise<{ exe: GoExe; calls: () => number }> {
  const elf = await ElfFile.open(fromBytes(readFileSync(BIN + name)));
  const exe = goExeFromElf(elf);
  let calls = 0;
  return {
    exe: { ...exe, definedSymbols: (names) => (calls++, exe.definedSymbols!(names)) },
    calls: () => calls,
  };
}

describe("cgo evidence from symbol tables", () => {
  for (const name of ["go-cgo-glibc", "go-cgo-musl", "go-cgo-static-glibc"].filter(have)) {
    it(`${name}: pclntab proves cgo, so no symbol table is consulted`, async () => {
      const { exe, calls } = await counted(name);
      const go = await inspectGoExe(exe);
      expect(go!.info.cgo).toBe(true);
      expect(go!.info.cgoEvidence.every((e) => e.source === "pclntab")).toBe(true);
      expect(calls()).toBe(0);
    });

    it(`${name}: without the function table, x_cgo_init in .symtab proves runtime/cgo`, async () => {
      const { exe, calls } = await counted(name);
      const go = await inspectGoExe(exe, { functions: false });
      expect(go!.info.cgoEvidence).toEqual([{ kind: "runtime-cgo", marker: "x_cgo_init", count: 1, source: ".symtab" }]);
      expect(go!.info.cgo).toBe(true);
      expect(calls()).toBe(1);
    });
  }

  it.skipIf(!have("go-cgo-glibc"))("a damaged function table (first funcOff out of range): x_cgo_init from .symtab still proves cgo", async () => {
    const bytes = new Uint8Array(readFileSync(BIN + "go-cgo-glibc"));
    const elf0 = await ElfFile.open(fromBytes(bytes));
    const at = elf0.sectionByName(".gopclntab")!.offset;
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    const functab = at + Number(view.getBigUint64(at + 8 + 7 * 8, true)); // go1.18 header word 7: pclnOffset
    view.setUint32(functab + 4, 0xffffffff, true);
    const elf = await ElfFile.open(fromBytes(bytes));
    const go = await inspectGoExe(goExeFromElf(elf));
    expect(elf.warnings.map((w) => w.code)).toContain("BAD_GO_PCLNTAB");
    expect(go!.functions!.size).toBe(0);
    expect(go!.info.cgoEvidence).toEqual([{ kind: "runtime-cgo", marker: "x_cgo_init", count: 1, source: ".symtab" }]);
    expect(go!.info.cgo).toBe(true);
  });

  for (const name of ["go-static", "go-netgo"].filter(have)) {
    it(`${name}: a complete function table without cgo reads no symbol table; _cgo_init (in every Go binary) is not evidence`, async () => {
      const { exe, calls } = await counted(name);
      const go = await inspectGoExe(exe);
      expect(go!.info.cgo).toBe(false);
      expect(calls()).toBe(0);
      const found = await exe.definedSymbols!(["_cgo_init", "x_cgo_init"]);
      expect(found).toEqual([{ name: "_cgo_init", table: ".symtab" }]);
      // Without a function table and without symbol evidence, cgo falls back to CGO_ENABLED.
      const bare = await inspectGoExe((await counted(name)).exe, { functions: false });
      expect(bare!.info.cgo).toBe(bare!.info.cgoEnabled === null ? null : bare!.info.cgoEnabled === "1");
    });
  }
});

describe("-buildmode against e_type", () => {
  const text = (mode: string) => `path\texample.com/app\nmod\texample.com/app\t(devel)\t\nbuild\t-buildmode=${mode}\nbuild\tCGO_ENABLED=0\n`;
  const go = async (mode: string, type: number) =>
    (await analyzeBytes(goElf({ class: 64, little: true, buildinfo: "inline", version: "go1.22.3", moduleText: text(mode), type }))).go!.info;

  it("-buildmode=pie on an ET_EXEC: a disagreement note", async () => {
    const info = await go("pie", ET_EXEC);
    expect(info.settings["-buildmode"]).toBe("pie");
    expect(info.buildmodeDisagreement).toMatch(/-buildmode=pie is recorded but the file is ET_EXEC/);
  });

  it("-buildmode=pie on an ET_DYN, -buildmode=exe on either: no note", async () => {
    expect((await go("pie", ET_DYN)).buildmodeDisagreement).toBeNull();
    expect((await go("exe", ET_EXEC)).buildmodeDisagreement).toBeNull();
    expect((await go("exe", ET_DYN)).buildmodeDisagreement).toBeNull();
  });

  it("no -buildmode setting (Go 1.19 test binaries): no note", async () => {
    for (const name of ["go-pie-nocgo", "go-static"].filter(have)) {
      const { go: g } = await analyzeBytes(readFileSync(BIN + name));
      expect(g!.info.buildmodeDisagreement).toBeNull();
    }
  });

  it.skipIf(!existsSync("/usr/local/bin/docker"))("the docker CLI on this machine: -buildmode=pie, ET_EXEC", async () => {
    const elf = await ElfFile.open(fromBytes(readFileSync("/usr/local/bin/docker")));
    const info = (await inspectGoExe(goExeFromElf(elf), { functions: false }))!.info;
    if (info.settings["-buildmode"] !== "pie" || elf.header.type !== ET_EXEC) return void console.warn("docker here is not a -buildmode=pie ET_EXEC");
    expect(info.buildmodeDisagreement).not.toBeNull();
  });
});
