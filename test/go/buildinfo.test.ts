/**
 * Build info in both formats on synthetic files: no Go 1.13–1.17 toolchain exists here, so
 * the pointer format is built from its definition (Go src/debug/buildinfo/buildinfo.go:
 * header + two pointers to Go string headers {data, len}, in the file's byte order).
 */
import { describe, expect, it } from "vitest";
import { ElfError } from "../../src/errors.js";
import { renderGoVersionM } from "../../src/go/index.js";
import { DataBuilder } from "../support/elf-writer.js";
import { goElf, RW_ADDR } from "./fixtures.js";
import { analyzeBytes } from "./helpers.js";

const MOD = [
  "path\texample.com/tool",
  "mod\texample.com/tool\tv1.2.3\th1:abc=",
  "dep\tgolang.org/x/sys\tv0.1.0\th1:sys=",
  "dep\tgithub.com/old/dep\tv1.0.0",
  "=>\tgithub.com/new/dep\tv1.0.1\th1:new=",
  "build\t-ldflags=\"-s -w -X main.v=1\"",
  "build\tCGO_ENABLED=0",
  "build\tvcs.modified=true",
  "build\tCGO_ENABLED=1",
  "",
].join("\n");

const EXPECTED = [
  "tool: go1.16.15",
  "\tpath\texample.com/tool",
  "\tmod\texample.com/tool\tv1.2.3\th1:abc=",
  "\tdep\tgolang.org/x/sys\tv0.1.0\th1:sys=",
  "\tdep\tgithub.com/old/dep\tv1.0.0",
  "\t=>\tgithub.com/new/dep\tv1.0.1\th1:new=",
  "\t", // Go's BuildInfo.String writes an empty line after a replacement
  "\tbuild\t-ldflags=\"-s -w -X main.v=1\"",
  "\tbuild\tCGO_ENABLED=0",
  "\tbuild\tvcs.modified=true",
  "\tbuild\tCGO_ENABLED=1",
  "",
].join("\n");

const shapes: [32 | 64, boolean][] = [[32, true], [32, false], [64, true], [64, false]];

describe("pointer format (Go 1.13–1.17)", () => {
  for (const [cls, little] of shapes) {
    it(`ELF${cls} ${little ? "little" : "big"}-endian`, async () => {
      const { elf, go } = await analyzeBytes(goElf({ class: cls, little, buildinfo: "pointer", moduleText: MOD }));
      expect(elf.warnings).toEqual([]);
      const info = go!.info;
      expect(info.buildInfo).toMatchObject({ format: "pointer", pointerSize: cls / 8, bigEndian: !little, foundBy: "section" });
      expect(info.version).toBe("go1.16.15");
      expect(info.deps[1]!.replace).toEqual({ path: "github.com/new/dep", version: "v1.0.1", sum: "h1:new=" });
      // Settings keep order and duplicates in the list; the map keeps the last value.
      expect(info.settingsList.map((s) => s.key)).toEqual(["-ldflags", "CGO_ENABLED", "vcs.modified", "CGO_ENABLED"]);
      expect(info.settings["-ldflags"]).toBe("-s -w -X main.v=1");
      expect(info.settings["CGO_ENABLED"]).toBe("1");
      expect(renderGoVersionM("tool", info)).toBe(EXPECTED);
    });
  }

  it("without section headers: found at the start of the writable segment", async () => {
    const { go } = await analyzeBytes(goElf({ class: 64, little: true, moduleText: MOD, sections: false }));
    expect(go!.info.buildInfo?.foundBy).toBe("data-segment");
    expect(renderGoVersionM("tool", go!.info)).toBe(EXPECTED);
  });

  it("GOPATH build without module text: just the version line", async () => {
    const { go } = await analyzeBytes(goElf({ class: 64, little: true, version: "go1.13" }));
    expect(renderGoVersionM("old", go!.info)).toBe("old: go1.13\n");
  });

  it("string headers pointing at each other: a warning, no hang, no huge read", async () => {
    // Both pointers name the header's own pointer fields, so each string header's "length" is
    // an address (0x40010), far beyond the limits.
    const loop = (ptr: number) => {
      const b = new DataBuilder(true, ptr === 8);
      b.bytes(new Uint8Array([0xff, ...new TextEncoder().encode(" Go buildinf:")])).u8(ptr).u8(0);
      b.word(RW_ADDR + 16n).word(RW_ADDR + 16n);
      return b.finish();
    };
    for (const cls of [32, 64] as const) {
      const bytes = goElf({ class: cls, little: true, buildinfoBytes: loop });
      const { elf, go } = await analyzeBytes(bytes);
      expect(go!.info.buildInfo).toBeNull();
      expect(elf.warnings.map((w) => w.code)).toContain("LIMIT_EXCEEDED");
      await expect(analyzeBytes(bytes, true)).rejects.toBeInstanceOf(ElfError);
    }
  });
});

