/** The fixture writer (test/support/elf-writer.ts) produces files readelf and ElfFile agree on. */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { goElf, pclntab } from "./fixtures.js";
import { hasTool, openBytes } from "./helpers.js";

const hasReadelf = hasTool("readelf", ["--version"]);
if (!hasReadelf) console.warn("readelf is not installed: skipping the ELF writer cross-check");

describe("elf-writer", () => {
  const shapes: [32 | 64, boolean][] = [[32, true], [32, false], [64, true], [64, false]];
  for (const [cls, little] of shapes) {
    it(`ELF${cls} ${little ? "LE" : "BE"}: sections and segments as written`, async () => {
      const bytes = goElf({ class: cls, little, moduleText: "path\tx\n", pclntab: pclntab("go1.20", little, cls === 64 ? 8 : 4, ["main.main"]) });
      const elf = await openBytes(bytes, true);
      expect(elf.sections.map((s) => s.name)).toEqual(["", ".text", ".rodata", ".gopclntab", ".go.buildinfo", ".shstrtab"]);
      expect(elf.segments.map((s) => s.flags)).toEqual([5, 4, 6]);
      if (!hasReadelf) return;
      const path = join(mkdtempSync(join(tmpdir(), "elfscope-")), "fixture");
      writeFileSync(path, bytes);
      const out = execFileSync("readelf", ["-lSW", path], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
      expect(out).toContain(".gopclntab");
      expect(out.match(/^\s+LOAD\s/gm)?.length).toBe(3);
    });
  }
  it("without section headers", async () => {
    const elf = await openBytes(goElf({ class: 64, little: true, sections: false }), true);
    expect(elf.sections).toEqual([]);
    expect(elf.header.shoff).toBe(0);
  });
});