describe("inline format (Go 1.18+)", () => {
  for (const [cls, little] of shapes) {
    it(`ELF${cls} ${little ? "little" : "big"}-endian`, async () => {
      const { go } = await analyzeBytes(goElf({ class: cls, little, buildinfo: "inline", version: "go1.16.15", moduleText: MOD }));
      expect(go!.info.buildInfo).toMatchObject({ format: "inline", pointerSize: cls / 8 });
      expect(renderGoVersionM("tool", go!.info)).toBe(EXPECTED);
    });
  }

  it("a varint length of 2^40: a warning in lenient mode, ElfError in strict mode", async () => {
    const damaged = (ptr: number) =>
      new DataBuilder(true).bytes(new Uint8Array([0xff, ...new TextEncoder().encode(" Go buildinf:")])).u8(ptr).u8(2).zeros(16).uvarint(2n ** 40n).bytes("go1.21").finish();
    const bytes = goElf({ class: 64, little: true, buildinfoBytes: damaged });
    const { elf, go } = await analyzeBytes(bytes);
    expect(go).not.toBeNull();
    expect(go!.info.buildInfo).toBeNull();
    expect(elf.warnings.map((w) => w.code)).toContain("LIMIT_EXCEEDED");
    await expect(analyzeBytes(bytes, true)).rejects.toMatchObject({ code: "LIMIT_EXCEEDED" });
  });

  it("a module text length past the segment: BAD_GO_BUILDINFO", async () => {
    const damaged = () =>
      new DataBuilder(true).bytes(new Uint8Array([0xff, ...new TextEncoder().encode(" Go buildinf:")])).u8(8).u8(2).zeros(16).uvarint(6).bytes("go1.21").uvarint(100_000).finish();
    const { elf, go } = await analyzeBytes(goElf({ class: 64, little: true, buildinfoBytes: damaged }));
    expect(go!.info.buildInfo).toBeNull();
    expect(elf.warnings.map((w) => w.code)).toContain("BAD_GO_BUILDINFO");
  });

  it("a bad line in the module text: Go's error, partial results kept", async () => {
    const { go } = await analyzeBytes(goElf({ class: 64, little: true, buildinfo: "inline", version: "go1.21.0", moduleText: "path\tx\nmod\tx\nbuild\tbad key=1\n" }));
    expect(go!.info.path).toBe("x");
    expect(go!.info.moduleTextError).toBe("could not parse Go build info: line 2: expected 2 or 3 columns; got 1");
    expect(renderGoVersionM("f", go!.info)).toBe("f: could not read Go build info from f: could not parse Go build info: line 2: expected 2 or 3 columns; got 1\n");
  });
});

describe("not Go", () => {
  it("a file with sections but no Go section is not Go, and reads nothing past the headers", async () => {
    const bytes = goElf({ class: 64, little: true, buildinfo: "none" });
    const { go, elf } = await analyzeBytes(bytes);
    expect(go).toBeNull();
    expect(elf.source.stats.calls).toBeLessThanOrEqual(3);
  });
  it("without section headers, a bounded search of the data segment finds nothing", async () => {
    const { go } = await analyzeBytes(goElf({ class: 32, little: false, buildinfo: "none", sections: false }));
    expect(go).toBeNull();
  });
});
